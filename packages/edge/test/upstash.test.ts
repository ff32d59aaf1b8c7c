// The Upstash adapter with the real `@upstash/ratelimit` and `@upstash/redis` clients, against a real
// redis-server behind Upstash's REST protocol (support/upstash-rest.ts): each of Upstash's
// algorithms refuses the caller over its limit with `Retry-After` until its reset, callers count
// apart, and the count is in Redis, shared by every limiter on it.
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../../redis/test/support/redis-server.ts";
import { upstashRateLimiter } from "../src/index.ts";
import { startUpstashRest, type UpstashRest } from "./support/upstash-rest.ts";

let redis: RedisServer;
let rest: UpstashRest;

beforeAll(async () => {
  redis = await startRedisServer();
  rest = await startUpstashRest(redis.url);
});
afterAll(async () => {
  await rest?.close();
  await redis?.stop();
});

const upstash = () => new Redis({ url: rest.url, token: rest.token, enableTelemetry: false });

const algorithms = {
  fixedWindow: () => Ratelimit.fixedWindow(2, "10 s"),
  slidingWindow: () => Ratelimit.slidingWindow(2, "10 s"),
  tokenBucket: () => Ratelimit.tokenBucket(1, "10 s", 2),
} as const;

describe("upstashRateLimiter with @upstash/ratelimit on Redis (Upstash's REST protocol)", () => {
  for (const [name, limiter] of Object.entries(algorithms))
    it(`${name}: lets the limit through, then refuses with Retry-After until the reset; callers count apart`, async () => {
      const prefix = `shutterkit-test:${name}`;
      const limit = upstashRateLimiter(new Ratelimit({ redis: upstash(), limiter: limiter(), prefix }));
      expect(await limit.limit("caller:alice")).toEqual({ ok: true });
      expect(await limit.limit("caller:alice")).toEqual({ ok: true });
      const refused = await limit.limit("caller:alice");
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfter).toBeLessThanOrEqual(10);
      expect(await limit.limit("caller:bob")).toEqual({ ok: true });
      // The count is Redis's: keys under the prefix, for both callers.
      const keys = await rest.keys(`${prefix}:*`);
      expect(keys.some((key) => key.includes("caller:alice"))).toBe(true);
      expect(keys.some((key) => key.includes("caller:bob"))).toBe(true);
    });

  it("shares one count between limiters on their own clients (two instances of the proxy)", async () => {
    const prefix = "shutterkit-test:shared";
    const make = () =>
      upstashRateLimiter(new Ratelimit({ redis: upstash(), limiter: algorithms.slidingWindow(), prefix }));
    const [first, second] = [make(), make()];
    expect(await first.limit("caller:carol")).toEqual({ ok: true });
    expect(await second.limit("caller:carol")).toEqual({ ok: true });
    expect((await first.limit("caller:carol")).ok).toBe(false);
    expect((await second.limit("caller:carol")).ok).toBe(false);
  });

  it("hands Upstash's pending work to waitUntil", async () => {
    const pending: Promise<unknown>[] = [];
    const limit = upstashRateLimiter(
      new Ratelimit({
        redis: upstash(),
        limiter: algorithms.fixedWindow(),
        prefix: "shutterkit-test:pending",
      }),
      { waitUntil: (promise) => void pending.push(promise) },
    );
    expect(await limit.limit("caller:dave")).toEqual({ ok: true });
    expect(pending).toHaveLength(1);
    await Promise.all(pending);
  });

  it("fails the check, typed by Upstash, when the token is wrong", async () => {
    const limit = upstashRateLimiter(
      new Ratelimit({
        redis: new Redis({ url: rest.url, token: "wrong", enableTelemetry: false, retry: false }),
        limiter: algorithms.fixedWindow(),
        prefix: "shutterkit-test:denied",
      }),
    );
    await expect(limit.limit("caller:erin")).rejects.toThrow(/Unauthorized/);
  });
});
