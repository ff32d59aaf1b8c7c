// What an attacker who can reach a deployed proxy tries, each answered with a typed problem and
// nothing sent upstream. The upstream is a recorder that answers every call, so any request that
// got through would show in `seen`.
import { operations } from "@shutterkit/core";
import { describe, expect, it } from "vitest";
import {
  type Authorize,
  anonymous,
  Credentials,
  createProxyHandler,
  type Grant,
  type ProxySettings,
  type RateLimiter,
  refuse,
} from "../src/index.ts";

const ORIGIN = "https://app.example.com";
const PROXY_TOKEN = "proxy-own-token-83ac";

/** Bearer tokens the deployer's check accepts, and who they name. */
const TOKENS: Readonly<Record<string, { id: string; grants: ReadonlyArray<Grant> }>> = {
  "reader-token": { id: "reader", grants: [] },
  "writer-token": { id: "writer", grants: ["write"] },
  "buyer-token": { id: "buyer", grants: ["write", "purchase"] },
};

const tokenCheck: Authorize = (request) => {
  const header = request.headers.get("authorization");
  if (header === null) return anonymous;
  const caller = TOKENS[header.replace(/^Bearer /, "")];
  return caller ?? refuse("the token is not valid");
};

const allow: ProxySettings["allow"] = [
  operations.searchImages,
  operations.getImage,
  { operation: operations.uploadImage, write: true },
  { operation: operations.licenseImages, purchase: true },
];

type Mode = { readonly authorize: Authorize } | { readonly public: true };

const proxy = (mode: Mode, settings: Partial<ProxySettings> = {}) => {
  const seen: Request[] = [];
  const handler = createProxyHandler({
    credentials: Credentials.oauth(PROXY_TOKEN),
    baseUrl: "https://api.test",
    allow,
    cors: { origins: [ORIGIN] },
    cache: false,
    rateLimit: false,
    ...settings,
    ...mode,
    upstream: {
      fetch: async (input, init) => {
        seen.push(new Request(input, init));
        return new Response(JSON.stringify({ data: [] }), {
          headers: { "content-type": "application/json" },
        });
      },
    },
  });
  const send = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    handler(
      new Request(`https://proxy.test${path}`, { ...init, headers: { origin: ORIGIN, ...init.headers } }),
    );
  return { handler, send, seen };
};

const purchase = (
  headers: Record<string, string> = {},
): RequestInit & { headers: Record<string, string> } => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify({ images: [{ image_id: "1", subscription_id: "s1" }] }),
});

const upload = (headers: Record<string, string> = {}): RequestInit & { headers: Record<string, string> } => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify({ base64_image: "aGVsbG8=" }),
});

/** The response is the problem named, as RFC 9457 JSON, and nothing reached the API. */
const expectRefused = async (
  response: Response,
  seen: ReadonlyArray<Request>,
  status: number,
  code: string,
) => {
  expect(seen).toHaveLength(0);
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await response.json()) as { type: string; status: number; detail: string };
  expect(problem.type).toBe(`urn:shutterkit:problem:${code}`);
  expect(problem.status).toBe(status);
  return problem;
};

describe("abuse of a proxy with authorize", () => {
  it("refuses a request without an Origin (curl, scripts) by default", async () => {
    const { handler, seen } = proxy({ authorize: tokenCheck });
    const response = await handler(
      new Request("https://proxy.test/v2/images/search?query=cat", {
        headers: { authorization: "Bearer buyer-token" },
      }),
    );
    await expectRefused(response, seen, 403, "OriginRequired");
  });

  it("refuses an Origin not on the list before authorize runs", async () => {
    let checked = 0;
    const { send, seen } = proxy({
      authorize: (request, env) => {
        checked++;
        return tokenCheck(request, env);
      },
    });
    const response = await send("/v2/images/search?query=cat", {
      headers: { origin: "https://evil.example.net", authorization: "Bearer buyer-token" },
    });
    await expectRefused(response, seen, 403, "OriginNotAllowed");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(checked).toBe(0);
  });

  it("refuses a missing or bad caller token where the operation needs one", async () => {
    const { send, seen } = proxy({ authorize: tokenCheck });
    const forged = await send("/v2/images/search?query=cat", { headers: { authorization: "Bearer forged" } });
    const problem = await expectRefused(forged, seen, 401, "CallerUnauthenticated");
    expect(forged.headers.get("www-authenticate")).toBe("Bearer");
    expect(problem.detail).toBe("the token is not valid");
    await expectRefused(await send("/v2/cv/images", upload()), seen, 401, "CallerUnauthenticated");
  });

  it("never forwards the caller's Authorization header: the API sees the proxy's own credentials", async () => {
    const { send, seen } = proxy({ authorize: tokenCheck });
    const response = await send("/v2/images/search?query=cat", {
      headers: { authorization: "Bearer reader-token" },
    });
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${PROXY_TOKEN}`);
    expect([...(seen[0]?.headers.values() ?? [])].join(" ")).not.toContain("reader-token");
  });

  it("refuses a purchase by a caller not granted purchases, and a write by one not granted writes", async () => {
    const { send, seen } = proxy({ authorize: tokenCheck });
    const writer = await send("/v2/images/licenses", purchase({ authorization: "Bearer writer-token" }));
    const problem = await expectRefused(writer, seen, 403, "CallerNotAllowed");
    expect(problem.detail).toContain("purchase");
    await expectRefused(await send("/v2/images/licenses", purchase()), seen, 401, "CallerUnauthenticated");
    await expectRefused(
      await send("/v2/cv/images", upload({ authorization: "Bearer reader-token" })),
      seen,
      403,
      "CallerNotAllowed",
    );
    // The buyer may: the same request goes through once, with the proxy's credentials.
    const bought = await send("/v2/images/licenses", purchase({ authorization: "Bearer buyer-token" }));
    expect(bought.status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("refuses once a caller's limit is spent, whatever address it comes from", async () => {
    const { send, seen } = proxy(
      { authorize: tokenCheck },
      { rateLimit: { capacity: 2, refillPerSecond: 0.001 } },
    );
    const as = (address: string) =>
      send("/v2/images/1", {
        headers: { authorization: "Bearer reader-token", "cf-connecting-ip": address },
      });
    expect((await as("203.0.113.1")).status).toBe(200);
    expect((await as("203.0.113.2")).status).toBe(200);
    seen.length = 0;
    const limited = await as("203.0.113.3");
    await expectRefused(limited, seen, 429, "TooManyRequests");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another caller has its own bucket.
    expect((await send("/v2/images/1", { headers: { authorization: "Bearer writer-token" } })).status).toBe(
      200,
    );
  });

  it("answers 503 when the limiter cannot be reached, rather than serving unlimited", async () => {
    const broken: RateLimiter = { limit: () => Promise.reject(new Error("counter unreachable")) };
    const { send, seen } = proxy({ authorize: tokenCheck }, { rateLimit: broken });
    const response = await send("/v2/images/1");
    const problem = await expectRefused(response, seen, 503, "RateLimiterUnavailable");
    expect(problem.detail).not.toContain("unreachable");
  });

  it("limits guessing: refused tokens count against their address, and other callers carry on", async () => {
    const { send, seen } = proxy(
      { authorize: tokenCheck },
      { rateLimit: { capacity: 2, refillPerSecond: 0.001 } },
    );
    const guess = (token: string) =>
      send("/v2/images/1", {
        headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": "192.0.2.66" },
      });
    await expectRefused(await guess("guess-1"), seen, 401, "CallerUnauthenticated");
    await expectRefused(await guess("guess-2"), seen, 401, "CallerUnauthenticated");
    await expectRefused(await guess("guess-3"), seen, 429, "TooManyRequests");
    expect((await guess("reader-token")).status).toBe(200);
  });

  it("answers 503 when authorize or the limiter does not answer in time, and proxies nothing", async () => {
    const never = new Promise<never>(() => undefined);
    const slowCheck = proxy({ authorize: () => never }, { checkTimeout: 20 });
    await expectRefused(await slowCheck.send("/v2/images/1"), slowCheck.seen, 503, "AuthorizeTimedOut");
    const slowLimiter = proxy(
      { authorize: tokenCheck },
      { checkTimeout: 20, rateLimit: { limit: () => never } },
    );
    await expectRefused(
      await slowLimiter.send("/v2/images/1"),
      slowLimiter.seen,
      503,
      "RateLimiterUnavailable",
    );
    expect(() => proxy({ authorize: tokenCheck }, { checkTimeout: 0 })).toThrow(/checkTimeout/);
  });

  it("lets no one in when authorize throws or answers nonsense", async () => {
    const throwing = proxy({
      authorize: () => {
        throw new Error("jwks fetch failed with key abc");
      },
    });
    const thrown = await expectRefused(
      await throwing.send("/v2/images/1"),
      throwing.seen,
      500,
      "InternalError",
    );
    expect(thrown.detail).not.toContain("abc");
    const nonsense = proxy({ authorize: () => ({ id: "" }) });
    await expectRefused(await nonsense.send("/v2/images/1"), nonsense.seen, 500, "AuthorizeFailed");
    const nothing = proxy({ authorize: (() => undefined) as unknown as Authorize });
    await expectRefused(await nothing.send("/v2/images/1"), nothing.seen, 500, "AuthorizeFailed");
  });

  it("refuses a 403 refusal with the deployer's reason and no challenge", async () => {
    const { send, seen } = proxy({ authorize: () => refuse("account suspended", 403) });
    const response = await send("/v2/images/1");
    const problem = await expectRefused(response, seen, 403, "CallerRefused");
    expect(problem.detail).toBe("account suspended");
    expect(response.headers.get("www-authenticate")).toBeNull();
  });
});

describe("abuse of a public proxy", () => {
  it("refuses writes and purchases from anyone", async () => {
    const { send, seen } = proxy({ public: true });
    await expectRefused(await send("/v2/cv/images", upload()), seen, 403, "PublicProxyReadOnly");
    await expectRefused(await send("/v2/images/licenses", purchase()), seen, 403, "PublicProxyReadOnly");
    expect((await send("/v2/images/1")).status).toBe(200);
  });

  it("refuses caller credentials, which it has no way to check, rather than ignore them", async () => {
    const { send, seen } = proxy({ public: true });
    const response = await send("/v2/images/1", { headers: { authorization: "Bearer someone-else" } });
    await expectRefused(response, seen, 400, "CallerCredentialsNotAccepted");
  });

  it("does not let a preflight allow Authorization", async () => {
    const { send } = proxy({ public: true });
    const response = await send("/v2/images/1", {
      method: "OPTIONS",
      headers: { "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toBeNull();
  });

  it("refuses anonymous callers once their address's limit is spent", async () => {
    const { send, seen } = proxy({ public: true }, { rateLimit: { capacity: 1, refillPerSecond: 0.001 } });
    const from = (address: string) => send("/v2/images/1", { headers: { "cf-connecting-ip": address } });
    expect((await from("198.51.100.1")).status).toBe(200);
    seen.length = 0;
    await expectRefused(await from("198.51.100.1"), seen, 429, "TooManyRequests");
    expect((await from("198.51.100.2")).status).toBe(200);
  });
});

describe("requests shaped to reach something else", () => {
  const { send, seen } = proxy({ authorize: tokenCheck });
  const buyer = { authorization: "Bearer buyer-token" };

  it.each([
    ["a dot segment toward the token endpoint", "/v2/../v2/oauth/access_token", 404, "RouteNotFound"],
    [
      "an encoded dot segment, which URL parsing resolves",
      "/v2/images/%2E%2E/oauth/access_token",
      404,
      "RouteNotFound",
    ],
    ["an encoded slash", "/v2/images/1%2F..%2F..%2Foauth%2Faccess_token", 400, "InvalidRequest"],
    ["double encoding", "/v2/images/%252E%252E%252Foauth", 400, "InvalidRequest"],
    ["CR/LF in a path value", "/v2/images/1%0D%0AX-Injected:%201", 400, "InvalidRequest"],
    [
      "CR/LF in a query value",
      "/v2/images/search?query=cat%0D%0AAuthorization:%20Basic%20x",
      400,
      "InvalidRequest",
    ],
  ])("refuses %s", async (_, path, status, code) => {
    seen.length = 0;
    await expectRefused(await send(path, { headers: buyer }), seen, status, code);
  });

  it("refuses a method not on the allowlist and an oversized body", async () => {
    seen.length = 0;
    const method = await send("/v2/images/1", { method: "DELETE", headers: buyer });
    await expectRefused(method, seen, 405, "MethodNotAllowed");
    const small = proxy({ authorize: tokenCheck }, { maxBodyBytes: 64 });
    const oversized = await small.send("/v2/cv/images", {
      method: "POST",
      headers: { ...buyer, "content-type": "application/json" },
      body: JSON.stringify({ base64_image: "x".repeat(500) }),
    });
    await expectRefused(oversized, small.seen, 413, "PayloadTooLarge");
  });
});
