// The Promise entry point: the Effect layer built once in its own runtime, handed out as a plain
// `RateLimiter` value with a `close` that releases the connection.
import { Context, Layer, Logger, ManagedRuntime } from "effect";
import { RateLimiter } from "effect/persistence";
import { layer } from "./layer.ts";
import type { RedisRateLimiterOptions } from "./options.ts";

export interface RedisRateLimiterPromiseOptions extends RedisRateLimiterOptions {
  /**
   * Receives each error of the Redis connection (a dropped socket, a failed reconnect) instead of
   * the console, where they go as warnings by default. Calls still fail typed while it is down.
   */
  readonly onConnectionError?: ((error: unknown) => void) | undefined;
}

export interface RedisRateLimiterHandle extends AsyncDisposable {
  /** Pass it to `rateLimit({ perSecond, burst, limiter })` of `@shutterkit/core`. */
  readonly limiter: RateLimiter.RateLimiter;
  /**
   * Closes the Redis connection once its commands in flight are answered; idempotent. Calls that
   * still use the limiter afterwards fail with a `NetworkError` (`RATE_LIMITER_STORE`).
   */
  close(): Promise<void>;
}

/**
 * A rate limiter on Redis: processes using the same Redis, prefix and `rateLimit` key share one
 * quota. Resolves once connected; rejects with a `RedisConnectionError` when Redis cannot be
 * reached, and throws a RangeError for options it cannot use.
 *
 * ```ts
 * const { limiter, close } = await redisRateLimiter({ url: "redis://127.0.0.1:6379" });
 * const client = createClient({ rateLimit: rateLimit({ perSecond: 200, burst: 20, limiter }) });
 * ```
 */
export const redisRateLimiter = async (
  options: RedisRateLimiterPromiseOptions = {},
): Promise<RedisRateLimiterHandle> => {
  const { onConnectionError } = options;
  const runtime = ManagedRuntime.make(
    onConnectionError === undefined
      ? layer(options)
      : // NodeRedis reports connection errors as log lines `[text, error]` in the context it was built in.
        layer(options).pipe(
          Layer.provide(Logger.layer([Logger.make(({ message }) => onConnectionError(errorOf(message)))])),
        ),
  );
  let limiter: RateLimiter.RateLimiter;
  try {
    limiter = Context.get(await runtime.context(), RateLimiter.RateLimiter);
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= runtime.dispose();
    return closing;
  };
  return { limiter, close, [Symbol.asyncDispose]: close };
};

const errorOf = (message: unknown): unknown =>
  Array.isArray(message) ? (message[1] ?? message[0]) : message;
