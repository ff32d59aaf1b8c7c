import { Config, ConfigProvider, Effect, Exit, Layer, Option, Redacted, Stream, Tracer } from "effect";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  BadRequest,
  Credentials,
  createShutterstock,
  DecodeError,
  Forbidden,
  getImage,
  getSimilarImages,
  InvalidRequest,
  NetworkError,
  NotFound,
  pages,
  RateLimited,
  ServerError,
  Shutterstock,
  type ShutterstockConfig,
  type ShutterstockError,
  searchImages,
  Timeout,
  tracing,
  Unauthorized,
} from "../src/index.ts";
import { image } from "./support/fixtures.ts";
import { json, startServer, type TestServer } from "./support/server.ts";

const TOKEN = "secret-oauth-token-9f8e7d";
const KEY = "app-key-1a2b3c";
const SECRET = "app-secret-4d5e6f";

const searchPage = (page: number, perPage: number, total: number) => ({
  data: Array.from({ length: Math.max(0, Math.min(perPage, total - (page - 1) * perPage)) }, (_, index) =>
    image(String((page - 1) * perPage + index + 1)),
  ),
  page,
  per_page: perPage,
  total_count: total,
  search_id: "s1",
});

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.received.length = 0;
});

const fast = { baseDelay: 1, maxDelay: 5 };
const client = (config: ShutterstockConfig = {}) =>
  createShutterstock({ baseUrl: server.url, credentials: Credentials.oauth(TOKEN), retry: fast, ...config });

const failure = async (promise: Promise<unknown>): Promise<ShutterstockError> => {
  try {
    await promise;
  } catch (error) {
    return error as ShutterstockError;
  }
  throw new Error("expected a failure");
};

describe("authentication", () => {
  it("sends an OAuth token as Bearer", async () => {
    server.handle((_, response) => json(response, 200, searchPage(1, 1, 1)));
    await client().images.searchImages({ query: "cat" });
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("sends an application key and secret as Basic", async () => {
    server.handle((_, response) => json(response, 200, searchPage(1, 1, 1)));
    await client({ credentials: Credentials.basic(KEY, Redacted.make(SECRET)) }).images.searchImages({
      query: "cat",
    });
    expect(server.received[0]?.headers.authorization).toBe(`Basic ${btoa(`${KEY}:${SECRET}`)}`);
  });

  it("sends the user agent when configured", async () => {
    server.handle((_, response) => json(response, 200, searchPage(1, 1, 1)));
    await client({ userAgent: "shutterkit-test/1.0" }).images.searchImages({ query: "cat" });
    expect(server.received[0]?.headers["user-agent"]).toMatch(
      /^shutterkit\/\d+\.\d+\.\d+\S* \(node\/\d+\.\d+\.\d+\) shutterkit-test\/1\.0$/,
    );
    await client({ headers: { "User-Agent": "replaced/1" } }).images.searchImages({ query: "x" });
    expect(server.received[1]?.headers["user-agent"]).toBe("replaced/1");
  });
});

describe("validation before sending", () => {
  it("lists every bad field and sends nothing", async () => {
    const error = await failure(
      client().computerVision.getSimilarImages({ per_page: 900, license: ["nope"] } as never),
    );
    expect(error).toBeInstanceOf(InvalidRequest);
    const issues = (error as InvalidRequest).issues.map((issue) => issue.path).sort();
    expect(issues).toEqual(["asset_id", "license[0]", "per_page"]);
    expect(server.received).toHaveLength(0);
  });

  it("rejects an asset id that is not an asset id, and unknown parameters", async () => {
    const error = await failure(client().images.getImage({ id: "0abc", colour: "red" } as never));
    expect(error).toBeInstanceOf(InvalidRequest);
    expect((error as InvalidRequest).issues.map((issue) => issue.path).sort()).toEqual(["colour", "id"]);
    expect(server.received).toHaveLength(0);
  });

  it("sends string enums that look like numbers as the strings the contract declares", async () => {
    server.handle((_, response) => json(response, 200, {}));
    await client({ decodeResponses: false }).videos.searchVideos({ aspect_ratio: "169" });
    expect(server.received[0]?.url.searchParams.get("aspect_ratio")).toBe("169");
    const error = await failure(client().videos.searchVideos({ aspect_ratio: 169 } as never));
    expect(error).toBeInstanceOf(InvalidRequest);
  });

  it("passes license metadata through as a free-form map of at most four fields", async () => {
    server.handle((_, response) => json(response, 200, {}));
    const metadata = { customer_id: "12345", search_term: "dog" };
    await client({ decodeResponses: false }).images.licenseImages({
      images: [{ image_id: "1", subscription_id: "s1", metadata }],
    });
    expect(JSON.parse(server.received[0]?.body ?? "{}").images[0].metadata).toEqual(metadata);
    const tooMany = { a: "1", b: "2", c: "3", d: "4", e: "5" };
    const error = await failure(
      client().images.licenseImages({
        images: [{ image_id: "1", subscription_id: "s1", metadata: tooMany }],
      }),
    );
    expect((error as InvalidRequest).issues[0]?.path).toBe("body.images[0].metadata");
  });

  it("refuses path values a URL cannot carry: empty segments, dot segments and lone surrogates", async () => {
    const empty = await failure(client().images.renameImageCollection({ name: "x" }, { id: "" }));
    expect((empty as InvalidRequest).issues).toEqual([
      { path: "id", message: "Expected a non-empty path segment" },
    ]);
    // A URL parser resolves "." and "..": GET /v2/images/collections/.. would reach /v2/images/.
    for (const id of [".", ".."]) {
      const dots = await failure(client().images.deleteImageCollection({ id }));
      expect((dots as InvalidRequest).issues).toEqual([
        { path: "id", message: 'Expected a path segment other than "." and ".."' },
      ]);
    }
    const surrogate = await failure(client().images.getImageCollection({ id: "\uD800" }));
    expect(surrogate).toBeInstanceOf(InvalidRequest);
    expect(server.received).toHaveLength(0);
  });

  it("refuses headers fetch would refuse, naming them, before sending", async () => {
    const error = await failure(
      client().images.searchImages({ query: "x" }, { headers: { "x-trace": "a\r\nb", "bad name": "v" } }),
    );
    expect((error as InvalidRequest).issues).toEqual([
      { path: "headers.x-trace", message: "Expected a header value without line breaks or NUL" },
      { path: "headers.bad name", message: "Expected a header name (an HTTP token)" },
    ]);
    expect(server.received).toHaveLength(0);
  });

  it("fails with InvalidRequest, not a defect, when the platform refuses to build the request", async () => {
    const agent = await failure(client({ userAgent: "bad\nagent" }).images.searchImages({ query: "x" }));
    expect(agent).toBeInstanceOf(InvalidRequest);
    expect(server.received).toHaveLength(0);
    const credentialsInUrl = new URL(server.url);
    credentialsInUrl.username = "someone";
    credentialsInUrl.password = "hunter22";
    expect(() => client({ baseUrl: credentialsInUrl })).toThrow(/must not carry credentials/);
    expect(() => client({ baseUrl: credentialsInUrl })).not.toThrow(/hunter22/);
  });

  it("validates bodies strictly", async () => {
    const error = await failure(client().images.createImageCollection({ title: "x" } as never));
    expect(error).toBeInstanceOf(InvalidRequest);
    expect((error as InvalidRequest).issues.map((issue) => issue.path).sort()).toEqual([
      "body.name",
      "body.title",
    ]);
    expect(server.received).toHaveLength(0);
  });
});

describe("typed errors", () => {
  const cases = [
    [
      400,
      { message: "Bad", errors: [{ code: "VALIDATION", message: "query is bad", path: "query" }] },
      BadRequest,
    ],
    [401, { message: "Unauthorized" }, Unauthorized],
    [403, { message: "Missing scope licenses.create" }, Forbidden],
    [404, { message: "Not found" }, NotFound],
    [429, { message: "Slow down" }, RateLimited],
    [500, { message: "Boom" }, ServerError],
    [503, { message: "Unavailable" }, ServerError],
    [408, { message: "Too slow" }, Timeout],
  ] as const;
  it.each(cases)("maps %i", async (status, body, type) => {
    server.handle((_, response) => json(response, status, body, { "x-request-id": "req-42" }));
    const error = await failure(client({ retry: false }).images.getImage({ id: "1" }));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, method: "GET", route: "/v2/images/{id}", requestId: "req-42" });
  });

  it("keeps the API's error list on BadRequest and the missing scope on Forbidden", async () => {
    server.handle((_, response) =>
      json(response, 400, {
        message: "Bad",
        errors: [{ code: "VALIDATION", message: "query is bad", path: "query" }],
      }),
    );
    const bad = await failure(client().images.searchImages({ query: "x" }));
    expect((bad as BadRequest).errors).toEqual([
      { code: "VALIDATION", message: "query is bad", path: "query" },
    ]);
    server.handle((_, response) => json(response, 403, { message: "Token lacks licenses.create" }));
    const forbidden = await failure(
      client().images.licenseImages({ images: [{ image_id: "1", subscription_id: "s1" }] }),
    );
    expect((forbidden as Forbidden).missingScopes).toEqual(["licenses.create"]);
  });

  it("reports a response that breaks the contract with its path", async () => {
    server.handle((_, response) => json(response, 200, { ...searchPage(1, 1, 1), total_count: "many" }));
    const error = await failure(client().images.searchImages({ query: "x" }));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).path).toBe("total_count");
  });

  it("skips decoding when asked, and keeps fields newer than the contract when decoding", async () => {
    server.handle((_, response) => json(response, 200, { ...searchPage(1, 1, 1), total_count: "many" }));
    const raw = await client({ decodeResponses: false }).images.searchImages({ query: "x" });
    expect(raw.total_count).toBe("many");
    server.handle((_, response) => json(response, 200, { ...searchPage(1, 1, 1), brand_new_field: true }));
    const result = await client().images.searchImages({ query: "x" });
    expect(result.total_count).toBe(1);
    expect(result).toHaveProperty("brand_new_field", true);
  });

  it("turns malformed JSON and a wrong content type into DecodeError", async () => {
    server.handle((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"data": [');
    });
    expect(await failure(client().images.searchImages({ query: "x" }))).toBeInstanceOf(DecodeError);
    server.handle((_, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html></html>");
    });
    expect(await failure(client().images.searchImages({ query: "x" }))).toBeInstanceOf(DecodeError);
  });

  it("turns a reset connection and a truncated body into NetworkError", async () => {
    server.handle((_, response) => {
      response.socket?.destroy();
    });
    const reset = await failure(client({ retry: false }).images.searchImages({ query: "x" }));
    expect(reset).toBeInstanceOf(NetworkError);
    expect((reset as NetworkError).phase).toBe("transfer");
    server.handle((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"data": [');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    expect(await failure(client({ retry: false }).images.searchImages({ query: "x" }))).toBeInstanceOf(
      NetworkError,
    );
  });

  it("fails with NetworkError phase connect when nothing listens", async () => {
    const closed = await startServer();
    await closed.close();
    const error = await failure(
      createShutterstock({ baseUrl: closed.url, retry: false }).images.searchImages({ query: "x" }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).phase).toBe("connect");
  });
});

describe("retries", () => {
  const flaky = (failures: number, status: number, headers: Record<string, string> = {}) => {
    let count = 0;
    server.handle((_, response) => {
      count += 1;
      if (count <= failures) json(response, status, { message: "try again" }, headers);
      else json(response, 200, searchPage(1, 1, 1));
    });
  };

  it.each([408, 429, 500, 502, 503, 504])("retries a GET on %i", async (status) => {
    flaky(2, status);
    await client().images.searchImages({ query: "x" });
    expect(server.received).toHaveLength(3);
  });

  it("does not retry a GET on 400, 401, 403 or 404", async () => {
    for (const status of [400, 401, 403, 404]) {
      server.received.length = 0;
      flaky(1, status);
      await failure(client().images.searchImages({ query: "x" }));
      expect(server.received, String(status)).toHaveLength(1);
    }
  });

  it("gives up after maxAttempts", async () => {
    flaky(10, 503);
    const error = await failure(
      client({ retry: { ...fast, maxAttempts: 3 } }).images.searchImages({ query: "x" }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(server.received).toHaveLength(3);
  });

  it("retries a POST only when the connection failed before sending", async () => {
    const closed = await startServer();
    await closed.close();
    const body = { images: [{ image_id: "1", subscription_id: "s1" }] };
    const events: string[] = [];
    const error = await failure(
      createShutterstock({
        baseUrl: closed.url,
        credentials: Credentials.oauth(TOKEN),
        retry: { ...fast, maxAttempts: 3 },
        onDebug: (event) => events.push(event.type),
      }).images.licenseImages(body),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(events.filter((type) => type === "request")).toHaveLength(3);
    server.handle((_, response) => {
      response.socket?.destroy();
    });
    await failure(client().images.licenseImages(body));
    expect(server.received).toHaveLength(1);
  });

  it("never retries a POST purchase on 5xx, but does on 429", async () => {
    flaky(1, 503);
    const body = { images: [{ image_id: "1", subscription_id: "s1" }] };
    expect(await failure(client().images.licenseImages(body))).toBeInstanceOf(ServerError);
    expect(server.received).toHaveLength(1);
    server.received.length = 0;
    flaky(1, 429, { "retry-after": "0" });
    await client({ decodeResponses: false }).images.licenseImages(body);
    expect(server.received).toHaveLength(2);
  });

  it("honours Retry-After in seconds and as an HTTP date", async () => {
    flaky(1, 429, { "retry-after": "1" });
    const started = Date.now();
    await client().images.searchImages({ query: "x" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    server.received.length = 0;
    flaky(1, 503, { "retry-after": new Date(Date.now() + 60_000).toUTCString() });
    // Longer than maxRetryAfter: the caller gets the error instead of a stall.
    const error = await failure(
      client({ retry: { ...fast, maxRetryAfter: 1000 } }).images.searchImages({ query: "x" }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfterMs).toBeGreaterThan(50_000);
    expect(server.received).toHaveLength(1);
  });

  it("can be turned off per call", async () => {
    flaky(1, 503);
    await failure(client().images.searchImages({ query: "x" }, { retry: false }));
    expect(server.received).toHaveLength(1);
  });
});

describe("timeouts and abort", () => {
  it("times out one attempt and retries it, then times out the whole call", async () => {
    server.handle(() => {
      // never answers
    });
    const error = await failure(
      client({ timeout: 100, totalTimeout: 1_000, retry: { ...fast, maxAttempts: 2 } }).images.searchImages({
        query: "x",
      }),
    );
    expect(error).toBeInstanceOf(Timeout);
    expect((error as Timeout).scope).toBe("attempt");
    expect(server.received).toHaveLength(2);
    const total = await failure(
      client({ timeout: 10_000, totalTimeout: 200 }).images.searchImages({ query: "x" }),
    );
    expect((total as Timeout).scope).toBe("total");
  });

  it("hands an injected fetch a request carrying the attempt's signal, and aborts it when the attempt times out", async () => {
    server.handle(() => {
      // never answers
    });
    const signals: AbortSignal[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      if (input instanceof Request) signals.push(input.signal);
      return globalThis.fetch(input, init);
    };
    const error = await failure(
      client({ fetch, timeout: 100, retry: false }).images.searchImages({ query: "x" }),
    );
    expect(error).toBeInstanceOf(Timeout);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it("aborts an in-flight request with an AbortSignal", async () => {
    server.handle(() => {
      // never answers
    });
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const pending = client().images.searchImages({ query: "x" }, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
    expect(server.received).toHaveLength(1);
    await expect(client().images.searchImages({ query: "x" }, { signal: controller.signal })).rejects.toBe(
      reason,
    );
    expect(server.received).toHaveLength(1);
  });

  it("interrupting the Effect aborts the request", async () => {
    let closed = false;
    server.handle((_, response) => {
      response.on("close", () => {
        closed = true;
      });
    });
    const program = Shutterstock.send(searchImages, { query: "x" }).pipe(
      Effect.timeout(50),
      Effect.provide(Shutterstock.layer({ baseUrl: server.url, retry: false })),
    );
    const exit = await Effect.runPromiseExit(program);
    expect(Exit.isFailure(exit)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
  });
});

describe("pagination", () => {
  beforeAll(() => {
    server.handle((request, response) => {
      const page = Number(request.url.searchParams.get("page") ?? 1);
      const perPage = Number(request.url.searchParams.get("per_page") ?? 20);
      json(response, 200, searchPage(page, perPage, 95));
    });
  });

  it("iterates every item of every page and stops at total_count", async () => {
    const ids: string[] = [];
    for await (const item of client().images.searchImages.all({ query: "x", per_page: 10 }))
      ids.push(item.id);
    expect(ids).toHaveLength(95);
    expect(new Set(ids).size).toBe(95);
    expect(server.received).toHaveLength(10);
  });

  it("fetches lazily: a cap stops the requests", async () => {
    server.handle((request, response) => {
      const page = Number(request.url.searchParams.get("page") ?? 1);
      json(response, 200, searchPage(page, 10, 95));
    });
    const ids: string[] = [];
    for await (const item of client().images.searchImages.all({ query: "x", per_page: 10 }, { maxItems: 25 }))
      ids.push(item.id);
    expect(ids).toHaveLength(25);
    expect(server.received).toHaveLength(3);
    server.received.length = 0;
    for await (const item of client().images.searchImages.all({ query: "x", per_page: 10 })) {
      if (item.id === "12") break;
    }
    expect(server.received).toHaveLength(2);
  });

  it("stops iterating when the signal aborts, mid-page or while a page is on its way", async () => {
    server.handle((request, response) => {
      const page = Number(request.url.searchParams.get("page") ?? 1);
      const send = () => json(response, 200, searchPage(page, 10, 95));
      if (page === 2) setTimeout(send, 200);
      else send();
    });
    const reason = new Error("enough");
    const midPage = new AbortController();
    const seen: string[] = [];
    const loop = async (signal: AbortSignal, onItem: (id: string) => void) => {
      for await (const item of client().images.searchImages.all({ query: "x", per_page: 10 }, { signal }))
        onItem(item.id);
    };
    await expect(
      loop(midPage.signal, (id) => {
        seen.push(id);
        if (id === "3") midPage.abort(reason);
      }),
    ).rejects.toBe(reason);
    expect(seen).toEqual(["1", "2", "3"]);
    expect(server.received).toHaveLength(1);

    server.received.length = 0;
    const waiting = new AbortController();
    const pending = loop(waiting.signal, (id) => {
      if (id === "10") setTimeout(() => waiting.abort(reason), 20);
    });
    await expect(pending).rejects.toBe(reason);
    expect(server.received).toHaveLength(2);
  });

  it("streams pages as an Effect Stream", async () => {
    server.handle((request, response) => {
      const page = Number(request.url.searchParams.get("page") ?? 1);
      json(response, 200, searchPage(page, Number(request.url.searchParams.get("per_page")), 95));
    });
    const collected = await Effect.runPromise(
      pages(searchImages, { query: "x", per_page: 30 }).pipe(
        Stream.runCollect,
        Effect.provide(Shutterstock.layer({ baseUrl: server.url })),
      ),
    );
    expect(Array.from(collected).map((page) => page.data.length)).toEqual([30, 30, 30, 5]);
  });
});

describe("the Effect API", () => {
  it("builds the client from an Effect Config", async () => {
    server.handle((_, response) => json(response, 200, searchPage(1, 1, 1)));
    const config = Config.all({ token: Config.Redacted("TOKEN"), baseUrl: Config.String("BASE_URL") }).pipe(
      Config.map(
        ({ token, baseUrl }): ShutterstockConfig => ({ baseUrl, credentials: Credentials.oauth(token) }),
      ),
    );
    const program = Shutterstock.send(searchImages, { query: "x" }).pipe(
      Effect.provide(Shutterstock.layerEffect(config)),
      Effect.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({ TOKEN, BASE_URL: server.url }))),
    );
    expect((await Effect.runPromise(program)).total_count).toBe(1);
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("makes one span per call with method, route, status and attempt count, under the caller's span", async () => {
    let count = 0;
    const spans: Tracer.Span[] = [];
    const tracer = Tracer.make({
      span(options) {
        const span = Tracer.nativeTracer.span(options);
        spans.push(span);
        return span;
      },
    });
    const failing = Shutterstock.send(getImage, { id: "1" }).pipe(Effect.ignore);
    const program = Shutterstock.send(searchImages, { query: "x" }).pipe(
      Effect.andThen(failing),
      Effect.withSpan("caller"),
      Effect.provide(Shutterstock.layer({ baseUrl: server.url, retry: fast, tracing: tracing() })),
      Effect.withTracer(tracer),
    );
    server.handle((request, response) => {
      count += 1;
      if (request.url.pathname === "/v2/images/1") json(response, 404, { message: "nope" });
      else if (count === 1) json(response, 503, { message: "busy" });
      else json(response, 200, searchPage(1, 1, 1));
    });
    await Effect.runPromise(program);
    const caller = spans.find((span) => span.name === "caller");
    const search = spans.find((span) => span.name === "shutterstock.searchImages");
    const details = spans.find((span) => span.name === "shutterstock.getImage");
    expect(search?.parent).toEqual(Option.some(caller));
    expect(Object.fromEntries(search?.attributes ?? [])).toMatchObject({
      "http.request.method": "GET",
      "url.template": "/v2/images/search",
      "http.response.status_code": 200,
      "shutterstock.attempts": 2,
    });
    expect(search?.status._tag).toBe("Ended");
    expect(Object.fromEntries(details?.attributes ?? [])).toMatchObject({
      "url.template": "/v2/images/{id}",
      "shutterstock.attempts": 1,
    });
    expect(details?.status._tag === "Ended" && Exit.isFailure(details.status.exit)).toBe(true);
  });

  it("makes no span of its own without the tracing option", async () => {
    const spans: Tracer.Span[] = [];
    const tracer = Tracer.make({
      span(options) {
        const span = Tracer.nativeTracer.span(options);
        spans.push(span);
        return span;
      },
    });
    server.handle((_, response) => json(response, 200, searchPage(1, 1, 1)));
    await Effect.runPromise(
      Shutterstock.send(searchImages, { query: "x" }).pipe(
        Effect.withSpan("caller"),
        Effect.provide(Shutterstock.layer({ baseUrl: server.url })),
        Effect.withTracer(tracer),
      ),
    );
    expect(spans.map((span) => span.name)).toEqual(["caller"]);
    expect(server.received[0]?.headers.traceparent).toBeUndefined();
  });

  it("fails with typed errors that catchTag can handle", async () => {
    server.handle((_, response) => json(response, 404, { message: "nope" }));
    const program = Shutterstock.send(getSimilarImages, { asset_id: "U123" }).pipe(
      Effect.map(() => "found"),
      Effect.catchTag("NotFound", (error) => Effect.succeed(`missing ${error.route}`)),
      Effect.provide(Layer.mergeAll(Shutterstock.layer({ baseUrl: server.url }))),
    );
    expect(await Effect.runPromise(program)).toBe("missing /v2/cv/similar/images");
  });
});

describe("credentials never leak", () => {
  it("keeps token, key and secret out of errors, their JSON, stack, cause and debug events", async () => {
    const events: unknown[] = [];
    // A hostile server echoes the Authorization header back in its error message.
    server.handle((request, response) =>
      json(response, 400, {
        message: `bad auth ${request.headers.authorization}`,
        errors: [{ message: TOKEN }],
      }),
    );
    const oauth = await failure(
      client({ onDebug: (event) => events.push(event) }).images.searchImages({ query: "x" }),
    );
    server.handle((request, response) =>
      json(response, 401, { message: `nope ${request.headers.authorization}` }),
    );
    const basic = await failure(
      client({
        credentials: Credentials.basic(KEY, SECRET),
        onDebug: (event) => events.push(event),
      }).images.getImage({
        id: "1",
      }),
    );
    const invalid = await failure(client().images.getImage({ id: TOKEN } as never));
    const basicToken = btoa(`${KEY}:${SECRET}`);
    for (const error of [oauth, basic, invalid]) {
      const text = [
        String(error),
        JSON.stringify(error),
        error.stack ?? "",
        String(error.cause ?? ""),
        error.message,
      ].join("\n");
      for (const secret of [TOKEN, KEY, SECRET, basicToken]) expect(text).not.toContain(secret);
    }
    const debugText = JSON.stringify(events);
    expect(events.length).toBeGreaterThan(0);
    for (const secret of [TOKEN, KEY, SECRET, basicToken]) expect(debugText).not.toContain(secret);
    expect(String(client().config.credentials && JSON.stringify(client().config))).not.toContain(TOKEN);
  });
});
