import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { Credentials, createShutterstock, NetworkError, NotFound } from "@shutterkit/core";
import { encodePng, imageFromPixels } from "@shutterkit/sandbox/imaging";
import { type SandboxServer, startSandboxServer } from "@shutterkit/sandbox/node";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createNodeFetch,
  createShutterstock as createNodeShutterstock,
  nodeFetch,
  readEnvConfig,
  Shutterstock,
  ShutterstockNode,
  searchImages,
} from "../src/index.ts";

interface Echo {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

const echoOf = (request: IncomingMessage, body: Buffer): Echo => ({
  method: request.method ?? "",
  url: request.url ?? "",
  headers: request.headers,
  body: String(body),
});

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });

/** A test server that records which connections closed, so aborts can be shown to end the socket. */
const listen = async (
  handle: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void,
): Promise<{
  server: Server;
  url: string;
  sockets: Set<Socket>;
  closed: () => number;
  close: () => Promise<void>;
}> => {
  const sockets = new Set<Socket>();
  let closedCount = 0;
  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => handle(request, response, body),
      () => undefined,
    );
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      closedCount += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sockets,
    closed: () => closedCount,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** Deterministic bytes of any length: 64 KiB blocks of a fixed pattern. */
const BLOCK = Buffer.from(Array.from({ length: 64 * 1024 }, (_, index) => (index * 131 + 7) & 255));
const DOWNLOAD_BYTES = 50 * 1024 * 1024;
const expectedDigest = (() => {
  const hash = createHash("sha256");
  for (let sent = 0; sent < DOWNLOAD_BYTES; sent += BLOCK.length)
    hash.update(BLOCK.subarray(0, Math.min(BLOCK.length, DOWNLOAD_BYTES - sent)));
  return hash.digest("hex");
})();

const sendGenerated = (response: ServerResponse, total: number) => {
  response.writeHead(200, { "content-type": "application/octet-stream", "content-length": total });
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      const size = Math.min(BLOCK.length, total - sent);
      sent += size;
      if (!response.write(BLOCK.subarray(0, size))) {
        response.once("drain", pump);
        return;
      }
    }
    response.end();
  };
  pump();
};

let api: Awaited<ReturnType<typeof listen>>;
let other: Awaited<ReturnType<typeof listen>>;
const hits = new Map<string, number>();
const fetchImpl = createNodeFetch();

beforeAll(async () => {
  other = await listen((request, response, body) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(echoOf(request, body)));
  });
  api = await listen((request, response, body) => {
    const url = new URL(request.url ?? "/", "http://test");
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const echo = () => {
      response.writeHead(200, "Fine", { "content-type": "application/json" });
      response.end(JSON.stringify(echoOf(request, body)));
    };
    switch (url.pathname) {
      case "/echo":
        return echo();
      case "/multi":
        response.setHeader("set-cookie", ["a=1; Path=/", "b=2; Path=/"]);
        response.setHeader("x-many", ["one", "two"]);
        response.writeHead(200, { "content-type": "text/plain" });
        return response.end("multi");
      case "/status": {
        const status = Number(url.searchParams.get("code"));
        if (status === 204) {
          response.writeHead(204);
          return response.end();
        }
        response.writeHead(status, { "content-type": "application/json" });
        return response.end(JSON.stringify({ message: `status ${status}` }));
      }
      case "/hang":
        // Headers never come: only an abort ends this call.
        return;
      case "/trickle":
        response.writeHead(200, { "content-type": "application/octet-stream", "content-length": 1_000_000 });
        return response.write(BLOCK.subarray(0, 1024));
      case "/reset":
      case "/v2/images/search":
        response.writeHead(200, { "content-type": "application/json", "content-length": 100_000 });
        return response.write(BLOCK.subarray(0, 10_000), () =>
          setTimeout(() => request.socket.destroy(), 10),
        );
      case "/download":
        return sendGenerated(response, Number(url.searchParams.get("bytes") ?? DOWNLOAD_BYTES));
      case "/gzip":
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        return response.end(gzipSync(JSON.stringify({ packed: "gzip", pad: "x".repeat(5000) })));
      case "/br":
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "br" });
        return response.end(brotliCompressSync(JSON.stringify({ packed: "br" })));
      case "/redirect": {
        const status = Number(url.searchParams.get("status") ?? 302);
        response.writeHead(status, { location: url.searchParams.get("to") ?? "/echo" });
        return response.end("moving");
      }
      case "/loop":
        response.writeHead(302, { location: "/loop" });
        return response.end();
      default:
        response.writeHead(404, { "content-type": "text/plain" });
        return response.end("nothing here");
    }
  });
});

afterAll(async () => {
  await fetchImpl.close();
  await api.close();
  await other.close();
});

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
};

/** Waits for a condition the server observes; the test's own timeout bounds it. */
const eventually = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("createNodeFetch: requests and responses", () => {
  it("sends a ky-style Request with a JSON body and headers", async () => {
    const request = new Request(`${api.url}/echo?query=cat&per_page=2`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer t-1", "x-trace": "abc" },
      body: JSON.stringify({ images: [{ image_id: "1" }] }),
    });
    // ky passes its non-standard options as a second argument; they are ignored.
    const response = await fetchImpl(request, { someKyOption: true } as RequestInit);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe("Fine");
    expect(response.ok).toBe(true);
    expect(response.headers.get("content-type")).toBe("application/json");
    const echo = (await response.json()) as Echo;
    expect(echo.method).toBe("POST");
    expect(echo.url).toBe("/echo?query=cat&per_page=2");
    expect(echo.headers.authorization).toBe("Bearer t-1");
    expect(echo.headers["x-trace"]).toBe("abc");
    expect(echo.headers["content-type"]).toBe("application/json");
    expect(echo.headers["content-length"]).toBe(String(echo.body.length));
    expect(JSON.parse(echo.body)).toEqual({ images: [{ image_id: "1" }] });
  });

  it("sends a URL with init, including DELETE with a body and a string body's default type", async () => {
    const deleted = (await (
      await fetchImpl(new URL(`${api.url}/echo`), {
        method: "delete",
        headers: [["content-type", "application/json"]],
        body: JSON.stringify({ items: [{ id: "9" }] }),
      })
    ).json()) as Echo;
    expect(deleted.method).toBe("DELETE");
    expect(JSON.parse(deleted.body)).toEqual({ items: [{ id: "9" }] });

    const text = (await (
      await fetchImpl(`${api.url}/echo`, { method: "PUT", body: "plain" })
    ).json()) as Echo;
    expect(text.headers["content-type"]).toBe("text/plain;charset=UTF-8");
    expect(text.body).toBe("plain");

    const bytes = (await (
      await fetchImpl(`${api.url}/echo`, { method: "POST", body: new TextEncoder().encode("bytes") })
    ).json()) as Echo;
    expect(bytes.body).toBe("bytes");

    const form = (await (
      await fetchImpl(`${api.url}/echo`, { method: "POST", body: new URLSearchParams({ a: "1", b: "two" }) })
    ).json()) as Echo;
    expect(form.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
    expect(form.body).toBe("a=1&b=two");

    const data = new FormData();
    data.set("field", "value");
    const multipart = (await (
      await fetchImpl(`${api.url}/echo`, { method: "POST", body: data })
    ).json()) as Echo;
    expect(multipart.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipart.body).toContain('name="field"');
    expect(multipart.body).toContain("value");
  });

  it("lets init override a Request's method, headers and body", async () => {
    const request = new Request(`${api.url}/echo`, {
      method: "POST",
      body: "first",
      headers: { "x-a": "1" },
    });
    const echo = (await (
      await fetchImpl(request, { method: "PUT", body: "second", headers: { "x-b": "2" } })
    ).json()) as Echo;
    expect(echo.method).toBe("PUT");
    expect(echo.body).toBe("second");
    expect(echo.headers["x-b"]).toBe("2");
  });

  it("streams a ReadableStream request body", async () => {
    const parts = ["one ", "two ", "three"];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
        controller.close();
      },
    });
    const init = { method: "POST", body, duplex: "half" } as RequestInit;
    const echo = (await (await fetchImpl(`${api.url}/echo`, init)).json()) as Echo;
    expect(echo.body).toBe("one two three");
    expect(echo.headers["transfer-encoding"]).toBe("chunked");
  });

  it("keeps repeated response headers apart", async () => {
    const response = await fetchImpl(`${api.url}/multi`);
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(response.headers.get("x-many")).toBe("one, two");
    expect(await response.text()).toBe("multi");
  });

  it("returns 204 without a body and error statuses with theirs", async () => {
    const empty = await fetchImpl(`${api.url}/status?code=204`, { method: "DELETE" });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(await empty.text()).toBe("");

    for (const code of [404, 500]) {
      const response = await fetchImpl(`${api.url}/status?code=${code}`);
      expect(response.status).toBe(code);
      expect(response.ok).toBe(false);
      expect(await response.json()).toEqual({ message: `status ${code}` });
    }
    const head = await fetchImpl(`${api.url}/echo`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it("decodes gzip and brotli bodies and asks for them", async () => {
    expect(await (await fetchImpl(`${api.url}/gzip`)).json()).toEqual({
      packed: "gzip",
      pad: "x".repeat(5000),
    });
    expect(await (await fetchImpl(`${api.url}/br`)).json()).toEqual({ packed: "br" });
    const echo = (await (await fetchImpl(`${api.url}/echo`)).json()) as Echo;
    // undici's fetch offers brotli on https only, and decodes it anywhere.
    expect(echo.headers["accept-encoding"]).toBe("gzip, deflate");
    const identity = (await (
      await fetchImpl(`${api.url}/echo`, { headers: { "accept-encoding": "identity" } })
    ).json()) as Echo;
    expect(identity.headers["accept-encoding"]).toBe("identity");
  });

  it("serves many calls in flight at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const response = await fetchImpl(`${api.url}/echo?n=${index}`);
        return ((await response.json()) as Echo).url;
      }),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, index) => `/echo?n=${index}`));
  });

  it("refuses what fetch refuses", async () => {
    expect(await rejectionOf(fetchImpl(`${api.url}/echo`, { method: "GET", body: "x" }))).toBeInstanceOf(
      TypeError,
    );
    expect(await rejectionOf(fetchImpl("not a url"))).toBeInstanceOf(TypeError);
    expect(await rejectionOf(fetchImpl(`${api.url}/echo`, { method: "CONNECT" }))).toBeInstanceOf(TypeError);
  });
});

describe("createNodeFetch: aborts and failures", () => {
  it("rejects at once with the reason of an already aborted signal, sending nothing", async () => {
    const before = hits.get("/echo") ?? 0;
    const reason = new Error("changed my mind");
    const error = await rejectionOf(fetchImpl(`${api.url}/echo`, { signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    const plain = await rejectionOf(
      fetchImpl(new Request(`${api.url}/echo`, { signal: AbortSignal.abort() })),
    );
    expect((plain as DOMException).name).toBe("AbortError");
    expect(hits.get("/echo") ?? 0).toBe(before);
  });

  it("aborts while waiting for headers: rejects with the reason and closes the socket", async () => {
    const controller = new AbortController();
    const closedBefore = api.closed();
    const pending = fetchImpl(`${api.url}/hang`, { signal: controller.signal });
    await eventually(() => (hits.get("/hang") ?? 0) > 0);
    controller.abort();
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    await eventually(() => api.closed() > closedBefore);
  });

  it("takes a signal given next to a Request instead of the Request's own, as fetch does", async () => {
    const controller = new AbortController();
    const closedBefore = api.closed();
    const request = new Request(`${api.url}/hang`, { signal: new AbortController().signal });
    const pending = fetchImpl(request, { signal: controller.signal });
    await eventually(() => (hits.get("/hang") ?? 0) > 0);
    const reason = new Error("attempt over");
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
    await eventually(() => api.closed() > closedBefore);
    const stale = new AbortController();
    stale.abort();
    const fresh = await fetchImpl(new Request(`${api.url}/echo`, { signal: stale.signal }), {
      signal: new AbortController().signal,
    });
    expect(fresh.status).toBe(200);
    await fresh.arrayBuffer();
  });

  it("aborts while the body streams: the body errors with the reason and the socket closes", async () => {
    const controller = new AbortController();
    const closedBefore = api.closed();
    const response = await fetchImpl(`${api.url}/trickle`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBeGreaterThan(0);
    const reason = new Error("stop");
    controller.abort(reason);
    expect(await rejectionOf(reader.read())).toBe(reason);
    await eventually(() => api.closed() > closedBefore);
  });

  it("cancelling a large body closes its socket", async () => {
    const closedBefore = api.closed();
    const response = await fetchImpl(`${api.url}/download?bytes=${DOWNLOAD_BYTES}`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    await eventually(() => api.closed() > closedBefore);
  });

  it("fails to connect with TypeError('fetch failed') carrying ECONNREFUSED; core sees a connect NetworkError", async () => {
    const closed = await listen(() => undefined);
    const url = closed.url;
    await closed.close();
    const error = await rejectionOf(fetchImpl(`${url}/echo`));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
    expect(((error as TypeError).cause as { code?: string }).code).toBe("ECONNREFUSED");

    const client = createShutterstock({
      baseUrl: url,
      credentials: Credentials.oauth("t"),
      retry: false,
      fetch: fetchImpl,
    });
    const failure = await rejectionOf(client.images.searchImages({ query: "cat" }));
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as NetworkError).phase).toBe("connect");
  });

  it("a connection reset mid-body errors the body; core sees a transfer NetworkError", async () => {
    const response = await fetchImpl(`${api.url}/reset`);
    expect(response.status).toBe(200);
    const error = await rejectionOf(response.arrayBuffer());
    expect(error).toBeInstanceOf(TypeError);
    expect(typeof ((error as TypeError).cause as { code?: unknown }).code).toBe("string");

    const client = createShutterstock({
      baseUrl: api.url,
      credentials: Credentials.oauth("t"),
      retry: false,
      fetch: fetchImpl,
    });
    const failure = await rejectionOf(client.images.searchImages({ query: "cat" }));
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as NetworkError).phase).toBe("transfer");
  });

  it("refuses calls after close()", async () => {
    const own = createNodeFetch({ connections: 2, keepAliveTimeout: 1000 });
    expect((await own(`${api.url}/echo`)).status).toBe(200);
    await own.close();
    const error = await rejectionOf(own(`${api.url}/echo`));
    expect(error).toBeInstanceOf(TypeError);
  });
});

describe("createNodeFetch: large bodies", () => {
  it("streams a 50 MB download byte-exact", async () => {
    const response = await fetchImpl(`${api.url}/download?bytes=${DOWNLOAD_BYTES}`);
    expect(response.headers.get("content-length")).toBe(String(DOWNLOAD_BYTES));
    const hash = createHash("sha256");
    let received = 0;
    for await (const chunk of response.body as ReadableStream<Uint8Array>) {
      received += chunk.byteLength;
      hash.update(chunk);
    }
    expect(received).toBe(DOWNLOAD_BYTES);
    expect(hash.digest("hex")).toBe(expectedDigest);
  });
});

describe("createNodeFetch: redirects", () => {
  it("follows a 302 from POST as a GET without the body, and reports where it ended", async () => {
    const response = await fetchImpl(`${api.url}/redirect?status=302`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const echo = (await response.json()) as Echo;
    expect(echo.method).toBe("GET");
    expect(echo.body).toBe("");
    expect(echo.headers["content-type"]).toBeUndefined();
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${api.url}/echo`);
  });

  it("keeps method and body through 307 and 308, and turns 303 into GET", async () => {
    for (const status of [307, 308]) {
      const echo = (await (
        await fetchImpl(`${api.url}/redirect?status=${status}`, { method: "PUT", body: "kept" })
      ).json()) as Echo;
      expect(echo.method).toBe("PUT");
      expect(echo.body).toBe("kept");
    }
    const seeOther = (await (
      await fetchImpl(`${api.url}/redirect?status=303`, { method: "DELETE", body: "gone" })
    ).json()) as Echo;
    expect(seeOther.method).toBe("GET");
  });

  it("drops credentials when a redirect changes origin", async () => {
    const to = encodeURIComponent(`${other.url}/landing?x=1`);
    const response = await fetchImpl(`${api.url}/redirect?status=302&to=${to}`, {
      headers: { authorization: "Bearer secret", "x-keep": "yes" },
    });
    const echo = (await response.json()) as Echo;
    expect(echo.url).toBe("/landing?x=1");
    expect(echo.headers.authorization).toBeUndefined();
    expect(echo.headers["x-keep"]).toBe("yes");
    expect(echo.headers.host).toBe(new URL(other.url).host);
  });

  it("returns the redirect itself with redirect: 'manual' and fails with 'error'", async () => {
    const manual = await fetchImpl(`${api.url}/redirect?status=301`, { redirect: "manual" });
    expect(manual.status).toBe(301);
    expect(manual.headers.get("location")).toBe("/echo");
    expect(await manual.text()).toBe("moving");
    expect(await rejectionOf(fetchImpl(`${api.url}/redirect`, { redirect: "error" }))).toBeInstanceOf(
      TypeError,
    );
  });

  it("gives up after 20 redirects", async () => {
    const before = hits.get("/loop") ?? 0;
    const error = await rejectionOf(fetchImpl(`${api.url}/loop`));
    expect(error).toBeInstanceOf(TypeError);
    expect((hits.get("/loop") ?? 0) - before).toBe(21);
  });
});

describe("the core client through createNodeFetch", () => {
  let sandbox: SandboxServer;
  beforeAll(async () => {
    sandbox = await startSandboxServer({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it("searches, reads details, uploads and finds similar images against the sandbox", async () => {
    const client = createShutterstock({
      baseUrl: sandbox.url,
      credentials: Credentials.oauth(sandbox.credentials.accessToken),
      retry: false,
      fetch: fetchImpl,
    });
    const search = await client.images.searchImages({ query: "red", per_page: 3 });
    expect(search.data.length).toBeGreaterThan(0);
    const first = search.data[0];
    if (first === undefined) throw new Error("unreachable");
    const details = await client.images.getImage({ id: first.id });
    expect(details.id).toBe(first.id);

    const png = encodePng(imageFromPixels(32, 32, (x, y) => [200, (x * 8) & 255, (y * 8) & 255]));
    const { upload_id } = await client.computerVision.uploadImage({
      base64_image: Buffer.from(png).toString("base64"),
    });
    expect(upload_id).toMatch(/^U/);
    const similar = await client.computerVision.getSimilarImages({ asset_id: upload_id, per_page: 2 });
    expect(similar.data.length).toBeGreaterThan(0);

    expect(await rejectionOf(client.images.getImage({ id: "999999999999" }))).toBeInstanceOf(NotFound);
  });

  it("is the default of the environment configuration, and globalThis.fetch opts out", () => {
    const env = { SHUTTERSTOCK_API_TOKEN: "t" };
    expect(readEnvConfig({ env }).fetch).toBe(nodeFetch);
    expect(readEnvConfig({ env, fetch: globalThis.fetch }).fetch).toBe(globalThis.fetch);
  });

  it("is the default of the adapter's createShutterstock and ShutterstockNode.layer", async () => {
    const credentials = Credentials.oauth(sandbox.credentials.accessToken);
    expect(createNodeShutterstock({ credentials }).config.fetch).toBe(nodeFetch);
    expect(createNodeShutterstock({ credentials, fetch: globalThis.fetch }).config.fetch).toBe(
      globalThis.fetch,
    );
    const program = Effect.gen(function* () {
      const service = yield* Shutterstock;
      const search = yield* Shutterstock.send(searchImages, { query: "red", per_page: 1 });
      return { fetch: service.config.fetch, count: search.data.length };
    }).pipe(Effect.provide(ShutterstockNode.layer({ baseUrl: sandbox.url, credentials })));
    expect(await Effect.runPromise(program)).toEqual({ fetch: nodeFetch, count: 1 });
  });
});

describe("process lifetime", () => {
  const transport = fileURLToPath(new URL("../src/transport.ts", import.meta.url));

  /** Runs a TypeScript module in a child Node; resolves once it exits by itself. */
  const runScript = async (lines: string[], flags: string[] = []) => {
    const dir = await mkdtemp(join(tmpdir(), "shutterkit-exit-"));
    try {
      const script = join(dir, "script.ts");
      await writeFile(script, lines.join("\n"));
      const child = spawn(process.execPath, [...flags, script], { stdio: ["ignore", "pipe", "inherit"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += String(chunk);
      });
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      return { code, output: output.trim() };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  it("a script that makes calls and never closes still exits on its own", async () => {
    // The server keeps idle connections for a minute, so only the client side could let go.
    api.server.keepAliveTimeout = 60_000;
    try {
      const result = await runScript([
        `import { createNodeFetch, nodeFetch } from ${JSON.stringify(transport)};`,
        "const own = createNodeFetch({ keepAliveTimeout: 60_000 });",
        `const a = await own(${JSON.stringify(`${api.url}/echo`)});`,
        "await a.json();",
        `const b = await nodeFetch(${JSON.stringify(`${api.url}/echo`)});`,
        "await b.text();",
        "console.log('done', a.status, b.status);",
      ]);
      expect(result).toEqual({ code: 0, output: "done 200 200" });
    } finally {
      api.server.keepAliveTimeout = 5_000;
    }
  });

  it("a body dropped unread is aborted once its Response is collected; one being read is not", async () => {
    // The child serves a large body itself and waits for the client to let the socket go.
    const result = await runScript(
      [
        'import { createServer } from "node:http";',
        `import { createNodeFetch } from ${JSON.stringify(transport)};`,
        "let released = false;",
        "const server = createServer((request, response) => {",
        "  request.socket.on('close', () => { released = true; });",
        "  response.writeHead(200, { 'content-length': 16 * 1024 * 1024 });",
        "  const block = Buffer.alloc(64 * 1024, 1);",
        "  let sent = 0;",
        "  const pump = () => {",
        "    while (sent < 16 * 1024 * 1024) { sent += block.length; if (!response.write(block)) return; }",
        "    response.end();",
        "  };",
        "  response.on('drain', pump);",
        "  pump();",
        "});",
        "await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));",
        "const fetchImpl = createNodeFetch();",
        "const url = 'http://127.0.0.1:' + server.address().port + '/';",
        // A reader keeps the body going after its Response is collected.
        "let read = await fetchImpl(url);",
        "const stream = read.body;",
        "read = undefined;",
        "let received = 0;",
        "for await (const chunk of stream) {",
        "  received += chunk.byteLength;",
        "  if (received % (4 * 1024 * 1024) < chunk.byteLength) globalThis.gc();",
        "}",
        "console.log(received);",
        "released = false;",
        "let response = await fetchImpl(url);",
        "console.log(response.status);",
        "response = undefined;",
        "while (!released) { globalThis.gc(); await new Promise((resolve) => setTimeout(resolve, 10)); }",
        "console.log('released');",
        "server.close();",
        "server.closeAllConnections();",
      ],
      ["--expose-gc"],
    );
    expect(result).toEqual({ code: 0, output: `${16 * 1024 * 1024}\n200\nreleased` });
  });
});
