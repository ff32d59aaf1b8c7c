import { Schema } from "effect";

/**
 * The limiter could not reach Redis when it was made (refused, timed out, wrong credentials). Once
 * made, a failing Redis fails calls instead: `@shutterkit/core` reports those as a `NetworkError`
 * with code `RATE_LIMITER_STORE`. `url` never carries the password.
 */
export class RedisConnectionError extends Schema.TaggedError<RedisConnectionError>()("RedisConnectionError", {
  message: Schema.String,
  url: Schema.String,
}) {}
