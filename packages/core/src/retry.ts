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
 * The wait before the next attempt, or `undefined` when the call should stop: exponential backoff
 * (doubling from `baseDelayMs`, ±20% jitter, capped at `maxDelayMs`) with the server's `Retry-After`
 * as a floor. A server asking for longer than `maxRetryAfterMs` ends the retries instead of stalling
 * the caller. `attemptsMade` counts the attempts so far, the failed one included.
 */
export const retryDelay = (
  method: string,
  policy: ResolvedRetryPolicy,
  attemptsMade: number,
  error: ShutterstockError,
  random: () => number = Math.random,
): number | undefined => {
  if (attemptsMade >= policy.maxAttempts || !isRetryable(method, error)) return undefined;
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return undefined;
  const backoff = policy.baseDelayMs * 2 ** (attemptsMade - 1) * (0.8 + 0.4 * random());
  return Math.max(Math.min(backoff, policy.maxDelayMs), retryAfter ?? 0);
};
