import { describe, expect, it } from "vitest";
import { makeRateLimiter } from "../src/rate-limit.ts";

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe("token bucket", () => {
  it("allows a burst, then refills at the configured rate with a Retry-After in whole seconds", () => {
    const time = clock();
    const limiter = makeRateLimiter({ capacity: 3, refillPerSecond: 0.5, now: time.now });
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfter: 2 });
    time.advance(1_000);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfter: 1 });
    time.advance(1_000);
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("b").ok).toBe(true);
  });

  it("keeps memory bounded by dropping clients whose buckets are full again", () => {
    const time = clock();
    const limiter = makeRateLimiter({ capacity: 1, refillPerSecond: 1, maxClients: 2, now: time.now });
    limiter.take("a");
    limiter.take("b");
    time.advance(5_000);
    limiter.take("c");
    // "a" was dropped as full, so it starts with a full bucket rather than a stale one.
    expect(limiter.take("a").ok).toBe(true);
  });

  it("names clients by the platform's address header, the first forwarded address, or 'unknown'", () => {
    const limiter = makeRateLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(
      limiter.keyOf(new Headers({ "cf-connecting-ip": "203.0.113.1", "x-forwarded-for": "1.1.1.1" })),
    ).toBe("203.0.113.1");
    expect(limiter.keyOf(new Headers({ "x-forwarded-for": "198.51.100.2, 10.0.0.1" }))).toBe("198.51.100.2");
    expect(limiter.keyOf(new Headers())).toBe("unknown");
    const custom = makeRateLimiter({ capacity: 1, refillPerSecond: 1, keyHeaders: ["X-Client"] });
    expect(custom.keyOf(new Headers({ "x-client": "c1", "cf-connecting-ip": "203.0.113.1" }))).toBe("c1");
  });

  it("rejects settings that would never let a request through", () => {
    expect(() => makeRateLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(/capacity/);
    expect(() => makeRateLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow(/refillPerSecond/);
  });
});
