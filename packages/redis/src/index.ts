/**
 * `@shutterkit/redis`: the client-side rate limit of `@shutterkit/core` on Redis, so that many
 * processes share one Shutterstock quota. Promise users call {@link redisRateLimiter}; Effect users
 * provide {@link RedisRateLimiter.layer}.
 */
export { RedisConnectionError } from "./errors.ts";
export * as RedisRateLimiter from "./layer.ts";
export type { RedisRateLimiterOptions } from "./options.ts";
export {
  type RedisRateLimiterHandle,
  type RedisRateLimiterPromiseOptions,
  redisRateLimiter,
} from "./promise.ts";
