// A limiter whose every command has a deadline. node-redis stops timing a command once it is
// written, so without this a Redis that holds the connection open and never answers (frozen,
// overloaded, packets dropped) would hold each call forever. The late answer, if any, is dropped:
// its token is spent without a request, which errs on the side of the quota.
import { Duration, Effect } from "effect";
import { RateLimiter } from "effect/persistence";

export const bounded = (limiter: RateLimiter.RateLimiter, timeoutMs: number): RateLimiter.RateLimiter => {
  const duration = Duration.millis(timeoutMs);
  const noAnswer = () =>
    Effect.fail(
      new RateLimiter.RateLimiterError({
        reason: new RateLimiter.RateLimitStoreError({
          message: `Redis gave no answer within ${timeoutMs} ms`,
        }),
      }),
    );
  const within = <A>(effect: Effect.Effect<A, RateLimiter.RateLimiterError>) =>
    Effect.timeoutOrElse(effect, { duration, orElse: noAnswer });
  return {
    ...limiter,
    consume: (options) => within(limiter.consume(options)),
    adaptiveConsume: (options) => within(limiter.adaptiveConsume(options)),
    adaptiveFeedback: (options) => within(limiter.adaptiveFeedback(options)),
  };
};
