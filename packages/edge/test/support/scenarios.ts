// The proxy's behaviour, written once and run in every runtime: each runtime's test file calls
// `proxyScenarios` with a factory that starts the proxy there.
import { createShutterstock, NotFound } from "@shutterkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROXY_ORIGIN, type ProxyRuntime, type RuntimeFactory } from "./runtimes.ts";
import { samplePng, startUpstream, type Upstream } from "./upstream.ts";

export const APP_ORIGIN = "https://app.example.com";
const OTHER_ORIGIN = "https://evil.example.net";
const BURST = 5;

interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly message: string;
  readonly errors: ReadonlyArray<{ readonly message: string; readonly path?: string }>;
  readonly operationId?: string;
}

const envFor = (upstream: Upstream, overrides: Record<string, string> = {}): Record<string, string> => ({
  SHUTTERSTOCK_API_TOKEN: upstream.token,
  SHUTTERSTOCK_BASE_URL: upstream.url,
  SHUTTERKIT_ALLOWED_ORIGINS: `${APP_ORIGIN},http://localhost:5173`,
  SHUTTERKIT_CACHE_TTL: "60",
  SHUTTERKIT_RATE_LIMIT_BURST: String(BURST),
  SHUTTERKIT_RATE_LIMIT_PER_MINUTE: "60",
  ...overrides,
});

export const proxyScenarios = (factory: RuntimeFactory) => {
  let upstream: Upstream;
  let runtime: ProxyRuntime;
  let clients = 0;

  /** A fresh client address per call, so the rate limit only bites where a test means it to. */
  const client = () => `203.0.113.${++clients}`;

  /** A token the fixture's `authorize` accepts, for a fresh caller unless an id is given. */
  let callers = 0;
  const token = (grants: string, id = `caller-${++callers}`) => `Bearer ${id}:${grants}`;

  const get = (path: string, headers: Record<string, string> = {}) =>
    runtime.fetch(path, { headers: { origin: APP_ORIGIN, "cf-connecting-ip": client(), ...headers } });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    runtime.fetch(path, {
      method: "POST",
      headers: {
        origin: APP_ORIGIN,
        "cf-connecting-ip": client(),
        "content-type": "application/json",
        ...headers,
      },
      body: JSON.stringify(body),
    });

  const problemOf = async (response: Response): Promise<Problem> => {
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as Problem;
    expect(problem.status).toBe(response.status);
    expect(problem.type).toMatch(/^urn:shutterkit:problem:/);
    return problem;
  };

  const upstreamCalls = (pathname: string) =>
    upstream.requests.filter((request) => new URL(request.url, "http://x").pathname === pathname).length;

  beforeAll(async () => {
    upstream = await startUpstream();
    runtime = await factory(envFor(upstream));
  });

  afterAll(async () => {
    await runtime?.close();
    await upstream?.close();
  });

  describe("reads", () => {
    it("relays an allowlisted search with the server's credentials and CORS for the origin", async () => {
      const response = await get("/v2/images/search?query=red&per_page=3");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
      expect(response.headers.get("vary")).toContain("Origin");
      const body = (await response.json()) as { data: unknown[] };
      expect(body.data).toHaveLength(3);
      const sent = upstream.requests.at(-1);
      const sentUrl = new URL(sent?.url ?? "", "http://x");
      expect(sentUrl.pathname).toBe("/v2/images/search");
      expect(Object.fromEntries(sentUrl.searchParams)).toEqual({ query: "red", per_page: "3" });
      expect(sent?.headers.authorization).toBe(`Bearer ${upstream.token}`);
    });

    it("never relays the browser's Authorization header or cookies, and never echoes credentials", async () => {
      const callerToken = token("", "client-supplied-token");
      const response = await get("/v2/images/search?query=dog&per_page=1", {
        authorization: callerToken,
        cookie: "session=abc123",
        "x-api-key": "client-key",
      });
      expect(response.status).toBe(200);
      const sent = upstream.requests.at(-1);
      expect(sent?.headers.authorization).toBe(`Bearer ${upstream.token}`);
      expect(sent?.headers.cookie).toBeUndefined();
      expect(sent?.headers["x-api-key"]).toBeUndefined();
      const text = await response.text();
      const headers = JSON.stringify([...response.headers]);
      expect(text + headers).not.toContain(upstream.token);
      expect(text + headers).not.toContain("client-supplied-token");
    });

    it("answers typed problems through core's client pointed at the proxy", async () => {
      const browserClient = createShutterstock({
        baseUrl: PROXY_ORIGIN,
        retry: false,
        decodeResponses: false,
        fetch: (input, init) => {
          const request = new Request(input, init);
          const url = new URL(request.url);
          return runtime.fetch(`${url.pathname}${url.search}`, {
            headers: { origin: APP_ORIGIN, "cf-connecting-ip": client() },
          });
        },
      });
      const page = await browserClient.images.searchImages({ query: "red", per_page: 2 });
      expect(page.data).toHaveLength(2);
      await expect(browserClient.images.getImage({ id: upstream.missingImageId })).rejects.toBeInstanceOf(
        NotFound,
      );
    });

    it("maps an upstream 404 to a 404 problem naming the operation", async () => {
      const response = await get(`/v2/images/${upstream.missingImageId}`);
      expect(response.status).toBe(404);
      const problem = await problemOf(response);
      expect(problem.operationId).toBe("getImage");
      expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    });

    it("refuses unknown parameters and values that do not parse, before calling the API", async () => {
      const before = upstream.requests.length;
      const invalid = await get("/v2/images/search?query=cat&per_page=lots");
      expect(invalid.status).toBe(400);
      const problem = await problemOf(invalid);
      expect(problem.errors.map((error) => error.path)).toContain("per_page");
      const unknown = await get("/v2/images/search?query=cat&sneaky=1");
      expect(unknown.status).toBe(400);
      expect((await problemOf(unknown)).errors.map((error) => error.path)).toContain("sneaky");
      expect(upstream.requests.length).toBe(before);
    });

    it("refuses path values that would reach another upstream route", async () => {
      const before = upstream.requests.length;
      const response = await get("/v2/images/collections/featured");
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors[0]?.path).toBe("id");
      expect(upstream.requests.length).toBe(before);
    });
  });

  describe("cache", () => {
    it("caches successful public GETs where the runtime has a Cache API", async () => {
      const path = "/v2/images/search?query=green&per_page=2";
      const first = await get(path);
      expect(first.status).toBe(200);
      expect(first.headers.get("cache-control")).toBe("public, max-age=60");
      expect(first.headers.get("x-shutterkit-cache")).toBe("miss");
      const firstBody = await first.text();
      // Same query, other order: the same cache entry.
      const second = await get("/v2/images/search?per_page=2&query=green");
      expect(second.status).toBe(200);
      const secondBody = await second.text();
      expect(second.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
      const calls = upstream.requests.filter((request) => request.url.includes("query=green")).length;
      if (runtime.hasCache) {
        expect(second.headers.get("x-shutterkit-cache")).toBe("hit");
        expect(secondBody).toBe(firstBody);
        expect(calls).toBe(1);
      } else {
        expect(second.headers.get("x-shutterkit-cache")).toBe("miss");
        expect(calls).toBe(2);
      }
    });

    it("does not cache an account's own data", async () => {
      const first = await get("/v2/images/collections");
      expect(first.status).toBe(200);
      expect(first.headers.get("cache-control")).toBe("private, no-store");
      expect(first.headers.get("x-shutterkit-cache")).toBeNull();
      await get("/v2/images/collections");
      expect(upstreamCalls("/v2/images/collections")).toBe(2);
    });

    it("does not cache failures", async () => {
      const path = `/v2/images/${upstream.missingImageId}?view=minimal`;
      const before = upstreamCalls(`/v2/images/${upstream.missingImageId}`);
      expect((await get(path)).status).toBe(404);
      expect((await get(path)).status).toBe(404);
      expect(upstreamCalls(`/v2/images/${upstream.missingImageId}`)).toBe(before + 2);
    });
  });

  describe("CORS", () => {
    it("answers preflights for allowed origins with the permitted methods and safe headers only, Authorization for the caller's token", async () => {
      const response = await runtime.fetch("/v2/cv/images", {
        method: "OPTIONS",
        headers: {
          origin: APP_ORIGIN,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type, authorization, cookie, x-api-key",
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
      expect(response.headers.get("access-control-allow-methods")).toBe("POST");
      expect(response.headers.get("access-control-allow-headers")).toBe("content-type, authorization");
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    });

    it("rejects other origins, for preflights and requests alike, without calling the API", async () => {
      const before = upstream.requests.length;
      const preflight = await runtime.fetch("/v2/images/search", {
        method: "OPTIONS",
        headers: { origin: OTHER_ORIGIN, "access-control-request-method": "GET" },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      const request = await get("/v2/images/search?query=cat", { origin: OTHER_ORIGIN });
      expect(request.status).toBe(403);
      expect((await problemOf(request)).title).toBe("Origin not allowed");
      expect(request.headers.get("access-control-allow-origin")).toBeNull();
      expect(upstream.requests.length).toBe(before);
    });

    it("refuses requests without an Origin header by default, without calling the API", async () => {
      const before = upstream.requests.length;
      const response = await runtime.fetch(`/v2/images/${upstream.imageId}`, {
        headers: { "cf-connecting-ip": client(), authorization: token("write,purchase") },
      });
      expect(response.status).toBe(403);
      expect((await problemOf(response)).type).toBe("urn:shutterkit:problem:OriginRequired");
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(upstream.requests.length).toBe(before);
    });

    it("serves requests without an Origin header where SHUTTERKIT_ALLOW_MISSING_ORIGIN=true", async () => {
      const serverCallers = await factory(envFor(upstream, { SHUTTERKIT_ALLOW_MISSING_ORIGIN: "true" }));
      try {
        const response = await serverCallers.fetch(`/v2/images/${upstream.imageId}`, {
          headers: { "cf-connecting-ip": client() },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get("access-control-allow-origin")).toBeNull();
      } finally {
        await serverCallers.close();
      }
    });
  });

  describe("allowlist", () => {
    it("answers 404 for operations not on the list and 405 for other methods on a listed path", async () => {
      const missing = await get("/v2/videos/search?query=cat");
      expect(missing.status).toBe(404);
      await problemOf(missing);
      const method = await runtime.fetch("/v2/images/search?query=cat", {
        method: "DELETE",
        headers: { origin: APP_ORIGIN, "cf-connecting-ip": client() },
      });
      expect(method.status).toBe(405);
      expect(method.headers.get("allow")).toBe("GET");
    });

    it("relays an explicitly allowed write with its JSON body for a caller allowed to write", async () => {
      const response = await post(
        "/v2/cv/images",
        { base64_image: samplePng() },
        { authorization: token("write") },
      );
      expect(response.status).toBe(201);
      expect(((await response.json()) as { upload_id: string }).upload_id).toMatch(/^U/);
      const sent = upstream.requests.at(-1);
      expect(sent?.method).toBe("POST");
      expect(sent?.url).toBe("/v2/cv/images");
    });

    it("refuses a POST that is listed but not enabled as a write", async () => {
      const before = upstream.requests.length;
      const response = await post(
        "/v2/bulk_search/images",
        { queries: [{ query: "cat" }] },
        { authorization: token("write") },
      );
      expect(response.status).toBe(403);
      const problem = await problemOf(response);
      expect(problem.operationId).toBe("bulkSearchImages");
      expect(upstream.requests.length).toBe(before);
    });

    it("refuses licensing unless enabled as a purchase", async () => {
      const before = upstream.requests.length;
      const response = await post(
        "/v2/images/licenses",
        { images: [{ image_id: "1000" }] },
        { authorization: token("write,purchase") },
      );
      expect(response.status).toBe(403);
      const problem = await problemOf(response);
      expect(problem.detail).toContain("purchase");
      expect(upstream.requests.length).toBe(before);
    });

    it("takes JSON bodies only", async () => {
      const response = await runtime.fetch("/v2/cv/images", {
        method: "POST",
        headers: {
          origin: APP_ORIGIN,
          "cf-connecting-ip": client(),
          "content-type": "text/plain",
          authorization: token("write"),
        },
        body: JSON.stringify({ base64_image: samplePng() }),
      });
      expect(response.status).toBe(415);
      await problemOf(response);
    });
  });

  describe("callers", () => {
    it("answers 401 with a challenge for a token authorize refuses, without calling the API", async () => {
      const before = upstream.requests.length;
      const response = await get("/v2/images/search?query=cat", { authorization: "Bearer forged" });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect((await problemOf(response)).type).toBe("urn:shutterkit:problem:CallerUnauthenticated");
      expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
      expect(upstream.requests.length).toBe(before);
    });

    it("asks anonymous callers to authenticate for a write, and refuses callers without the grant", async () => {
      const before = upstream.requests.length;
      const body = { base64_image: samplePng() };
      const anonymousWrite = await post("/v2/cv/images", body);
      expect(anonymousWrite.status).toBe(401);
      expect((await problemOf(anonymousWrite)).operationId).toBe("uploadImage");
      const reader = await post("/v2/cv/images", body, { authorization: token("") });
      expect(reader.status).toBe(403);
      expect((await problemOf(reader)).type).toBe("urn:shutterkit:problem:CallerNotAllowed");
      expect(upstream.requests.length).toBe(before);
    });
  });

  describe("rate limit", () => {
    it("counts a named caller's requests together, from whatever address they come", async () => {
      const caller = token("");
      const statuses: number[] = [];
      for (let index = 0; index <= BURST; index++) {
        const response = await get(`/v2/images/${upstream.imageId}`, { authorization: caller });
        statuses.push(response.status);
        await response.body?.cancel();
      }
      expect(statuses).toEqual([...Array(BURST).fill(200), 429]);
      const before = upstream.requests.length;
      const refused = await get(`/v2/images/${upstream.imageId}`, { authorization: caller });
      expect(refused.status).toBe(429);
      await problemOf(refused);
      expect(upstream.requests.length).toBe(before);
      expect((await get(`/v2/images/${upstream.imageId}`, { authorization: token("") })).status).toBe(200);
    });

    it("answers 429 with Retry-After once a client's burst is spent, leaving other clients alone", async () => {
      const address = "198.51.100.7";
      const statuses: number[] = [];
      for (let index = 0; index <= BURST; index++) {
        const response = await get(`/v2/images/${upstream.imageId}`, { "cf-connecting-ip": address });
        statuses.push(response.status);
        if (index === BURST) {
          expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
          expect(response.headers.get("access-control-expose-headers")).toContain("retry-after");
          expect((await problemOf(response)).title).toBe("Too many requests");
        } else await response.body?.cancel();
      }
      expect(statuses).toEqual([...Array(BURST).fill(200), 429]);
      expect((await get(`/v2/images/${upstream.imageId}`)).status).toBe(200);
    });
  });

  describe("configuration", () => {
    it("answers 500 naming the missing variable when the environment is incomplete", async () => {
      const broken = await factory(envFor(upstream, { SHUTTERKIT_ALLOWED_ORIGINS: "" }));
      try {
        const response = await broken.fetch("/v2/images/search?query=cat", {
          headers: { origin: APP_ORIGIN },
        });
        expect(response.status).toBe(500);
        const problem = await problemOf(response);
        expect(problem.detail).toContain("SHUTTERKIT_ALLOWED_ORIGINS is missing");
        expect(problem.detail).not.toContain(upstream.token);
      } finally {
        await broken.close();
      }
    });

    it("maps rejected server credentials to a 502 that does not reveal them", async () => {
      const wrong = "wrong-server-token-5b1e";
      const broken = await factory(envFor(upstream, { SHUTTERSTOCK_API_TOKEN: wrong }));
      try {
        const response = await broken.fetch(`/v2/images/${upstream.imageId}`, {
          headers: { origin: APP_ORIGIN },
        });
        expect(response.status).toBe(502);
        const text = JSON.stringify(await problemOf(response));
        expect(text).not.toContain(wrong);
        expect(text).not.toContain(upstream.token);
      } finally {
        await broken.close();
      }
    });
  });
};
