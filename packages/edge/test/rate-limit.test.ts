import { describe, expect, it } from "vitest";
import { clientAddress, DEFAULT_ADDRESS_HEADERS, memoryRateLimiter } from "../src/rate-limit.ts";

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe("token bucket in memory", () => {
  it("allows a burst, then refills at the configured rate with a Retry-After in whole seconds", () => {
    const time = clock();
    const limiter = memoryRateLimiter({ capacity: 3, refillPerSecond: 0.5, now: time.now });
    expect([1, 2, 3].map(() => limiter.limit("a"))).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(limiter.limit("a")).toEqual({ ok: false, retryAfter: 2 });
    time.advance(1_000);
    expect(limiter.limit("a")).toEqual({ ok: false, retryAfter: 1 });
    time.advance(1_000);
    expect(limiter.limit("a")).toEqual({ ok: true });
    expect(limiter.limit("b")).toEqual({ ok: true });
  });

  it("keeps memory bounded by dropping clients whose buckets are full again", () => {
    const time = clock();
    const limiter = memoryRateLimiter({ capacity: 1, refillPerSecond: 1, maxClients: 2, now: time.now });
    limiter.limit("a");
    limiter.limit("b");
    time.advance(5_000);
    limiter.limit("c");
    // "a" was dropped as full, so it starts with a full bucket rather than a stale one.
    expect(limiter.limit("a")).toEqual({ ok: true });
  });

  it("rejects settings that would never let a request through", () => {
    expect(() => memoryRateLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(/capacity/);
    expect(() => memoryRateLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow(/refillPerSecond/);
  });
});

describe("client address", () => {
  it("comes from the platform's address header, the first forwarded address, or 'unknown'", () => {
    const headers = new Headers({ "cf-connecting-ip": "203.0.113.1", "x-forwarded-for": "1.1.1.1" });
    expect(clientAddress(headers, DEFAULT_ADDRESS_HEADERS)).toBe("203.0.113.1");
    expect(
      clientAddress(new Headers({ "x-forwarded-for": "198.51.100.2, 10.0.0.1" }), DEFAULT_ADDRESS_HEADERS),
    ).toBe("198.51.100.2");
    expect(clientAddress(new Headers(), DEFAULT_ADDRESS_HEADERS)).toBe("unknown");
    expect(
      clientAddress(new Headers({ "x-client": "c1", "cf-connecting-ip": "203.0.113.1" }), ["x-client"]),
    ).toBe("c1");
  });
});
