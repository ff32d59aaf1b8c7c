// The client-side rate limit: Effect's `RateLimiter` (effect/persistence) with a token bucket, so
// calls wait for their turn instead of meeting 429s. In memory by default; any `RateLimiter` on a
// shared store (Redis, through `@shutterkit/redis`) shares one quota across processes.
import { Duration, Effect } from "effect";
import { RateLimiter } from "effect/persistence";

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

/**
 * What a client waits on before each attempt. Made by {@link rateLimit}; the pipeline knows only
 * this, so a client without a rate limit ships none of the limiter.
 */
export interface RateLimit {
  /** Waits for a call's turn; fails only when the limiter's store does. */
  readonly acquire: Effect.Effect<void, unknown>;
}

const memoryLimiter = (): RateLimiter.RateLimiter =>
  Effect.runSync(Effect.provide(RateLimiter.make, RateLimiter.layerStoreMemory));

/**
 * A rate limit for `config.rateLimit`: `rateLimit({ perSecond: 10, burst: 20 })`. A token bucket of
 * `burst` tokens refilled at `perSecond`, so over any span of t seconds at most
 * `burst + perSecond * t` calls leave. Throws a RangeError for a rate that is not positive.
 */
export const rateLimit = (setting: RateLimitSetting): RateLimit => {
  if (!(setting.perSecond > 0)) throw new RangeError("rateLimit: perSecond must be a positive number");
  const burst = Math.max(1, Math.floor(setting.burst ?? setting.perSecond));
  const limiter = setting.limiter ?? memoryLimiter();
  const options = {
    algorithm: "token-bucket",
    onExceeded: "delay",
    limit: burst,
    // The bucket refills whole in burst / perSecond seconds.
    window: Duration.millis((burst / setting.perSecond) * 1000),
    key: setting.key ?? "shutterkit",
    tokens: 1,
  } as const;
  return {
    acquire: Effect.flatMap(limiter.consume(options), (result) =>
      Duration.isZero(result.delay) ? Effect.void : Effect.sleep(result.delay),
    ),
  };
};
