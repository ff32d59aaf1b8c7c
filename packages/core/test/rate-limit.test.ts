// The client-side rate limit queues calls into the configured rate (Effect's RateLimiter, token
// bucket) and fails typed, sending nothing, when its store does.
import { Effect } from "effect";
import { RateLimiter } from "effect/persistence";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, getImage, NetworkError, RateLimited, rateLimit } from "../src/index.ts";
import { image } from "./support/fixtures.ts";
import { json, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
const arrivals: number[] = [];
beforeAll(async () => {
  server = await startServer();
  server.handle((_, response) => {
    arrivals.push(performance.now());
    json(response, 200, image("1"));
  });
});
afterAll(() => server.close());

describe("rateLimit", () => {
  it("spreads the calls beyond the burst at the sustained rate, none early", async () => {
    const client = createClient({ baseUrl: server.url, rateLimit: rateLimit({ perSecond: 40, burst: 5 }) });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 25 }, () => client.send(getImage, { id: "1" })));
    expect(results).toHaveLength(25);
    // The bucket hands out at most burst + perSecond * t turns t seconds after its first, so the k-th
    // arrival comes no sooner than (k - burst) / perSecond after the calls began. A bound from below:
    // a busy machine only makes calls later, never earlier, so this holds however loaded it is.
    const sorted = [...arrivals].sort((a, b) => a - b);
    sorted.forEach((at, index) => {
      const earliest = (Math.max(0, index + 1 - 5) / 40) * 1000;
      expect(at - started, `arrival ${index + 1}`).toBeGreaterThanOrEqual(earliest - 2);
    });
  });

  /** Arrival times at the server, the first answered 429 (with `retryAfter`, if given), the rest 200. */
  const refuseFirst = (retryAfter: string | undefined) => {
    const seen: number[] = [];
    server.handle((_, response) => {
      seen.push(performance.now());
      if (seen.length === 1)
        json(
          response,
          429,
          { message: "Too many requests" },
          retryAfter === undefined ? {} : { "retry-after": retryAfter },
        );
      else json(response, 200, image("1"));
    });
    return seen;
  };

  for (const [retryAfter, pauseMs] of [
    ["1", 1000],
    [undefined, 1000],
  ] as const)
    it(`pauses every call of the client after a 429 ${retryAfter === undefined ? "without Retry-After (backoff)" : "with Retry-After: 1"}, then lets them flow`, async () => {
      const seen = refuseFirst(retryAfter);
      // Turns 250 ms apart: the 429 is back long before the second turn, which it must hold.
      const client = createClient({ baseUrl: server.url, rateLimit: rateLimit({ perSecond: 4, burst: 1 }) });
      const results = await Promise.all(Array.from({ length: 6 }, () => client.send(getImage, { id: "1" })));
      expect(results).toHaveLength(6);
      // The refused call was retried once: 7 requests, all after the pause.
      expect(seen).toHaveLength(7);
      const [refusedAt = 0, ...rest] = seen;
      // Clocks count whole milliseconds: 2 ms of slack.
      for (const at of rest) expect(at - refusedAt).toBeGreaterThanOrEqual(pauseMs - 2);
      // Afterwards at the bucket's pace, not all at once: at most burst + perSecond * t in t seconds.
      const first = Math.min(...rest);
      expect(rest.filter((at) => at - first < 500).length).toBeLessThanOrEqual(1 + 2 + 1);
    });

  it("pauses the calls of every client sharing the limiter and key, also one without retries", async () => {
    const seen = refuseFirst("1");
    const limiter = Effect.runSync(Effect.provide(RateLimiter.make, RateLimiter.layerStoreMemory));
    const limit = { perSecond: 4, burst: 1, key: "shared", limiter };
    const refused = createClient({ baseUrl: server.url, retry: false, rateLimit: rateLimit(limit) });
    const other = createClient({ baseUrl: server.url, rateLimit: rateLimit(limit) });
    const failure = await refused.send(getImage, { id: "1" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RateLimited);
    await other.send(getImage, { id: "1" });
    expect(seen).toHaveLength(2);
    expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThanOrEqual(1000 - 2);
  });

  it("fails with a typed NetworkError and sends nothing when the limiter's store fails", async () => {
    arrivals.length = 0;
    const broken: RateLimiter.RateLimiter = {
      ...Effect.runSync(Effect.provide(RateLimiter.make, RateLimiter.layerStoreMemory)),
      consume: () =>
        Effect.fail(
          new RateLimiter.RateLimiterError({
            reason: new RateLimiter.RateLimitStoreError({ message: "connection refused" }),
          }),
        ),
    };
    const client = createClient({
      baseUrl: server.url,
      retry: false,
      rateLimit: rateLimit({ perSecond: 10, limiter: broken }),
    });
    const error = await client.send(getImage, { id: "1" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe("RATE_LIMITER_STORE");
    expect(arrivals).toHaveLength(0);
  });

  it("says on each turn the instant the bucket granted it for, which the turn waited until", async () => {
    const limit = rateLimit({ perSecond: 20, burst: 2 });
    const turns: Array<{ readonly grantedFor: number; readonly handedOut: number }> = [];
    for (let index = 0; index < 5; index++) {
      const turn = await Effect.runPromise(limit.acquire);
      turns.push({ grantedFor: turn.grantedFor, handedOut: Date.now() });
    }
    for (const [index, turn] of turns.entries()) {
      // Handed out no sooner than granted for: the limiter slept until that instant.
      expect(turn.handedOut, `turn ${index + 1}`).toBeGreaterThanOrEqual(turn.grantedFor);
      if (index > 0) expect(turn.grantedFor).toBeGreaterThanOrEqual(turns[index - 1]?.grantedFor ?? 0);
    }
    // Beyond the burst of 2 the bucket grants one turn per 50 ms: the 5th no sooner than 150 ms
    // after the 1st (a millisecond of rounding either way).
    expect((turns[4]?.grantedFor ?? 0) - (turns[0]?.grantedFor ?? 0)).toBeGreaterThanOrEqual(149);
  });

  it("refuses a rate that is not positive at construction", () => {
    expect(() => rateLimit({ perSecond: 0 })).toThrow(/perSecond/);
  });
});
