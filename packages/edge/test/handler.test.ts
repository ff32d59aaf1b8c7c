// Handler behaviour that needs a scripted upstream (failures, slowness) rather than a real API.
import {
  BadRequest,
  Credentials as CoreCredentials,
  createShutterstock,
  Forbidden,
  operations,
} from "@shutterkit/core";
import { describe, expect, it, vi } from "vitest";
import {
  type Authorize,
  anonymous,
  byOperationId,
  type CacheStore,
  Credentials,
  createEnvProxyHandler,
  createProxyHandler,
  type EnvProxyOptions,
  ProxyConfigError,
  type ProxyLogEntry,
  type ProxyOptions,
  type ProxySettings,
} from "../src/index.ts";

const TOKEN = "server-token-0c41d2";
const ORIGIN = "https://app.example.com";

type Upstream = (request: Request) => Response | Promise<Response>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const proxyWith = (
  upstream: Upstream,
  options: Partial<ProxySettings> & { readonly authorize?: Authorize } = {},
) => {
  const seen: Request[] = [];
  const handler = createProxyHandler({
    credentials: CoreCredentials.oauth(TOKEN),
    baseUrl: "https://api.test",
    allow: byOperationId(operations, ["searchImages", "getImage", "getImageCollectionList"]),
    cors: { origins: [ORIGIN] },
    cache: false,
    rateLimit: false,
    authorize: () => ({ id: "tester", grants: ["write"] }),
    ...options,
    upstream: {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request);
        return upstream(request);
      },
      ...options.upstream,
    },
  });
  const call = (path: string, init: RequestInit = {}) =>
    handler(
      new Request(`https://proxy.test${path}`, { ...init, headers: { origin: ORIGIN, ...init.headers } }),
    );
  return { call, seen };
};

describe("upstream failures", () => {
  // The browser's client retries transient failures itself; the proxy calls the API once.
  it("relays the API's 429 with its Retry-After, without retrying", async () => {
    const { call, seen } = proxyWith(() => json(429, { message: "slow down" }, { "retry-after": "2" }));
    const response = await call("/v2/images/1");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(seen).toHaveLength(1);
  });

  it("answers 502 for API failures, without retrying", async () => {
    const { call, seen } = proxyWith(() => json(503, { message: "down" }));
    const response = await call("/v2/images/1");
    expect(response.status).toBe(502);
    expect(((await response.json()) as { type: string }).type).toBe("urn:shutterkit:problem:ServerError");
    expect(seen).toHaveLength(1);
  });

  it("never sends a POST twice", async () => {
    const { call, seen } = proxyWith(() => json(503, { message: "down" }), {
      allow: [{ operation: operations.uploadImage, write: true }],
    });
    const response = await call("/v2/cv/images", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ base64_image: "aGVsbG8=" }),
    });
    expect(response.status).toBe(502);
    expect(seen).toHaveLength(1);
  });

  it("keeps the API's status, message and errors, so core's client raises the same typed errors", async () => {
    const apiErrors = [{ code: "VALIDATION_ERROR", message: "per_page too large", path: "per_page" }];
    const { call } = proxyWith((request) =>
      new URL(request.url).pathname === "/v2/images/search"
        ? json(400, { message: "Bad request", errors: apiErrors }, { "x-request-id": "req-1" })
        : json(403, { message: "Missing scope collections.view" }),
    );
    const rejected = await call("/v2/images/search?query=cat&per_page=5000");
    expect(rejected.status).toBe(400);
    expect(rejected.headers.get("x-request-id")).toBe("req-1");
    const problem = (await rejected.json()) as { errors: unknown[]; requestId: string; detail: string };
    expect(problem.errors).toEqual(apiErrors);
    expect(problem.requestId).toBe("req-1");
    expect(problem.detail).toContain("Bad request");

    const browser = createShutterstock({
      baseUrl: "https://proxy.test",
      retry: false,
      decodeResponses: false,
      fetch: (input, init) => {
        const url = new URL(new Request(input, init).url);
        return call(`${url.pathname}${url.search}`);
      },
    });
    const badRequest = await browser.images.searchImages({ query: "cat", per_page: 500 }).catch((e) => e);
    expect(badRequest).toBeInstanceOf(BadRequest);
    expect((badRequest as BadRequest).errors).toEqual(apiErrors);
    const forbidden = await browser.images.getImageCollectionList().catch((e) => e);
    expect(forbidden).toBeInstanceOf(Forbidden);
    expect((forbidden as Forbidden).missingScopes).toEqual(["collections.view"]);
  });

  it("answers 502 for a success that is not JSON, or not valid JSON", async () => {
    const html = proxyWith(
      () => new Response("<html>maintenance</html>", { headers: { "content-type": "text/html" } }),
    );
    const notJson = await html.call("/v2/images/1");
    expect(notJson.status).toBe(502);
    expect(((await notJson.json()) as { type: string }).type).toBe("urn:shutterkit:problem:DecodeError");
    const broken = proxyWith(
      () => new Response('{"id": "1"', { headers: { "content-type": "application/json" } }),
    );
    expect((await broken.call("/v2/images/1")).status).toBe(502);
  });

  it("passes successful JSON through as the API sent it", async () => {
    const text = '{ "id": "1",  "unknown_field": [1, 2.50],\n "description": "caf\u00e9" }';
    const { call } = proxyWith(
      () => new Response(text, { headers: { "content-type": "application/json; charset=utf-8" } }),
    );
    const response = await call("/v2/images/1");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(text);
  });

  it("answers 504 when the API is too slow", async () => {
    const { call, seen } = proxyWith(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
      { upstream: { timeout: 30 } },
    );
    const response = await call("/v2/images/1");
    expect(response.status).toBe(504);
    expect(((await response.json()) as { type: string }).type).toBe("urn:shutterkit:problem:Timeout");
    expect(seen).toHaveLength(1);
  });

  it("answers 502 when the API cannot be reached, without leaking the error text", async () => {
    const handler = createProxyHandler({
      credentials: Credentials.oauth(TOKEN),
      baseUrl: "http://127.0.0.1:9",
      allow: [operations.getImage],
      cors: { origins: "*", allowMissingOrigin: true },
      public: true,
      rateLimit: false,
      cache: false,
    });
    const response = await handler(new Request("https://proxy.test/v2/images/1"));
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).toContain("NetworkError");
    expect(text).not.toContain(TOKEN);
  });

  it("does not relay the text of a failed fetch, which may hold anything", async () => {
    const { call } = proxyWith(() => json(200, {}), {
      upstream: { fetch: () => Promise.reject(new Error(`socket broke near ${TOKEN}`)) },
    });
    const response = await call("/v2/images/1");
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain(TOKEN);
  });

  it("scrubs the proxy's secrets from what the API says", async () => {
    const seen: Request[] = [];
    const handler = createProxyHandler({
      credentials: Credentials.basic("key-7f3a", "secret-91bc"),
      baseUrl: "https://api.test",
      allow: [operations.getImage],
      cors: { origins: "*", allowMissingOrigin: true },
      public: true,
      rateLimit: false,
      cache: false,
      upstream: {
        fetch: async (input, init) => {
          seen.push(new Request(input, init));
          return json(
            400,
            {
              message: "bad key key-7f3a",
              errors: [{ message: "secret-91bc rejected", path: btoa("key-7f3a:secret-91bc") }],
            },
            { "x-request-id": "echo secret-91bc" },
          );
        },
      },
    });
    const response = await handler(new Request("https://proxy.test/v2/images/1"));
    expect(seen[0]?.headers.get("authorization")).toBe(`Basic ${btoa("key-7f3a:secret-91bc")}`);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain("<redacted>");
    expect(text + JSON.stringify([...response.headers])).not.toMatch(
      /key-7f3a|secret-91bc|a2V5LTdmM2E6c2VjcmV0LTkxYmM/,
    );
  });
});

describe("request checks", () => {
  const { call, seen } = proxyWith(() => json(200, { data: [] }), {
    allow: [
      operations.searchImages,
      operations.getImageList,
      { operation: operations.createImageCollection, write: true },
    ],
  });
  const errorsOf = async (response: Response) => {
    expect(response.status).toBe(400);
    return ((await response.json()) as { errors: { path: string }[] }).errors.map((error) => error.path);
  };

  it("refuses unknown params, missing required ones and scalars that do not parse, before calling the API", async () => {
    expect(
      await errorsOf(await call("/v2/images/search?query=cat&per_page=2.5&safe=maybe&sneaky=1")),
    ).toEqual(["sneaky", "per_page", "safe"]);
    expect(await errorsOf(await call("/v2/images"))).toEqual(["id"]);
    expect(await errorsOf(await call("/v2/images/collections", { method: "POST" }))).toEqual(["body"]);
    expect(seen).toHaveLength(0);
  });

  it("relays what parses, leaving enums and limits to the API and the browser's client", async () => {
    const ok = await call("/v2/images/search?query=cat&per_page=2&safe=false&sort=nonsense");
    expect(ok.status).toBe(200);
    const sent = new URL(seen.at(-1)?.url ?? "");
    expect(Object.fromEntries(sent.searchParams)).toEqual({
      query: "cat",
      per_page: "2",
      safe: "false",
      sort: "nonsense",
    });
    expect((await call("/v2/images?id=1&id=2")).status).toBe(200);
    expect(new URL(seen.at(-1)?.url ?? "").search).toBe("?id=1&id=2");
  });
});

describe("options", () => {
  it("serves under a path prefix and nowhere else", async () => {
    const { call } = proxyWith(() => json(200, { id: "1" }), { pathPrefix: "/api/shutterstock/" });
    expect((await call("/api/shutterstock/v2/images/1")).status).toBe(200);
    expect((await call("/v2/images/1")).status).toBe(404);
    expect((await call("/api/shutterstockx/v2/images/1")).status).toBe(404);
  });

  it("logs one entry per request with the route template and the caller, never the query or credentials", async () => {
    const entries: ProxyLogEntry[] = [];
    const { call } = proxyWith(() => json(200, { data: [] }), { onLog: (entry) => entries.push(entry) });
    await call("/v2/images/search?query=private-words");
    await call("/v2/nothing");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      method: "GET",
      route: "/v2/images/search",
      operationId: "searchImages",
      status: 200,
      caller: "tester",
    });
    expect(entries[1]).toMatchObject({ status: 404, problem: "RouteNotFound" });
    const text = JSON.stringify(entries);
    expect(text).not.toContain("private-words");
    expect(text).not.toContain(TOKEN);
  });

  it("refuses oversized bodies before reading them all", async () => {
    const { call, seen } = proxyWith(() => json(201, { upload_id: "U1" }), {
      allow: [{ operation: operations.uploadImage, write: true }],
      maxBodyBytes: 64,
    });
    const response = await call("/v2/cv/images", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ base64_image: "x".repeat(200) }),
    });
    expect(response.status).toBe(413);
    expect(seen).toHaveLength(0);
  });

  it("answers 400 for malformed JSON", async () => {
    const { call } = proxyWith(() => json(201, {}), {
      allow: [{ operation: operations.uploadImage, write: true }],
    });
    const response = await call("/v2/cv/images", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { type: string }).type).toBe("urn:shutterkit:problem:MalformedJson");
  });

  it("relays licensing once it is enabled as a purchase", async () => {
    const { call, seen } = proxyWith(() => json(200, { data: [{ image_id: "1", license_id: "e1" }] }), {
      allow: [{ operation: operations.licenseImages, purchase: true }],
      authorize: () => ({ id: "buyer", grants: ["purchase"] }),
    });
    const response = await call("/v2/images/licenses", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ images: [{ image_id: "1", subscription_id: "s1" }] }),
    });
    expect(response.status).toBe(200);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("caches an account operation only when its rule sets a TTL", async () => {
    const entries = new Map<string, Response>();
    const store: CacheStore = {
      match: async (request) => entries.get(request.url)?.clone(),
      put: async (request, response) => void entries.set(request.url, response),
    };
    const { call, seen } = proxyWith(() => json(200, { data: [] }), {
      allow: [{ operation: operations.getImageCollectionList, cacheTtl: 30 }],
      cache: { store },
    });
    expect((await call("/v2/images/collections")).headers.get("cache-control")).toBe("public, max-age=30");
    expect((await call("/v2/images/collections")).headers.get("x-shutterkit-cache")).toBe("hit");
    expect(seen).toHaveLength(1);
  });

  it("reads its settings from the environment with the proxy's own credentials only", async () => {
    const env = {
      SHUTTERSTOCK_API_TOKEN: TOKEN,
      SHUTTERSTOCK_BASE_URL: "https://api.test",
      SHUTTERKIT_ALLOWED_ORIGINS: ORIGIN,
    };
    const seen: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return json(200, { id: "1" });
    };
    const proxy = createEnvProxyHandler({ allow: [operations.getImage], public: true, upstream: { fetch } });
    const request = () => new Request("https://proxy.test/v2/images/1", { headers: { origin: ORIGIN } });
    expect((await proxy(request(), env)).status).toBe(200);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    // Core's credentials need Effect to read; the environment's handler says so instead of loading it.
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const withCore = createEnvProxyHandler({
      allow: [operations.getImage],
      public: true,
      credentials: CoreCredentials.oauth(TOKEN) as unknown as Credentials,
    });
    const refused = await withCore(request(), env);
    expect(refused.status).toBe(500);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
    const text = await refused.text();
    expect(text).toContain("createProxyHandler");
    expect(text).not.toContain(TOKEN);
  });

  it("rejects configuration it cannot honour", () => {
    const base = {
      credentials: Credentials.oauth(TOKEN),
      allow: [operations.getImage],
      public: true,
    } as const;
    expect(() => createProxyHandler({ ...base, cors: { origins: "*" }, upstream: { timeout: 0 } })).toThrow(
      /upstream.timeout/,
    );
    expect(() => createProxyHandler({ ...base, cors: { origins: "*" }, baseUrl: "ftp://x" })).toThrow(
      /baseUrl/,
    );
    expect(() => createProxyHandler({ ...base, cors: { origins: ["app.example.com"] } })).toThrow(
      /cors.origins/,
    );
    expect(() => createProxyHandler({ ...base, cors: { origins: "*" }, pathPrefix: "api" })).toThrow(
      /pathPrefix/,
    );
    expect(() => byOperationId(operations, ["nope" as "getImage"])).toThrow(/unknown operation nope/);
  });

  it("refuses to start without a caller check, naming both options", () => {
    const settings = {
      credentials: Credentials.oauth(TOKEN),
      allow: [operations.getImage],
      cors: { origins: "*" },
    };
    // What a configuration written for the previous version looks like: it no longer compiles either.
    const upgraded = settings as unknown as ProxyOptions;
    expect(() => createProxyHandler(upgraded)).toThrow(ProxyConfigError);
    expect(() => createProxyHandler(upgraded)).toThrow(/`authorize`.*`public: true`/);
    expect(() =>
      createEnvProxyHandler({ allow: [operations.getImage] } as unknown as EnvProxyOptions),
    ).toThrow(/`authorize`.*`public: true`/);
    const both = { ...settings, public: true, authorize: () => anonymous } as unknown as ProxyOptions;
    expect(() => createProxyHandler(both)).toThrow(/either authorize or public: true/);
    const notAFunction = { ...settings, authorize: "yes" } as unknown as ProxyOptions;
    expect(() => createProxyHandler(notAFunction)).toThrow(/authorize must be a function/);
  });
});
