// Handler behaviour that needs a scripted upstream (failures, slowness) rather than a real API.
import { Credentials, operations } from "@shutterkit/core";
import { describe, expect, it } from "vitest";
import {
  byOperationId,
  type CacheStore,
  createProxyHandler,
  type ProxyLogEntry,
  type ProxyOptions,
} from "../src/index.ts";

const TOKEN = "server-token-0c41d2";
const ORIGIN = "https://app.example.com";

type Upstream = (request: Request) => Response | Promise<Response>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const proxyWith = (upstream: Upstream, options: Partial<ProxyOptions> = {}) => {
  const seen: Request[] = [];
  const handler = createProxyHandler({
    credentials: Credentials.oauth(TOKEN),
    baseUrl: "https://api.test",
    allow: byOperationId(operations, ["searchImages", "getImage", "getImageCollectionList"]),
    cors: { origins: [ORIGIN] },
    cache: false,
    rateLimit: false,
    ...options,
    upstream: {
      retry: { maxAttempts: 2, baseDelay: 1, maxDelay: 1 },
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
  it("relays the API's 429 with its Retry-After once core's retries are spent", async () => {
    const { call, seen } = proxyWith(() => json(429, { message: "slow down" }, { "retry-after": "2" }));
    const response = await call("/v2/images/1");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(seen).toHaveLength(2);
  });

  it("answers 502 for API failures, after retrying idempotent calls", async () => {
    const { call, seen } = proxyWith(() => json(503, { message: "down" }));
    const response = await call("/v2/images/1");
    expect(response.status).toBe(502);
    expect(seen).toHaveLength(2);
  });

  it("answers 504 when the API is too slow", async () => {
    const { call } = proxyWith(
      (request) =>
        new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
      { upstream: { timeout: 30, totalTimeout: 60, retry: false } },
    );
    const response = await call("/v2/images/1");
    expect(response.status).toBe(504);
  });

  it("answers 502 when the API cannot be reached, without leaking the error text", async () => {
    const handler = createProxyHandler({
      credentials: Credentials.oauth(TOKEN),
      baseUrl: "http://127.0.0.1:9",
      allow: [operations.getImage],
      cors: { origins: "*" },
      rateLimit: false,
      cache: false,
      upstream: { retry: false },
    });
    const response = await handler(new Request("https://proxy.test/v2/images/1"));
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).toContain("NetworkError");
    expect(text).not.toContain(TOKEN);
  });

  it("does not relay the text of a failed fetch, which may hold anything", async () => {
    const { call } = proxyWith(() => json(200, {}), {
      upstream: { retry: false, fetch: () => Promise.reject(new Error(`socket broke near ${TOKEN}`)) },
    });
    const response = await call("/v2/images/1");
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain(TOKEN);
  });
});

describe("options", () => {
  it("serves under a path prefix and nowhere else", async () => {
    const { call } = proxyWith(() => json(200, { id: "1" }), { pathPrefix: "/api/shutterstock/" });
    expect((await call("/api/shutterstock/v2/images/1")).status).toBe(200);
    expect((await call("/v2/images/1")).status).toBe(404);
    expect((await call("/api/shutterstockx/v2/images/1")).status).toBe(404);
  });

  it("logs one entry per request with the route template, never the query or credentials", async () => {
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

  it("rejects configuration it cannot honour", () => {
    const base = { credentials: Credentials.oauth(TOKEN), allow: [operations.getImage] };
    expect(() => createProxyHandler({ ...base, cors: { origins: ["app.example.com"] } })).toThrow(
      /cors.origins/,
    );
    expect(() => createProxyHandler({ ...base, cors: { origins: "*" }, pathPrefix: "api" })).toThrow(
      /pathPrefix/,
    );
    expect(() => byOperationId(operations, ["nope" as "getImage"])).toThrow(/unknown operation nope/);
  });
});
