import { Duration, Effect, Schedule } from "effect";
import type { ResolvedRetryPolicy } from "./config.ts";
import type { ShutterstockError } from "./errors.ts";

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** Whether a failed attempt may be tried again, by method: a POST may be a purchase. */
export const isRetryable = (method: string, error: ShutterstockError): boolean => {
  switch (error._tag) {
    case "RateLimited":
      return true;
    case "NetworkError":
      return IDEMPOTENT.has(method) || error.phase === "connect";
    case "ServerError":
      return IDEMPOTENT.has(method) && [500, 502, 503, 504].includes(error.status ?? 0);
    case "Timeout":
      return IDEMPOTENT.has(method) && error.scope !== "total";
    default:
      return false;
  }
};

const retryAfterOf = (error: ShutterstockError): number | undefined =>
  error._tag === "RateLimited" || error._tag === "ServerError" ? error.retryAfterMs : undefined;

/**
 * Exponential backoff with jitter, bounded attempts, and the server's `Retry-After` as a floor:
 * a server asking for longer than `maxRetryAfterMs` ends the retries instead of stalling the caller.
 */
export const retrySchedule = (
  method: string,
  policy: ResolvedRetryPolicy,
  onRetry?: (attempt: number, delayMs: number, error: ShutterstockError) => void,
) =>
  Schedule.exponential(Duration.millis(policy.baseDelayMs)).pipe(
    Schedule.jittered,
    Schedule.setInputType<ShutterstockError>(),
    Schedule.while(
      ({ input, attempt }) =>
        attempt < policy.maxAttempts &&
        isRetryable(method, input) &&
        (retryAfterOf(input) ?? 0) <= policy.maxRetryAfterMs,
    ),
    Schedule.modifyDelay(({ duration, input, attempt }) => {
      const backoff = Math.min(Duration.toMillis(duration), policy.maxDelayMs);
      const delay = Math.max(backoff, retryAfterOf(input) ?? 0);
      onRetry?.(attempt, delay, input);
      return Effect.succeed(Duration.millis(delay));
    }),
  );
