// The limiter adapters' own logic, on plain objects. The Durable Object (its alarm included) and
// the Rate Limiting binding run in workerd in workerd-limiters.test.ts, and the Upstash adapter with
// the real Upstash clients against a real Redis in upstash.test.ts; here, the object's storage use
// step by step, the adapters' checks, and Upstash's answer turned into a verdict.
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { describe, expect, it } from "vitest";
import {
  cloudflareRateLimiter,
  durableObjectRateLimiter,
  ProxyConfigError,
  RateLimiterDurableObject,
  type UpstashRatelimitLike,
  upstashRateLimiter,
} from "../src/index.ts";

const memoryStorage = () => {
  const values = new Map<string, unknown>();
  const alarms: number[] = [];
  return {
    values,
    alarms,
    get: async <T>(key: string) => values.get(key) as T | undefined,
    put: async <T>(key: string, value: T) => void values.set(key, structuredClone(value)),
    deleteAll: async () => values.clear(),
    setAlarm: async (at: number) => void alarms.push(at),
  };
};

const take = (object: RateLimiterDurableObject, capacity: number, refillPerSecond: number) =>
  object
    .fetch(
      new Request("https://x/take", { method: "POST", body: JSON.stringify({ capacity, refillPerSecond }) }),
    )
    .then((response) => response.json());

describe("rate limiter Durable Object", () => {
  it("keeps the bucket in storage, and schedules its deletion for when it would be full again", async () => {
    const storage = memoryStorage();
    const object = new RateLimiterDurableObject({ storage });
    const before = Date.now();
    expect(await take(object, 2, 1)).toEqual({ ok: true });
    expect(await take(object, 2, 1)).toEqual({ ok: true });
    expect(await take(object, 2, 1)).toEqual({ ok: false, retryAfter: 1 });
    expect(storage.values.get("bucket")).toMatchObject({ tokens: expect.any(Number) });
    // Two tokens short at one per second: full in about 2 s, plus a second of slack.
    expect(storage.alarms.at(-1)).toBeGreaterThanOrEqual(before + 2_000);
    // A fresh instance (the object was evicted) reads the bucket back instead of starting full.
    expect(await take(new RateLimiterDurableObject({ storage }), 2, 1)).toMatchObject({ ok: false });
    await object.alarm();
    expect(storage.values.size).toBe(0);
    expect(await take(object, 2, 1)).toEqual({ ok: true });
  });

  it("answers 400 to settings that are not a bucket's", async () => {
    const object = new RateLimiterDurableObject({ storage: memoryStorage() });
    const response = await object.fetch(
      new Request("https://x/take", { method: "POST", body: '{"capacity":0}' }),
    );
    expect(response.status).toBe(400);
  });
});

describe("limiter adapters", () => {
  it("name the binding that is wrong", () => {
    expect(() => cloudflareRateLimiter({} as never, { period: 60 })).toThrow(/ratelimits/);
    expect(() =>
      cloudflareRateLimiter({ limit: async () => ({ success: true }) }, { period: 30 as 60 }),
    ).toThrow(/period/);
    expect(() => durableObjectRateLimiter(undefined as never, { capacity: 1, refillPerSecond: 1 })).toThrow(
      ProxyConfigError,
    );
    expect(() => upstashRateLimiter({} as never)).toThrow(/@upstash\/ratelimit/);
  });

  it("take a real @upstash/ratelimit Ratelimit (checked by the compiler; nothing is called)", () => {
    const real: UpstashRatelimitLike = new Ratelimit({
      redis: new Redis({ url: "http://127.0.0.1:9", token: "unused" }),
      limiter: Ratelimit.slidingWindow(60, "60 s"),
    });
    expect(typeof upstashRateLimiter(real).limit).toBe("function");
  });

  it("turn Upstash's answer into a verdict with Retry-After until the reset, and hand its pending work on", async () => {
    const now = 1_000_000;
    const pending: Promise<unknown>[] = [];
    const answers = [
      { success: true, reset: now + 10_000, pending: Promise.resolve() },
      { success: false, reset: now + 2_500, pending: Promise.resolve() },
    ];
    const identifiers: string[] = [];
    const upstash: UpstashRatelimitLike = {
      limit: async (identifier) => {
        identifiers.push(identifier);
        const answer = answers.shift();
        if (answer === undefined) throw new Error("no more answers");
        return answer;
      },
    };
    const limiter = upstashRateLimiter(upstash, { now: () => now });
    const context = { waitUntil: (promise: Promise<unknown>) => void pending.push(promise) };
    expect(await limiter.limit("caller:alice", context)).toEqual({ ok: true });
    expect(await limiter.limit("caller:alice", context)).toEqual({ ok: false, retryAfter: 3 });
    expect(identifiers).toEqual(["caller:alice", "caller:alice"]);
    expect(pending).toHaveLength(2);
  });
});
