// The Promise entry point: the Effect layer built once in its own runtime, handed out as a plain
// `RateLimiter` value with a `close` that releases the connection.

import * as NodeRedis from "@effect/platform-node/NodeRedis";
import { Context, Layer, Logger, ManagedRuntime } from "effect";
import { RateLimiter } from "effect/persistence";
import { connection, layerFromRedis } from "./layer.ts";
import { commandTimeoutOf, type RedisRateLimiterOptions } from "./options.ts";

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
  const timeoutMs = commandTimeoutOf(options);
  const services = Layer.provideMerge(layerFromRedis(options), connection(options));
  const runtime = ManagedRuntime.make(
    onConnectionError === undefined
      ? services
      : // NodeRedis reports connection errors as log lines `[text, error]` in the context it was built in.
        services.pipe(
          Layer.provide(Logger.layer([Logger.make(({ message }) => onConnectionError(errorOf(message)))])),
        ),
  );
  let context: Context.Context<RateLimiter.RateLimiter | NodeRedis.NodeRedis>;
  try {
    context = await runtime.context();
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
  const { client } = Context.get(context, NodeRedis.NodeRedis);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Closing waits for the commands in flight; a Redis that never answers them would hold it
      // forever, so after the command timeout the connection is cut, failing them.
      // (Once closing, the client no longer counts as open, so this asks nothing of it first.)
      const timer = setTimeout(() => {
        try {
          client.destroy();
        } catch {
          // Already gone: nothing left to cut.
        }
      }, timeoutMs);
      try {
        await runtime.dispose();
      } finally {
        clearTimeout(timer);
      }
    })();
    return closing;
  };
  return { limiter: Context.get(context, RateLimiter.RateLimiter), close, [Symbol.asyncDispose]: close };
};

const errorOf = (message: unknown): unknown =>
  Array.isArray(message) ? (message[1] ?? message[0]) : message;
