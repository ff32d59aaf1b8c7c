// The modular surface: operations as data run by `createClient().send` and `Shutterstock.send`, the
// response metadata, the raw request, fields the contract omits, per-call options, logging and
// trace propagation, all against a real server on 127.0.0.1.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Effect, Layer, Logger, References, Schema, Tracer } from "effect";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  APIPromise,
  BadRequest,
  Credentials,
  conditional,
  createClient,
  getImage,
  getImageCollectionList,
  InvalidRequest,
  isNotModified,
  licenseTrack,
  NetworkError,
  NotFound,
  partial,
  responseCache,
  ServerError,
  Shutterstock,
  type ShutterstockConfig,
  searchImages,
  VERSION,
} from "../src/index.ts";
import { image } from "./support/fixtures.ts";
import { json, startServer, type TestServer } from "./support/server.ts";

const TOKEN = "modular-secret-token-5a4b3c";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.received.length = 0;
  server.handle((_, response) => json(response, 200, {}));
});

const client = (config: ShutterstockConfig = {}) =>
  createClient({
    baseUrl: server.url,
    credentials: Credentials.oauth(TOKEN),
    retry: { baseDelay: 1, maxDelay: 5 },
    ...config,
  });

describe("send", () => {
  it("runs an imported operation and resolves to its data", async () => {
    server.handle((_, response) => json(response, 200, image("42")));
    const result = await client().send(getImage, { id: "42" });
    expect(result.id).toBe("42");
    expect(server.received[0]?.url.pathname).toBe("/v2/images/42");
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("returns an APIPromise whose withResponse gives status, headers, request id and attempts", async () => {
    let calls = 0;
    server.handle((_, response) => {
      calls += 1;
      if (calls === 1) return json(response, 503, { message: "busy" });
      json(response, 200, image("7"), { "x-shutterstock-request-id": "req-123", etag: '"v1"' });
    });
    const pending = client().send(getImage, { id: "7" });
    expect(pending).toBeInstanceOf(APIPromise);
    const { data, response } = await pending.withResponse();
    expect(data.id).toBe("7");
    expect(response.status).toBe(200);
    expect(response.requestId).toBe("req-123");
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(response.attempts).toBe(2);
    // Awaiting the same promise reuses the one request.
    expect((await pending).id).toBe("7");
    expect(server.received).toHaveLength(2);
  });

  it("leaves no unhandled rejection when only withResponse is awaited", async () => {
    server.handle((_, response) => json(response, 404, { message: "no such image" }));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await expect(client().send(getImage, { id: "9" }).withResponse()).rejects.toBeInstanceOf(NotFound);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("keeps response fields newer than the contract", async () => {
    server.handle((_, response) => json(response, 200, { ...image("1"), brand_new_field: { x: 1 } }));
    const result = await client().send(getImage, { id: "1" });
    expect((result as unknown as Record<string, unknown>)["brand_new_field"]).toEqual({ x: 1 });
  });

  it("runs the same operation through the Effect API, with the same metadata", async () => {
    server.handle((_, response) => json(response, 200, image("3"), { "x-request-id": "effect-1" }));
    const { data, response } = await Effect.runPromise(
      Shutterstock.sendWithResponse(getImage, { id: "3" }).pipe(
        Effect.provide(Shutterstock.layer({ baseUrl: server.url })),
      ),
    );
    expect(data.id).toBe("3");
    expect(response.requestId).toBe("effect-1");
  });
});

describe("per-call options", () => {
  it("override the base URL, headers and retry policy for one call", async () => {
    const other = await startServer();
    try {
      other.handle((_, response) => json(response, 500, { message: "down" }));
      const error = await client()
        .send(getImage, { id: "1" }, { baseUrl: other.url, retry: false, headers: { "x-trace": "abc" } })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServerError);
      expect(other.received).toHaveLength(1);
      expect(other.received[0]?.headers["x-trace"]).toBe("abc");
      expect(server.received).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("refuses a base URL with credentials in it before sending", async () => {
    const error = await client()
      .send(getImage, { id: "1" }, { baseUrl: "http://user:pw@127.0.0.1:1" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequest);
    expect(String((error as InvalidRequest).message)).not.toContain("pw@");
  });

  it("withOptions makes a client whose defaults apply to every call", async () => {
    server.handle((_, response) => json(response, 200, image("1")));
    expect(client().withOptions({ baseUrl: "http://127.0.0.1:1" }).config.baseUrl.href).toBe(
      "http://127.0.0.1:1/",
    );
    const tagged = client().withOptions({ headers: { "x-tenant": "t1" } });
    await tagged.send(getImage, { id: "1" });
    await tagged.send(getImage, { id: "1" }, { headers: { "x-call": "c" } });
    expect(server.received.map((entry) => [entry.headers["x-tenant"], entry.headers["x-call"]])).toEqual([
      ["t1", undefined],
      ["t1", "c"],
    ]);
  });
});

describe("the default User-Agent", () => {
  it("names shutterkit, its version and the runtime, then the application's token", async () => {
    server.handle((_, response) => json(response, 200, image("1")));
    await client({ userAgent: "my-app/2.1" }).send(getImage, { id: "1" });
    expect(server.received[0]?.headers["user-agent"]).toBe(
      `shutterkit/${VERSION} (node/${process.versions.node}) my-app/2.1`,
    );
  });

  it("keeps the version in step with package.json", async () => {
    const { readFileSync } = await import("node:fs");
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });
});

describe("fields the contract omits", () => {
  it("sends body extras merged into the body, and still validates the known fields", async () => {
    server.handle((_, response) => json(response, 200, { data: [] }));
    await client().send(
      licenseTrack,
      { audio: [{ audio_id: "59656357", license: "audio_platform" }] },
      {},
      { extra: { body: { audio: [{ metadata: { customer_id: "c-1" } }], show_modal: true } } },
    );
    expect(JSON.parse(server.received[0]?.body ?? "{}")).toEqual({
      audio: [{ audio_id: "59656357", license: "audio_platform", metadata: { customer_id: "c-1" } }],
      show_modal: true,
    });

    const bad = await client()
      .send(
        licenseTrack,
        { audio: [{ audio_id: "1", license: "nope" as "audio_platform" }] },
        {},
        {
          extra: { body: { show_modal: true } },
        },
      )
      .catch((caught: unknown) => caught);
    expect(bad).toBeInstanceOf(InvalidRequest);
    expect(server.received).toHaveLength(1);
  });

  it("refuses extras that would replace a field, or reuse a declared parameter's name", async () => {
    const replaced = await client()
      .send(
        licenseTrack,
        { audio: [{ audio_id: "1" }] },
        {},
        { extra: { body: { audio: [{ audio_id: "2" }] } } },
      )
      .catch((caught: unknown) => caught);
    expect((replaced as InvalidRequest).issues.map((issue) => issue.path)).toEqual([
      "extra.body.audio[0].audio_id",
    ]);
    const declared = await client()
      .send(searchImages, { query: "x" }, { extra: { query: { query: "y" } } })
      .catch((caught: unknown) => caught);
    expect((declared as InvalidRequest).issues.map((issue) => issue.path)).toEqual(["extra.query.query"]);
    expect(server.received).toHaveLength(0);
  });

  it("sends query extras as repeated keys", async () => {
    server.handle((_, response) => json(response, 200, { data: [], total_count: 0, search_id: "s1" }));
    await client().send(searchImages, { query: "x" }, { extra: { query: { beta: ["a", "b"] } } });
    expect(server.received[0]?.url.searchParams.getAll("beta")).toEqual(["a", "b"]);
  });
});

describe("the raw request", () => {
  it("fills a known route template, sends the rest as query, and types the result from the route", async () => {
    server.handle((_, response) => json(response, 200, image("5")));
    const { data, response } = await client()
      .request("GET /v2/images/{id}", { params: { id: "5", view: "full" } })
      .withResponse();
    expect(data.id).toBe("5");
    expect(response.status).toBe(200);
    expect(server.received[0]?.url.pathname).toBe("/v2/images/5");
    expect(server.received[0]?.url.searchParams.get("view")).toBe("full");
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("returns the parsed JSON without a schema, and text for other content", async () => {
    server.handle((_, response) => json(response, 200, { anything: [1, 2] }));
    expect(await client().request("GET /v2/beta")).toEqual({ anything: [1, 2] });
    server.handle((_, response) => {
      response.writeHead(200, { "content-type": "text/csv" });
      response.end("a,b\n1,2\n");
    });
    expect(await client().request("GET /v2/beta.csv")).toBe("a,b\n1,2\n");
  });

  it("decodes with a given schema and fails with DecodeError on a mismatch", async () => {
    server.handle((_, response) => json(response, 200, { beta: 1 }));
    const Beta = Schema.Struct({ beta: Schema.Number });
    const ok = await client().request("GET /v2/beta", {}, { schema: Beta });
    expect(ok.beta).toBe(1);
    const Wrong = Schema.Struct({ beta: Schema.String });
    await expect(client().request("GET /v2/beta", {}, { schema: Wrong })).rejects.toMatchObject({
      _tag: "DecodeError",
    });
  });

  it("retries by method: a GET on 503, never a POST", async () => {
    server.handle((_, response) => json(response, 503, { message: "busy" }));
    await expect(client().request("GET /v2/beta")).rejects.toBeInstanceOf(ServerError);
    expect(server.received).toHaveLength(4);
    server.received.length = 0;
    await expect(client().request("POST /v2/beta", { body: { buy: true } })).rejects.toBeInstanceOf(
      ServerError,
    );
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.body).toBe('{"buy":true}');
  });

  it("refuses an unknown method or a missing path parameter before sending", async () => {
    await expect(client().request("FETCH /v2/x")).rejects.toBeInstanceOf(InvalidRequest);
    await expect(
      client().request("GET /v2/images/{id}", { params: {} as { id: string } }),
    ).rejects.toBeInstanceOf(InvalidRequest);
    expect(server.received).toHaveLength(0);
  });

  it("maps statuses to the same typed errors", async () => {
    server.handle((_, response) => json(response, 400, { message: "bad", errors: [{ message: "nope" }] }));
    await expect(client().request("GET /v2/beta")).rejects.toBeInstanceOf(BadRequest);
  });
});

describe("logging", () => {
  it("writes levelled lines to a custom logger, never with a credential", async () => {
    server.handle((_, response) => json(response, 503, {}));
    const lines: Array<[string, string, unknown]> = [];
    const logger = {
      log: (level: string, message: string, fields: unknown) => lines.push([level, message, fields]),
    };
    await client({ logLevel: "debug", logger })
      .send(getImage, { id: "1" })
      .catch(() => undefined);
    expect(lines.some(([level]) => level === "info")).toBe(true);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
    lines.length = 0;
    await client({ logLevel: "off", logger })
      .send(getImage, { id: "1" })
      .catch(() => undefined);
    expect(lines).toEqual([]);
  });

  it("goes through Effect's Logger in the Effect API when no logger is given", async () => {
    server.handle((_, response) => json(response, 200, image("1")));
    const messages: unknown[] = [];
    const capture = Logger.make(({ message }) => {
      messages.push(message);
    });
    await Effect.runPromise(
      Shutterstock.send(getImage, { id: "1" }).pipe(
        Effect.provide(
          Layer.merge(
            Shutterstock.layer({ baseUrl: server.url, logLevel: "debug" }),
            Logger.layer([capture]),
          ),
        ),
        // Effect's own minimum level applies too: its default, Info, would drop the debug line.
        Effect.provideService(References.MinimumLogLevel, "Debug"),
      ),
    );
    expect(JSON.stringify(messages)).toContain("GET /v2/images/{id}");
  });
});

describe("trace propagation", () => {
  it("sends the caller's span as traceparent, unless switched off", async () => {
    server.handle((_, response) => json(response, 200, image("1")));
    const run = (config: ShutterstockConfig) =>
      Effect.runPromise(
        Shutterstock.send(getImage, { id: "1" }).pipe(
          Effect.withSpan("caller"),
          Effect.provide(Shutterstock.layer({ baseUrl: server.url, ...config })),
          Effect.provideService(
            Tracer.Tracer,
            Tracer.make({ span: (options) => new Tracer.NativeSpan(options) }),
          ),
        ),
      );
    await run({});
    expect(server.received[0]?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    await run({ tracePropagation: false });
    expect(server.received[1]?.headers.traceparent).toBeUndefined();
  });

  it("sends no traceparent when no tracer is installed, even under the caller's span", async () => {
    server.handle((_, response) => json(response, 200, image("1")));
    await Effect.runPromise(
      Shutterstock.send(getImage, { id: "1" }).pipe(
        Effect.withSpan("caller"),
        Effect.provide(Shutterstock.layer({ baseUrl: server.url })),
      ),
    );
    expect(server.received[0]?.headers.traceparent).toBeUndefined();
  });
});

describe("an idle pooled connection the server closed", () => {
  // The race of issue 19: the client's event loop stalls (a blocking call) past the server's idle
  // timeout, so the pool still holds sockets the server has closed, and the next requests are
  // written on them before the close is seen.
  const withStalledClient = async (
    run: (baseUrl: string) => Promise<ReadonlyArray<PromiseSettledResult<unknown>>>,
  ) => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL("./fixtures/keep-alive-server.mjs", import.meta.url))],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, BODY: JSON.stringify(image("1")) },
      },
    );
    try {
      const port = await new Promise<string>((resolve) =>
        child.stdout.once("data", (chunk: Buffer) => resolve(String(chunk).trim())),
      );
      return await run(`http://127.0.0.1:${port}`);
    } finally {
      child.kill();
    }
  };
  const stall = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const failures = (results: ReadonlyArray<PromiseSettledResult<unknown>>) =>
    results
      .filter((result) => result.status === "rejected")
      .map((result) => String((result as PromiseRejectedResult).reason));

  it("never fails a call: a server with a 1 s keep-alive timeout, a client stalled 1.5 s, then 100 calls", async () => {
    const results = await withStalledClient(async (baseUrl) => {
      const idleClient = createClient({ baseUrl, retry: false });
      await Promise.all(Array.from({ length: 8 }, () => idleClient.send(getImage, { id: "1" })));
      stall(1_500);
      return Promise.allSettled(Array.from({ length: 100 }, () => idleClient.send(getImage, { id: "1" })));
    });
    expect(failures(results)).toEqual([]);
  });

  it("is a race that bare fetch loses in the same setup (so the test above tests something)", async () => {
    const results = await withStalledClient(async (baseUrl) => {
      await Promise.all(
        Array.from({ length: 8 }, () => fetch(`${baseUrl}/`).then((response) => response.text())),
      );
      stall(1_500);
      return Promise.allSettled(
        Array.from({ length: 100 }, () => fetch(`${baseUrl}/`).then((response) => response.text())),
      );
    });
    expect(failures(results).length).toBeGreaterThan(0);
  });

  it("fails a POST whose connection broke with a typed NetworkError, sent once", async () => {
    let posts = 0;
    const breaking = createServer((request, response) => {
      posts += 1;
      request.resume();
      request.on("end", () => response.socket?.destroy());
    });
    await new Promise<void>((resolve) => breaking.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(breaking.address() as AddressInfo).port}`;
    try {
      const error = await createClient({ baseUrl, credentials: Credentials.oauth(TOKEN) })
        .send(licenseTrack, { audio: [{ audio_id: "1" }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NetworkError);
      expect(posts).toBe(1);
    } finally {
      breaking.closeAllConnections();
      await new Promise((resolve) => breaking.close(resolve));
    }
  });
});

describe("conditional requests, partial responses and the response cache", () => {
  it("sends If-None-Match and resolves a 304 to NotModified", async () => {
    server.handle((request, response) => {
      if (request.headers["if-none-match"] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' });
        response.end();
        return;
      }
      json(response, 200, image("1"), { etag: '"v1"' });
    });
    const first = await client().send(getImage, { id: "1" }).withResponse();
    const etag = first.response.headers.get("etag") ?? "";
    const again = await client().send(conditional(getImage, etag), { id: "1" });
    expect(isNotModified(again)).toBe(true);
    expect(again).toEqual({ _tag: "NotModified", etag: '"v1"' });
    expect(server.received[1]?.headers["if-none-match"]).toBe('"v1"');
  });

  it("asks for some fields only and takes the partial answer without a DecodeError", async () => {
    server.handle((_, response) => json(response, 200, { id: "1" }));
    const result = await client().send(partial(getImage, "id,assets"), { id: "1" });
    expect(result.id).toBe("1");
    expect(server.received[0]?.url.searchParams.get("fields")).toBe("id,assets");
  });

  it("revalidates public answers from the cache, and never caches an account's own data", async () => {
    let full = 0;
    server.handle((request, response) => {
      if (request.headers["if-none-match"] === '"e1"') {
        response.writeHead(304, { etag: '"e1"' });
        response.end();
        return;
      }
      full += 1;
      if (request.url.pathname.startsWith("/v2/images/collections"))
        json(response, 200, { data: [], total_count: 0 }, { etag: '"c1"' });
      else json(response, 200, image("1"), { etag: '"e1"' });
    });
    const cached = client({ cache: responseCache() });
    await cached.send(getImage, { id: "1" });
    const second = await cached.send(getImage, { id: "1" }).withResponse();
    expect(second.data.id).toBe("1");
    expect(second.response.cached).toBe(true);
    expect(full).toBe(1);
    await cached.send(getImageCollectionList);
    await cached.send(getImageCollectionList);
    expect(full).toBe(3);
    expect(server.received.at(-1)?.headers["if-none-match"]).toBeUndefined();
  });
});
