// The rate limiters on Cloudflare's own primitives, in workerd through miniflare with real bindings:
// a Durable Object shared by two workers (two isolates counting against one bucket per caller),
// the alarm that deletes an idle caller's bucket, and the Rate Limiting binding. Refusals never
// reach the API.
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DurableObjectNamespaceLike } from "../src/index.ts";
import { bundle, COMPATIBILITY_DATE, PROXY_ORIGIN } from "./support/runtimes.ts";
import { APP_ORIGIN } from "./support/scenarios.ts";
import { startUpstream, type Upstream } from "./support/upstream.ts";

let upstream: Upstream;
let script: string;
const running: Miniflare[] = [];

beforeAll(async () => {
  [upstream, script] = await Promise.all([startUpstream(), bundle("workerd-limiters")]);
});

afterAll(async () => {
  await Promise.all(running.map((miniflare) => miniflare.dispose()));
  await upstream?.close();
});

const vars = (burst: number) => ({
  SHUTTERSTOCK_API_TOKEN: upstream.token,
  SHUTTERSTOCK_BASE_URL: upstream.url,
  SHUTTERKIT_ALLOWED_ORIGINS: APP_ORIGIN,
  SHUTTERKIT_CACHE_TTL: "0",
  SHUTTERKIT_RATE_LIMIT_BURST: String(burst),
  // One token back every ten minutes: nothing refills during the test.
  SHUTTERKIT_RATE_LIMIT_PER_MINUTE: "0.1",
});

const B_ONLY_ORIGIN = "https://b-only.example.com";

type Send = (caller: string, address?: string) => Promise<Response>;

const sender =
  (miniflare: Miniflare, origin = PROXY_ORIGIN): Send =>
  async (caller, address = "203.0.113.9") =>
    (await miniflare.dispatchFetch(`${origin}/v2/images/${upstream.imageId}`, {
      headers: { origin: APP_ORIGIN, authorization: `Bearer ${caller}`, "cf-connecting-ip": address },
    })) as unknown as Response;

const statusOf = async (response: Response) => {
  await response.body?.cancel();
  return response.status;
};

describe("Durable Object limiter in workerd", () => {
  let viaA: Send;
  let viaB: Send;
  let miniflareOf: Miniflare;

  beforeAll(async () => {
    const miniflare = new Miniflare({
      workers: [
        {
          name: "a",
          routes: ["a.proxy.test/*"],
          modules: true,
          script,
          compatibilityDate: COMPATIBILITY_DATE,
          bindings: vars(3),
          durableObjects: { RATE_LIMITER: "RateLimiterDurableObject" },
        },
        {
          name: "b",
          routes: ["b.proxy.test/*"],
          modules: true,
          script,
          compatibilityDate: COMPATIBILITY_DATE,
          // One more origin than worker a, so the test can tell which worker answered.
          bindings: { ...vars(3), SHUTTERKIT_ALLOWED_ORIGINS: `${APP_ORIGIN},${B_ONLY_ORIGIN}` },
          durableObjects: { RATE_LIMITER: { className: "RateLimiterDurableObject", scriptName: "a" } },
        },
      ],
    });
    running.push(miniflare);
    await miniflare.ready;
    miniflareOf = miniflare;
    // Routed by host, as Cloudflare routes a zone's requests to a worker.
    viaA = sender(miniflare, "http://a.proxy.test");
    viaB = sender(miniflare, "http://b.proxy.test");
  });

  it("routes each host to its own worker", async () => {
    const path = `/v2/images/${upstream.imageId}`;
    const headers = { origin: B_ONLY_ORIGIN, authorization: "Bearer routing-check" };
    const fromB = await miniflareOf.dispatchFetch(`http://b.proxy.test${path}`, { headers });
    const fromA = await miniflareOf.dispatchFetch(`http://a.proxy.test${path}`, { headers });
    expect(await statusOf(fromB as unknown as Response)).toBe(200);
    expect(await statusOf(fromA as unknown as Response)).toBe(403);
  });

  it("counts one caller's requests together across workers and addresses, and refuses before the API", async () => {
    expect(await statusOf(await viaA("alice", "203.0.113.1"))).toBe(200);
    expect(await statusOf(await viaB("alice", "203.0.113.2"))).toBe(200);
    expect(await statusOf(await viaA("alice", "203.0.113.3"))).toBe(200);
    const before = upstream.requests.length;
    const refused = await viaB("alice", "203.0.113.4");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { type: string }).type).toBe("urn:shutterkit:problem:TooManyRequests");
    expect(upstream.requests.length).toBe(before);
    // Another caller has a bucket of its own.
    expect(await statusOf(await viaB("bob"))).toBe(200);
  });
});

describe("Durable Object alarm in workerd", () => {
  interface Inspection {
    readonly bucket: { readonly tokens: number; readonly updated: number } | null;
    readonly alarm: number | null;
  }
  // Two tokens refilled at two a second: empty after two takes, full a second later; the alarm is
  // set a second after that.
  const settings = JSON.stringify({ capacity: 2, refillPerSecond: 2 });
  let object: ReturnType<DurableObjectNamespaceLike["get"]>;

  beforeAll(async () => {
    const miniflare = new Miniflare({
      modules: true,
      script,
      compatibilityDate: COMPATIBILITY_DATE,
      bindings: vars(3),
      durableObjects: { RATE_LIMITER: "InspectableRateLimiter" },
    });
    running.push(miniflare);
    await miniflare.ready;
    // miniflare's own types for it do not resolve here; it is the namespace workers see.
    const namespace = (await miniflare.getDurableObjectNamespace(
      "RATE_LIMITER",
    )) as unknown as DurableObjectNamespaceLike;
    object = namespace.get(namespace.idFromName("erin") as never);
  });

  const take = async () =>
    (await (
      await object.fetch("https://rate-limiter.internal/take", { method: "POST", body: settings })
    ).json()) as {
      ok: boolean;
    };
  const inspect = async () =>
    (await (await object.fetch("https://rate-limiter.internal/inspect")).json()) as Inspection;

  it("deletes an idle caller's bucket when its alarm fires, once the bucket would be full again", async () => {
    const before = Date.now();
    expect([await take(), await take(), await take()].map((verdict) => verdict.ok)).toEqual([
      true,
      true,
      false,
    ]);
    const kept = await inspect();
    expect(kept.bucket).not.toBeNull();
    // Two tokens short at two a second: full a second after the takes, and a second of slack.
    expect(kept.alarm).toBeGreaterThanOrEqual(before + 2_000);
    const alarmAt = kept.alarm ?? 0;

    // workerd runs the alarm at its time: the bucket and the alarm are gone.
    let seen = kept;
    const deadline = Date.now() + 15_000;
    while (seen.bucket !== null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = await inspect();
    }
    expect(seen).toEqual({ bucket: null, alarm: null });
    expect(Date.now()).toBeGreaterThanOrEqual(alarmAt);
    // The caller starts again from a full bucket.
    expect([await take(), await take(), await take()].map((verdict) => verdict.ok)).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe("Rate Limiting binding in workerd", () => {
  let send: Send;

  beforeAll(async () => {
    const miniflare = new Miniflare({
      modules: true,
      script,
      compatibilityDate: COMPATIBILITY_DATE,
      bindings: vars(100),
      ratelimits: { RATE_LIMIT: { namespace_id: "1001", simple: { limit: 2, period: 60 } } },
    });
    running.push(miniflare);
    await miniflare.ready;
    send = sender(miniflare);
  });

  it("refuses a caller over the binding's limit with the period as Retry-After, before the API", async () => {
    expect(await statusOf(await send("carol", "203.0.113.1"))).toBe(200);
    expect(await statusOf(await send("carol", "203.0.113.2"))).toBe(200);
    const before = upstream.requests.length;
    const refused = await send("carol", "203.0.113.3");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(((await refused.json()) as { type: string }).type).toBe("urn:shutterkit:problem:TooManyRequests");
    expect(upstream.requests.length).toBe(before);
    expect(await statusOf(await send("dave"))).toBe(200);
  });
});
