// The client-side rate limit: Effect's `RateLimiter` (effect/persistence) with a token bucket, so
// calls wait for their turn instead of meeting 429s, and its adaptive state, so a 429 that comes
// anyway pauses every call on the quota until the `Retry-After` instant (or a backoff). In memory by
// default; any `RateLimiter` on a shared store (Redis, through `@shutterkit/redis`) shares the
// bucket and the pause across processes.
import { Clock, Duration, Effect } from "effect";
import { RateLimiter } from "effect/persistence";
import { parseRetryAfter } from "../wire/api-errors.ts";

export interface RateLimitSetting {
  /** Sustained requests per second. */
  readonly perSecond: number;
  /** Requests that may go at once after a quiet spell. Default: `perSecond`. */
  readonly burst?: number;
  /** The quota's key: clients sharing a store and a key share one budget. Default `"shutterkit"`. */
  readonly key?: string;
  /**
   * The limiter to count on. Default: one in this process's memory. `@shutterkit/redis` makes one
   * on Redis for many processes.
   */
  readonly limiter?: RateLimiter.RateLimiter;
}

/** The answer a call got, as far as the rate limit cares. */
export interface RateLimitAnswer {
  readonly status: number;
  readonly headers: Headers;
}

/** A call's turn, given by {@link RateLimit.acquire}; the pipeline reports the answer on it. */
export interface RateLimitTurn {
  /**
   * Tells the limiter what the API answered. A 429 pauses every call on the quota until its
   * `Retry-After` instant, or for a backoff (1 s, doubling while 429s go on, at most 60 s) without
   * one. Never fails: the call's outcome is the API's answer.
   */
  readonly answered: (answer: RateLimitAnswer) => Effect.Effect<void>;
  /**
   * The instant (epoch ms, on Effect's `Clock`) the bucket granted this turn for: the clock reading
   * the limiter reckoned from plus the delay it answered, which is what the call waited until. Lets
   * a caller audit a shared quota against the limiter's own count.
   */
  readonly grantedFor: number;
}

/**
 * What a client waits on before each attempt. Made by {@link rateLimit}; the pipeline knows only
 * this, so a client without a rate limit ships none of the limiter.
 */
export interface RateLimit {
  /** Waits for a call's turn; fails only when the limiter's store does. */
  readonly acquire: Effect.Effect<RateLimitTurn, unknown>;
}

const memoryLimiter = (): RateLimiter.RateLimiter =>
  Effect.runSync(Effect.provide(RateLimiter.make, RateLimiter.layerStoreMemory));

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;

const sleepFor = (delay: Duration.Duration) => (Duration.isZero(delay) ? Effect.void : Effect.sleep(delay));

/**
 * A rate limit for `config.rateLimit`: `rateLimit({ perSecond: 10, burst: 20 })`. A token bucket of
 * `burst` tokens refilled at `perSecond`, so over any span of t seconds at most
 * `burst + perSecond * t` calls leave. A 429 pauses the whole quota (every client and process on
 * the same limiter and key) until its `Retry-After`; after the pause the limiter learns the rate the
 * API accepted (Effect's adaptive rate limiting). Throws a RangeError for a rate that is not positive.
 */
export const rateLimit = (setting: RateLimitSetting): RateLimit => {
  if (!(setting.perSecond > 0)) throw new RangeError("rateLimit: perSecond must be a positive number");
  const burst = Math.max(1, Math.floor(setting.burst ?? setting.perSecond));
  const limiter = setting.limiter ?? memoryLimiter();
  const key = setting.key ?? "shutterkit";
  // The bucket refills whole in burst / perSecond seconds.
  const window = Duration.millis((burst / setting.perSecond) * 1000);
  const bucket = {
    algorithm: "token-bucket",
    onExceeded: "delay",
    limit: burst,
    window,
    key,
    tokens: 1,
  } as const;
  const adaptive = { key, tokens: 1, fallbackLimit: burst, fallbackWindow: window } as const;

  // The backoff for 429s without `Retry-After`, this process's view: it doubles only for a 429 on a
  // turn given after the last pause ended, so the calls already in flight when the first 429 came
  // (which all meet it) count once.
  let streak = 0;
  let pausedUntil = 0;
  const backoffFor = (grantedAt: number): number => {
    if (grantedAt >= pausedUntil) streak += 1;
    return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (Math.max(1, streak) - 1));
  };

  const turn = (epoch: number, grantedAt: number, grantedFor: number): RateLimitTurn => ({
    grantedFor,
    answered: ({ status, headers }) => {
      if (status !== 429) {
        if (grantedAt >= pausedUntil) streak = 0;
        return Effect.void;
      }
      const pauseMs = parseRetryAfter(headers.get("retry-after")) ?? backoffFor(grantedAt);
      pausedUntil = Math.max(pausedUntil, Date.now() + pauseMs);
      return limiter
        .adaptiveFeedback({ key, epoch, tokens: 1, status, retryAfter: Duration.millis(pauseMs) })
        .pipe(
          // A store that fails here fails the next call's turn, typed; this call has its answer.
          Effect.ignore,
        );
    },
  });

  // The delay counts from the instant the limiter reckoned from, the clock reading it took: the
  // round trip to a shared store (which varies, under load by tens of ms) is then part of the
  // wait, not added to it, so turns granted 5 ms apart leave 5 ms apart. The reading is the
  // store's own (a clock that notes what it gives), not one taken beside it, which a busy event
  // loop could put milliseconds apart.
  const consumeTimed = Effect.clockWith((clock) => {
    let askedAt: number | undefined;
    const read = () => {
      askedAt = clock.currentTimeMillisUnsafe();
      return askedAt;
    };
    const noting: Clock.Clock = Object.assign(Object.create(clock) as Clock.Clock, {
      currentTimeMillisUnsafe: read,
      currentTimeMillis: Effect.sync(read),
    });
    return Effect.map(Effect.provideService(limiter.consume(bucket), Clock.Clock, noting), (result) => ({
      askedAt: askedAt ?? clock.currentTimeMillisUnsafe(),
      delay: result.delay,
    }));
  });

  const acquire: Effect.Effect<RateLimitTurn, RateLimiter.RateLimiterError> = Effect.gen(function* () {
    for (;;) {
      const { askedAt, delay } = yield* consumeTimed;
      const grantedFor = askedAt + Duration.toMillis(delay);
      const left = grantedFor - (yield* Clock.currentTimeMillis);
      if (left > 0) yield* Effect.sleep(Duration.millis(left));
      // Checked after the bucket's wait, right before the send: a 429 may have come meanwhile.
      const state = yield* limiter.adaptiveConsume(adaptive);
      if (state.phase === "cooldown" && !Duration.isZero(state.delay)) {
        // Paused: this turn fell inside the pause and is lost; after it, a new one from the bucket,
        // so the calls the pause held leave at the bucket's pace, not all at once.
        yield* Effect.sleep(state.delay);
        continue;
      }
      // Learned after a 429: the rate the API accepted, on top of the bucket.
      yield* sleepFor(state.delay);
      return turn(state.epoch, Date.now(), grantedFor);
    }
  });
  return { acquire };
};
