// The worker as deployed: bundled like wrangler does, run in workerd (miniflare) with the vars of
// wrangler.jsonc, local and production, against the sandbox API on 127.0.0.1.
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, varsFor, wranglerConfig } from "../scripts/worker-build.ts";
import { type Api, samplePng, startApi } from "./sandbox.ts";
import { JWT_SECRET, type KeyServer, signedToken, startKeyServer } from "./tokens.ts";

let api: Api;
let script: string;
const running: Miniflare[] = [];

const start = async (bindings: Record<string, string>) => {
  const miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate: wranglerConfig().compatibility_date,
    bindings,
    // As wrangler.jsonc binds it: each caller's limit in a Durable Object.
    durableObjects: { RATE_LIMITER: "RateLimiterDurableObject" },
  });
  running.push(miniflare);
  await miniflare.ready;
  return (path: string, init: RequestInit = {}) =>
    miniflare.dispatchFetch(`http://worker.test${path}`, init as never) as unknown as Promise<Response>;
};

beforeAll(async () => {
  [api, script] = await Promise.all([startApi(), bundleWorker()]);
});

afterAll(async () => {
  await Promise.all(running.map((miniflare) => miniflare.dispose()));
  await api?.close();
});

describe("wrangler.jsonc", () => {
  it("points at the sandbox locally and at the real API in production, with the same settings", () => {
    const local = varsFor();
    const production = varsFor("production");
    expect(local["SHUTTERSTOCK_BASE_URL"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(production["SHUTTERSTOCK_BASE_URL"]).toBe("https://api.shutterstock.com");
    expect(Object.keys(production).sort()).toEqual(Object.keys(local).sort());
    expect(production["SHUTTERKIT_ENABLE_COLLECTIONS"]).toBe("false");
    expect(wranglerConfig().main).toBe("src/index.ts");
  });

  it("holds no secrets", () => {
    for (const vars of [varsFor(), varsFor("production")])
      for (const name of [
        "SHUTTERSTOCK_API_TOKEN",
        "SHUTTERSTOCK_API_KEY",
        "SHUTTERSTOCK_API_SECRET",
        "SHUTTERKIT_JWT_SECRET",
      ])
        expect(vars[name]).toBeUndefined();
  });

  it("binds the rate limiter's Durable Object in every environment, to the class the worker exports", () => {
    const config = wranglerConfig();
    const binding = { name: "RATE_LIMITER", class_name: "RateLimiterDurableObject" };
    expect(config.durable_objects?.bindings).toContainEqual(binding);
    expect(config.env["production"]?.durable_objects?.bindings).toContainEqual(binding);
    expect(config.migrations?.flatMap((migration) => migration.new_sqlite_classes ?? [])).toContain(
      "RateLimiterDurableObject",
    );
    expect(script).toMatch(
      /RateLimiterDurableObject as RateLimiterDurableObject|export \{[^}]*RateLimiterDurableObject/,
    );
  });
});

describe("worker with the local vars", () => {
  const origin = "http://localhost:5173";
  let fetchWorker: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    fetchWorker = await start({
      ...varsFor(),
      SHUTTERSTOCK_BASE_URL: api.url,
      SHUTTERSTOCK_API_TOKEN: api.token,
      SHUTTERKIT_JWT_SECRET: JWT_SECRET,
    });
  });

  it("serves searches to the dev server's origin under the API's paths", async () => {
    const response = await fetchWorker("/v2/images/search?query=red&per_page=4", { headers: { origin } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(4);
  });

  it("serves collections and uploads to a signed-in writer, and nothing that licenses", async () => {
    expect((await fetchWorker("/v2/images/collections", { headers: { origin } })).status).toBe(200);
    const writer = await signedToken({ sub: "writer-1", scope: "shutterkit:write" });
    const upload = await fetchWorker("/v2/cv/images", {
      method: "POST",
      headers: { origin, "content-type": "application/json", authorization: `Bearer ${writer}` },
      body: JSON.stringify({ base64_image: samplePng() }),
    });
    expect(upload.status).toBe(201);
    const before = api.paths.length;
    const buyer = await signedToken({ sub: "buyer-1", scope: "shutterkit:write shutterkit:purchase" });
    const license = await fetchWorker("/v2/images/licenses", {
      method: "POST",
      headers: { origin, "content-type": "application/json", authorization: `Bearer ${buyer}` },
      body: JSON.stringify({ images: [{ image_id: "1" }] }),
    });
    expect([404, 405]).toContain(license.status);
    expect(api.paths.length).toBe(before);
  });
});

describe("callers of the worker", () => {
  const origin = "http://localhost:5173";
  let fetchWorker: Awaited<ReturnType<typeof start>>;
  let address = 0;

  beforeAll(async () => {
    fetchWorker = await start({
      ...varsFor(),
      SHUTTERSTOCK_BASE_URL: api.url,
      SHUTTERSTOCK_API_TOKEN: api.token,
      SHUTTERKIT_JWT_SECRET: JWT_SECRET,
      SHUTTERKIT_RATE_LIMIT_BURST: "3",
      SHUTTERKIT_RATE_LIMIT_PER_MINUTE: "0.1",
    });
  });

  const upload = (token?: string) =>
    fetchWorker("/v2/cv/images", {
      method: "POST",
      headers: {
        origin,
        "content-type": "application/json",
        "cf-connecting-ip": `198.51.100.${++address}`,
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ base64_image: samplePng() }),
    });

  /** The problem, after checking nothing reached the API since `before`. */
  const refusedProblem = async (response: Response, before: number, status: number) => {
    expect(api.paths.length).toBe(before);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    return (await response.json()) as { type: string; detail: string };
  };

  it("serves reads without a token, and asks for one before a write", async () => {
    const search = await fetchWorker("/v2/images/search?query=red", {
      headers: { origin, "cf-connecting-ip": "198.51.100.250" },
    });
    expect(search.status).toBe(200);
    const before = api.paths.length;
    const problem = await refusedProblem(await upload(), before, 401);
    expect(problem.type).toBe("urn:shutterkit:problem:CallerUnauthenticated");
  });

  it("refuses tokens that are forged, expired, for another issuer, unsigned or not JWTs, saying why", async () => {
    const before = api.paths.length;
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: "mallory", scope: "shutterkit:write" };
    const header = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const cases: ReadonlyArray<[string, string]> = [
      [
        await signedToken(claims, { secret: "another-secret-entirely-9f8e7d" }),
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
      ],
      [await signedToken(claims, { expiresAt: now - 60 }), "ERR_JWT_EXPIRED"],
      [await signedToken(claims, { issuer: "https://evil.example.net" }), "ERR_JWT_CLAIM_VALIDATION_FAILED"],
      [`${header({ alg: "none" })}.${header({ ...claims, exp: now + 60 })}.`, "ERR_JOSE_ALG_NOT_ALLOWED"],
      ["not-a-jwt", "ERR_JWS_INVALID"],
    ];
    for (const [token, code] of cases) {
      const response = await upload(token);
      const problem = await refusedProblem(response, before, 401);
      expect(problem.detail, code).toBe(`the token is not valid: ${code}`);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("refuses a signed-in caller without the write scope, and never relays the caller's token", async () => {
    const before = api.paths.length;
    const reader = await signedToken({ sub: "reader-1" });
    const problem = await refusedProblem(await upload(reader), before, 403);
    expect(problem.type).toBe("urn:shutterkit:problem:CallerNotAllowed");
    const writer = await signedToken({ sub: "writer-2", scope: "shutterkit:write" });
    expect((await upload(writer)).status).toBe(201);
    expect(api.authorizations.at(-1)).toBe(`Bearer ${api.token}`);
    expect(api.authorizations.join(" ")).not.toContain(writer);
  });

  it("limits each signed-in caller in its Durable Object, whatever address it calls from", async () => {
    const token = await signedToken({ sub: "busy-1" });
    const read = () =>
      fetchWorker("/v2/images/search?query=blue", {
        headers: { origin, authorization: `Bearer ${token}`, "cf-connecting-ip": `198.51.100.${++address}` },
      });
    for (let index = 0; index < 3; index++) expect((await read()).status).toBe(200);
    const before = api.paths.length;
    const problem = await refusedProblem(await read(), before, 429);
    expect(problem.type).toBe("urn:shutterkit:problem:TooManyRequests");
  });
});

describe("worker with an identity provider's keys (JWKS)", () => {
  let keys: KeyServer;
  let fetchWorker: Awaited<ReturnType<typeof start>>;
  const origin = "http://localhost:5173";

  beforeAll(async () => {
    keys = await startKeyServer();
    fetchWorker = await start({
      ...varsFor(),
      SHUTTERSTOCK_BASE_URL: api.url,
      SHUTTERSTOCK_API_TOKEN: api.token,
      SHUTTERKIT_JWKS_URL: keys.url,
    });
  });

  afterAll(async () => {
    await keys?.close();
  });

  it("accepts tokens signed by the provider's key and refuses shared-secret ones", async () => {
    const search = (token: string) =>
      fetchWorker("/v2/images/search?query=green", { headers: { origin, authorization: `Bearer ${token}` } });
    expect((await search(await keys.sign({ sub: "idp-user" }))).status).toBe(200);
    const before = api.paths.length;
    const hs256 = await search(await signedToken({ sub: "idp-user" }));
    expect(hs256.status).toBe(401);
    expect(((await hs256.json()) as { detail: string }).detail).toBe(
      "the token is not valid: ERR_JOSE_ALG_NOT_ALLOWED",
    );
    expect(api.paths.length).toBe(before);
  });
});

describe("worker without a key for callers' tokens", () => {
  it("serves anonymous reads, and answers a token with a 500 naming the variables to set", async () => {
    const fetchWorker = await start({
      ...varsFor(),
      SHUTTERSTOCK_BASE_URL: api.url,
      SHUTTERSTOCK_API_TOKEN: api.token,
    });
    const origin = "http://localhost:5173";
    expect((await fetchWorker("/v2/images/search?query=cat", { headers: { origin } })).status).toBe(200);
    const response = await fetchWorker("/v2/images/search?query=cat", {
      headers: { origin, authorization: `Bearer ${await signedToken({ sub: "u" })}` },
    });
    expect(response.status).toBe(500);
    const problem = (await response.json()) as { type: string; detail: string };
    expect(problem.type).toBe("urn:shutterkit:problem:ProxyMisconfigured");
    expect(problem.detail).toContain("SHUTTERKIT_JWT_SECRET");
  });
});

describe("worker with the production vars", () => {
  let fetchWorker: Awaited<ReturnType<typeof start>>;
  const production = varsFor("production");
  const origin = production["SHUTTERKIT_ALLOWED_ORIGINS"] ?? "";

  beforeAll(async () => {
    // Only the API's address is swapped for the stub: everything else is production's.
    fetchWorker = await start({
      ...production,
      SHUTTERSTOCK_BASE_URL: api.url,
      SHUTTERSTOCK_API_TOKEN: api.token,
    });
  });

  it("serves the production origin only", async () => {
    expect((await fetchWorker("/v2/images/search?query=cat", { headers: { origin } })).status).toBe(200);
    const local = await fetchWorker("/v2/images/search?query=cat", {
      headers: { origin: "http://localhost:5173" },
    });
    expect(local.status).toBe(403);
  });

  it("keeps the account's collections private", async () => {
    const before = api.paths.length;
    const response = await fetchWorker("/v2/images/collections", { headers: { origin } });
    // Not routed to collections; `/v2/images/{id}` refuses "collections" as an id.
    expect([400, 404]).toContain(response.status);
    expect(api.paths.length).toBe(before);
  });
});

describe("worker without its secret", () => {
  it("answers 500 naming the missing variable", async () => {
    const fetchWorker = await start({ ...varsFor(), SHUTTERSTOCK_BASE_URL: api.url });
    const response = await fetchWorker("/v2/images/search?query=cat", {
      headers: { origin: "http://localhost:5173" },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as { detail: string }).detail).toContain(
      "SHUTTERSTOCK_API_TOKEN is missing",
    );
  });
});
