// The client-side rate limit queues calls into the configured rate (Effect's RateLimiter, token
// bucket) and fails typed, sending nothing, when its store does.
import { Effect } from "effect";
import { RateLimiter } from "effect/persistence";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, getImage, NetworkError, rateLimit } from "../src/index.ts";
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
  it("lets a burst go at once and spreads the rest at the sustained rate", async () => {
    const client = createClient({ baseUrl: server.url, rateLimit: rateLimit({ perSecond: 40, burst: 5 }) });
    const results = await Promise.all(Array.from({ length: 25 }, () => client.send(getImage, { id: "1" })));
    expect(results).toHaveLength(25);
    const first = arrivals[0] ?? 0;
    // In any span of t seconds the bucket lets through at most burst + perSecond * t calls.
    for (const span of [0.1, 0.25]) {
      const within = arrivals.filter((at) => at - first <= span * 1000).length;
      expect(within, `calls within ${span} s`).toBeLessThanOrEqual(5 + Math.ceil(40 * span) + 1);
    }
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

  it("refuses a rate that is not positive at construction", () => {
    expect(() => rateLimit({ perSecond: 0 })).toThrow(/perSecond/);
  });
});
