// The Effect entry point: a `RateLimiter` on Redis, which is Effect's own store
// (`RateLimiter.makeStoreRedis`, its token bucket fixed for callers whose clock is behind: store.ts) on a
// node-redis connection (`NodeRedis`).
import * as NodeRedis from "@effect/platform-node/NodeRedis";
import { Effect, Layer } from "effect";
import { RateLimiter, type Redis } from "effect/persistence";
import { bounded } from "./bounded.ts";
import { RedisConnectionError } from "./errors.ts";
import {
  clientOptions,
  commandTimeoutOf,
  DEFAULT_PREFIX,
  DEFAULT_URL,
  printableUrl,
  type RedisRateLimiterOptions,
} from "./options.ts";
import { layerStore } from "./store.ts";

/**
 * `RateLimiter` on an existing `Redis` service (your own `NodeRedis.layer`, or any other), keys
 * under `prefix` (default `"shutterkit:ratelimit:"`), each command bounded by `commandTimeoutMs`
 * (default 1000). Throws a RangeError for a timeout that is not positive.
 */
export const layerFromRedis = (
  options: Pick<RedisRateLimiterOptions, "prefix" | "commandTimeoutMs"> = {},
): Layer.Layer<RateLimiter.RateLimiter, never, Redis.Redis> => {
  const timeoutMs = commandTimeoutOf(options);
  return Layer.effect(
    RateLimiter.RateLimiter,
    Effect.map(RateLimiter.make, (limiter) => bounded(limiter, timeoutMs)),
  ).pipe(Layer.provide(layerStore({ prefix: options.prefix ?? DEFAULT_PREFIX })));
};

/**
 * A node-redis connection as Effect's `Redis` service (and `NodeRedis`, for its client), opened
 * when built and closed with its scope. Its failure to connect is a {@link RedisConnectionError}.
 */
export const connection = (
  options: RedisRateLimiterOptions = {},
): Layer.Layer<Redis.Redis | NodeRedis.NodeRedis, RedisConnectionError> => {
  const client = clientOptions(options);
  const url = printableUrl(options.url ?? DEFAULT_URL);
  // Built inside an effect so that its failure can become ours (the scope is the layer's).
  return Layer.effectContext(
    Layer.build(NodeRedis.layer(client)).pipe(
      Effect.mapError(
        (error) =>
          new RedisConnectionError({
            message: `could not connect to Redis at ${url}: ${causeMessage(error.cause)}`,
            url,
          }),
      ),
    ),
  );
};

/**
 * `RateLimiter` on its own Redis connection, opened when the layer is built (failing with
 * {@link RedisConnectionError} if Redis cannot be reached) and closed when its scope ends. Throws a
 * RangeError for options it cannot use.
 */
export const layer = (
  options: RedisRateLimiterOptions = {},
): Layer.Layer<RateLimiter.RateLimiter, RedisConnectionError> =>
  layerFromRedis(options).pipe(Layer.provide(connection(options)));

const causeMessage = (cause: unknown): string => {
  if (cause instanceof AggregateError && cause.errors.length > 0) return causeMessage(cause.errors[0]);
  if (cause instanceof Error) return cause.message === "" ? cause.name : cause.message;
  return String(cause);
};
