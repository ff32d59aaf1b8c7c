// The limiter on a real redis-server: processes share one token bucket, a single process sees what
// the in-memory limiter gives, a dead Redis fails calls typed with nothing sent, and close() lets
// the process end.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createClient, getImage, NetworkError, RateLimited, rateLimit } from "@shutterkit/core";
import { Clock, Duration, Effect, Layer, Logger } from "effect";
import { RateLimiter } from "effect/persistence";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RedisConnectionError, RedisRateLimiter, redisRateLimiter } from "../src/index.ts";
import { type ApiServer, mostWithin, startApiServer } from "./support/api-server.ts";
import { type RedisServer, startRedisServer } from "./support/redis-server.ts";

let redis: RedisServer;
let api: ApiServer;
let run = 0;
/** A fresh prefix per test, so no test inherits another's bucket. */
let prefix = "";

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApiServer();
});
afterAll(async () => {
  await api?.close();
  await redis?.stop();
});
beforeEach(() => {
  run += 1;
  prefix = `test-${process.pid}-${run}:`;
  api.arrivals.length = 0;
});

const callerScript = fileURLToPath(new URL("./support/caller.ts", import.meta.url));

interface Caller {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly report: Promise<ReadonlyArray<string>>;
  readonly exit: Promise<number | null>;
}

const startCaller = (settings: Record<string, unknown>): Caller => {
  const child = spawn(process.execPath, [callerScript, JSON.stringify(settings)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    errors += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.startsWith("ready\n")) resolve();
    });
    void exit.then((code) => reject(new Error(`caller exited (${code}) before it was ready:\n${errors}`)));
  });
  const report = exit.then((code) => {
    const line = output.split("\n").find((text) => text.startsWith("{"));
    if (code !== 0 || line === undefined) throw new Error(`caller failed (${code}):\n${errors}`);
    return (JSON.parse(line) as { outcomes: string[] }).outcomes;
  });
  return { child, ready, report, exit };
};

const within = <A>(promise: Promise<A>, ms: number, what: string): Promise<A> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

describe("a quota shared through Redis", () => {
  it("holds two processes together to one token bucket: at most burst + perSecond * t in any t seconds", async () => {
    const perSecond = 10;
    const burst = 5;
    const settings = {
      redisUrl: redis.url,
      prefix,
      key: "quota",
      apiUrl: api.url,
      perSecond,
      burst,
      calls: 15,
    };
    const callers = [startCaller(settings), startCaller(settings)];
    await within(Promise.all(callers.map((caller) => caller.ready)), 15_000, "callers ready");
    for (const caller of callers) caller.child.stdin?.end("go\n");
    const outcomes = (
      await within(Promise.all(callers.map((caller) => caller.report)), 20_000, "calls")
    ).flat();

    expect(outcomes).toEqual(Array.from({ length: 30 }, () => "ok"));
    expect(api.arrivals).toHaveLength(30);
    // Each process alone would let 2 * (burst + perSecond * t) through; together they get one bucket.
    // (+2: a call whose timer fires late, or that the loaded machine delays on its way, can land
    // in the next span; two buckets would exceed the bound by burst + perSecond * t.)
    for (const seconds of [1, 2])
      expect(mostWithin(api.arrivals, seconds), `calls within ${seconds} s`).toBeLessThanOrEqual(
        burst + perSecond * seconds + 2,
      );
  });

  it("answers as the in-memory limiter does, key by key", async () => {
    // What core's rateLimit({ perSecond: 10, burst: 4 }) asks of the limiter before each attempt.
    const ask = {
      algorithm: "token-bucket",
      onExceeded: "delay",
      limit: 4,
      window: "400 millis",
      tokens: 1,
    } as const;
    const turns = (limiter: RateLimiter.RateLimiter, key: string) =>
      Effect.runPromise(
        Effect.forEach(Array.from({ length: 7 }), () => limiter.consume({ ...ask, key })).pipe(
          // Delays in turns of 100 ms: the few ms between two asks do not move them.
          Effect.map((results) =>
            results.map((result) => [result.remaining, Math.round(Duration.toMillis(result.delay) / 100)]),
          ),
        ),
      );
    const inMemory = Effect.runSync(Effect.provide(RateLimiter.make, RateLimiter.layerStoreMemory));
    const { limiter, close } = await redisRateLimiter({ url: redis.url, prefix });
    try {
      const expected = [
        [3, 0],
        [2, 0],
        [1, 0],
        [0, 0],
        [-1, 1],
        [-2, 2],
        [-3, 3],
      ];
      expect(await turns(inMemory, "a")).toEqual(expected);
      expect(await turns(limiter, "a")).toEqual(expected);
      // Another key is another bucket, full although "a" is spent.
      expect(await turns(limiter, "b")).toEqual(expected);
    } finally {
      await close();
    }
  });

  it("gives a caller whose reading of the clock is older than the bucket's last refill no early turn", async () => {
    // A bucket of 2 refilled one token per 100 ms. The third caller read the clock 50 ms before its
    // script ran (a busy process, a slow wire), before the refill the others counted; the client
    // waits until its reading plus the delay answered.
    const ask = {
      algorithm: "token-bucket",
      onExceeded: "delay",
      limit: 2,
      window: "200 millis",
      key: "old-reading",
      tokens: 1,
    } as const;
    const { limiter, close } = await redisRateLimiter({ url: redis.url, prefix });
    try {
      const { start, askedAt, delay } = await Effect.runPromise(
        Effect.gen(function* () {
          const clock = yield* Clock.Clock;
          const old: Clock.Clock = Object.assign(Object.create(clock) as Clock.Clock, {
            currentTimeMillisUnsafe: () => clock.currentTimeMillisUnsafe() - 50,
            currentTimeMillis: Effect.sync(() => clock.currentTimeMillisUnsafe() - 50),
          });
          const start = Date.now();
          // The bucket is emptied; its last refill is now (at or after start).
          yield* limiter.consume(ask);
          yield* limiter.consume(ask);
          const askedAt = old.currentTimeMillisUnsafe();
          const turn = yield* Effect.provideService(limiter.consume(ask), Clock.Clock, old);
          return { start, askedAt, delay: Duration.toMillis(turn.delay) };
        }),
      );
      // The next token is 100 ms after the last refill, so not before start + 100 (1 ms for the
      // whole-millisecond clocks). Effect's own script answers 100 ms from the old reading: 50 early.
      expect(askedAt + delay).toBeGreaterThanOrEqual(start + 100 - 1);
    } finally {
      await close();
    }
  });

  it("holds clients of one process that share a limiter and key to one bucket", async () => {
    const perSecond = 10;
    const burst = 4;
    const { limiter, close } = await redisRateLimiter({ url: redis.url, prefix });
    try {
      const limit = rateLimit({ perSecond, burst, key: "shared", limiter });
      const clients = [0, 1].map(() => createClient({ baseUrl: api.url, retry: false, rateLimit: limit }));
      await Promise.all(
        Array.from({ length: 16 }, (_, index) => clients[index % 2]?.send(getImage, { id: "1" })),
      );
      expect(api.arrivals).toHaveLength(16);
      // Two buckets would let 2 * (4 + 10) through in a second; one lets 14 (+ what a late timer moves).
      expect(mostWithin(api.arrivals, 1)).toBeLessThanOrEqual(burst + perSecond + 2);
    } finally {
      await close();
    }
  });
  for (const retryAfter of ["1", undefined])
    it(`pauses a client on its own connection when another on the same key meets a 429 ${retryAfter === undefined ? "without Retry-After (backoff 1 s)" : "with Retry-After: 1"}`, async () => {
      // Two connections, so two stores: all they share is what is in Redis.
      const first = await redisRateLimiter({ url: redis.url, prefix });
      const second = await redisRateLimiter({ url: redis.url, prefix });
      try {
        const setting = { perSecond: 100, burst: 10, key: "paused" };
        const refused = createClient({
          baseUrl: api.url,
          retry: false,
          rateLimit: rateLimit({ ...setting, limiter: first.limiter }),
        });
        const other = createClient({
          baseUrl: api.url,
          retry: false,
          rateLimit: rateLimit({ ...setting, limiter: second.limiter }),
        });
        api.refuseNext(retryAfter);
        const failure = await refused.send(getImage, { id: "1" }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(RateLimited);
        const outcomes = await within(
          Promise.all(Array.from({ length: 5 }, () => other.send(getImage, { id: "1" }).then(() => "ok"))),
          10_000,
          "calls after the pause",
        );
        expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "ok"]);
        expect(api.arrivals).toHaveLength(6);
        const [refusedAt = 0, ...rest] = api.arrivals;
        // Nothing before the instant (Redis's clock and ours count whole milliseconds: 2 ms of slack).
        for (const at of rest) expect(at - refusedAt).toBeGreaterThanOrEqual(1000 - 2);
      } finally {
        await first.close();
        await second.close();
      }
    });

  it("fails calls with NetworkError RATE_LIMITER_STORE and sends nothing while Redis is down, and recovers", async () => {
    const connectionErrors: unknown[] = [];
    const { limiter, close } = await redisRateLimiter({
      url: redis.url,
      prefix,
      onConnectionError: (error) => connectionErrors.push(error),
    });
    // Whatever fails here, the tests after this one get a running Redis.
    let killed = false;
    const client = createClient({
      baseUrl: api.url,
      retry: false,
      rateLimit: rateLimit({ perSecond: 100, burst: 100, limiter }),
    });
    try {
      await client.send(getImage, { id: "1" });
      expect(api.arrivals).toHaveLength(1);

      await redis.kill();
      killed = true;
      const failures = await within(
        Promise.all(
          Array.from({ length: 5 }, () =>
            client.send(getImage, { id: "1" }).catch((error: unknown) => error),
          ),
        ),
        10_000,
        "calls while Redis is down",
      );
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(NetworkError);
        expect((failure as NetworkError).code).toBe("RATE_LIMITER_STORE");
      }
      expect(api.arrivals).toHaveLength(1);
      expect(connectionErrors.length).toBeGreaterThan(0);
      expect(connectionErrors[0]).toBeInstanceOf(Error);

      // Back up (empty, its scripts gone): the client reconnects by itself and calls go again.
      await redis.restart();
      killed = false;
      const recovered = await within(
        (async () => {
          for (;;) {
            const outcome = await client.send(getImage, { id: "1" }).then(
              () => "ok",
              (error: unknown) => error,
            );
            if (outcome === "ok") return outcome;
            expect((outcome as NetworkError).code).toBe("RATE_LIMITER_STORE");
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })(),
        15_000,
        "recovery after Redis restarted",
      );
      expect(recovered).toBe("ok");
      expect(api.arrivals).toHaveLength(2);
    } finally {
      await close();
      if (killed) await redis.restart();
    }
  });

  it("fails a call after commandTimeoutMs, with nothing sent, when Redis stops answering", async () => {
    const { limiter, close } = await redisRateLimiter({ url: redis.url, prefix, commandTimeoutMs: 300 });
    const client = createClient({
      baseUrl: api.url,
      retry: false,
      rateLimit: rateLimit({ perSecond: 100, limiter }),
    });
    try {
      await client.send(getImage, { id: "1" });
      redis.pause();
      const failure = await within(
        client.send(getImage, { id: "1" }).catch((error: unknown) => error),
        10_000,
        "a call while Redis is frozen",
      );
      expect(failure).toBeInstanceOf(NetworkError);
      expect((failure as NetworkError).code).toBe("RATE_LIMITER_STORE");
      expect(api.arrivals).toHaveLength(1);
      // Closing does not wait for the answers a frozen Redis never gives.
      await within(close(), 10_000, "close() while Redis is frozen");
    } finally {
      redis.resume();
      await close();
    }
  });

  it("rejects with RedisConnectionError, without the password, when Redis cannot be reached", async () => {
    // The port of a server that just stopped: nothing listens there.
    const gone = await startApiServer();
    await gone.close();
    const port = new URL(gone.url).port;
    const error = await redisRateLimiter({
      url: `redis://user:s3cret@127.0.0.1:${port}`,
      onConnectionError: () => {},
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedisConnectionError);
    expect((error as RedisConnectionError).message).toContain(`127.0.0.1:${port}`);
    expect(JSON.stringify(error)).not.toContain("s3cret");
    expect(String((error as Error).message)).not.toContain("s3cret");
  });

  it("refuses a URL that is not redis:// or rediss://", async () => {
    await expect(redisRateLimiter({ url: "http://127.0.0.1:6379" })).rejects.toThrow(RangeError);
  });

  it("lets the process end once close() has released the connection", async () => {
    const caller = startCaller({
      redisUrl: redis.url,
      prefix,
      key: "quota",
      apiUrl: api.url,
      perSecond: 10,
      burst: 10,
      calls: 1,
    });
    await within(caller.ready, 15_000, "caller ready");
    caller.child.stdin?.end("go\n");
    // The caller never calls process.exit: it ends only if close() left nothing open.
    expect(await within(caller.exit, 15_000, "caller exit after close()")).toBe(0);
    expect(await caller.report).toEqual(["ok"]);
  });

  it("provides RateLimiter to Effect programs as a layer, and releases it with the scope", async () => {
    const program = Effect.gen(function* () {
      const limiter = yield* RateLimiter.RateLimiter;
      const options = {
        algorithm: "token-bucket",
        onExceeded: "delay",
        limit: 2,
        window: "1 second",
        key: "fx",
      } as const;
      const results = yield* Effect.all([
        limiter.consume(options),
        limiter.consume(options),
        limiter.consume(options),
      ]);
      return results.map((result) => result.remaining);
    });
    const remaining = await Effect.runPromise(
      Effect.provide(program, RedisRateLimiter.layer({ url: redis.url, prefix })),
    );
    expect(remaining).toEqual([1, 0, -1]);
    const failed = await Effect.runPromise(
      Effect.flip(
        Layer.build(RedisRateLimiter.layer({ url: "redis://127.0.0.1:1" })).pipe(
          Effect.scoped,
          // Effect users route the connection's warnings with their own logger; here, nowhere.
          Effect.provide(Logger.layer([])),
        ),
      ),
    );
    expect(failed).toBeInstanceOf(RedisConnectionError);
  });
});
