// Which failures are retried, and when: the purchase-safe rule as data, and the backoff as an Effect
// Schedule (exponential, jittered, capped, `Retry-After` aware).
import * as Duration from "effect/Duration";
import * as Effect from "effect/Effect";
import * as Schedule from "effect/Schedule";
import { type ResolvedRetryPolicy, type RetrySetting, resolveRetryPolicy } from "../config.ts";
import type { ShutterstockError } from "../errors.ts";
import { IDEMPOTENT_METHODS, STALE_CONNECTION_CODES } from "../wire/retry.ts";

/** The retry rule, as data: what may be tried again, by method (a POST may be a purchase). */
export const RETRY_RULES = {
  /** Methods whose repetition has the same effect as one call. */
  idempotentMethods: IDEMPOTENT_METHODS,
  /** 5xx statuses retried for idempotent methods. */
  serverStatuses: new Set([500, 502, 503, 504]),
} as const;

/**
 * Whether a failed attempt may be tried again. Every method: 429 (the API refused before doing
 * anything) and connection failures before anything was sent. Idempotent methods also: 5xx, 408,
 * attempt timeouts and broken connections. Never a POST after its request may have reached the server.
 */
export const isRetryable = (method: string, error: ShutterstockError): boolean => {
  const idempotent = RETRY_RULES.idempotentMethods.has(method);
  switch (error._tag) {
    case "RateLimited":
      return true;
    case "NetworkError":
      return idempotent || error.phase === "connect";
    case "ServerError":
      return idempotent && RETRY_RULES.serverStatuses.has(error.status ?? 0);
    case "Timeout":
      return idempotent && error.scope !== "total";
    default:
      return false;
  }
};

/**
 * A reused pooled connection that the server had closed while it sat idle: reset before any
 * response byte. Idempotent methods are sent again at once, outside the retry policy, since the
 * request never reached the server's application; a POST only where its transport can prove the
 * request was not written (the Node transport does that itself).
 */
export const isStaleConnection = (method: string, error: ShutterstockError): boolean =>
  error._tag === "NetworkError" &&
  RETRY_RULES.idempotentMethods.has(method) &&
  error.code !== undefined &&
  STALE_CONNECTION_CODES.has(error.code);

const retryAfterOf = (error: ShutterstockError): number | undefined =>
  error._tag === "RateLimited" || error._tag === "ServerError" ? error.retryAfterMs : undefined;

export interface RetryPlan {
  /** False when no failure is ever tried again (`retry: false`, one attempt): no retry loop at all. */
  readonly retrying: boolean;
  readonly schedule: Schedule.Schedule<unknown, ShutterstockError>;
  /** Whether this failure may be retried at all (the method rule, and a `Retry-After` within the cap). */
  readonly retries: (error: ShutterstockError) => boolean;
}

/** The policy's backoff: doubling from the base, ±20% jitter, capped; `Retry-After` is a floor. */
const backoff = (
  policy: ResolvedRetryPolicy,
  onRetry: (error: ShutterstockError, attempt: number, delayMs: number) => void,
): Schedule.Schedule<unknown, ShutterstockError> =>
  Schedule.exponential(Duration.millis(policy.baseDelayMs), 2).pipe(
    Schedule.jittered,
    Schedule.setInputType<ShutterstockError>(),
    Schedule.modifyDelay(({ input, duration, attempt }) =>
      Effect.sync(() => {
        const delayMs = Math.max(
          Math.min(Duration.toMillis(duration), policy.maxDelayMs),
          retryAfterOf(input) ?? 0,
        );
        onRetry(input, attempt, delayMs);
        return Duration.millis(delayMs);
      }),
    ),
    Schedule.upTo({ times: policy.maxAttempts - 1 }),
  );

/** How a call retries under a setting (the client's, or the call's own). */
export const retryPlan = (
  setting: RetrySetting,
  method: string,
  onRetry: (error: ShutterstockError, attempt: number, delayMs: number) => void,
): RetryPlan => {
  if (Schedule.isSchedule(setting))
    return {
      retrying: true,
      schedule: setting.pipe(
        Schedule.setInputType<ShutterstockError>(),
        Schedule.modifyDelay(({ input, duration, attempt }) =>
          Effect.sync(() => {
            onRetry(input, attempt, Duration.toMillis(duration));
            return duration;
          }),
        ),
      ),
      retries: (error) => isRetryable(method, error),
    };
  const policy = resolveRetryPolicy(setting);
  return {
    retrying: policy.maxAttempts > 1,
    schedule: backoff(policy, onRetry),
    retries: (error) => {
      if (policy.maxAttempts <= 1 || !isRetryable(method, error)) return false;
      const retryAfter = retryAfterOf(error);
      return retryAfter === undefined || retryAfter <= policy.maxRetryAfterMs;
    },
  };
};
