/**
 * `@shutterkit/core`: every Shutterstock API v2 operation as a standalone, typed export, run by a
 * modular client in the Effect API (`Shutterstock.send(getSimilarImages, input)`) or the Promise API
 * (`createClient(config).send(getSimilarImages, input)`). Isomorphic: it needs only `fetch`.
 * A bundle holds the operations it imports; `createShutterstock` (every operation under its tag)
 * pulls in all of them.
 */
export { APIPromise } from "./client/api-promise.ts";
export {
  type CachedAnswer,
  type ResponseCache,
  type ResponseCacheOptions,
  responseCache,
} from "./client/cache.ts";
export {
  type CallModifiers,
  conditional,
  type DeepPartial,
  isNotModified,
  type NotModified,
  partial,
} from "./client/conditional.ts";
export type { OperationOptions } from "./client/dispatch.ts";
export {
  createShutterstock,
  type GroupedShutterstockClient,
  type PromiseGroup,
  type PromiseOperation,
} from "./client/grouped.ts";
export {
  type EffectLogger,
  effectLogger,
  type LogLevel,
  parseLogLevel,
  type ShutterstockLogger,
} from "./client/logging.ts";
export { items, pages } from "./client/pages.ts";
export type { PageOptions } from "./client/pagination.ts";
export type { CallOptions, ResponseInfo, WithResponse } from "./client/pipeline.ts";
export type { Extra, ExtraBody, QueryValue } from "./client/prepare.ts";
export {
  clientFromService,
  createClient,
  type IterateOptions,
  type ShutterstockClient,
} from "./client/promise.ts";
export {
  type RateLimit,
  type RateLimitAnswer,
  type RateLimitSetting,
  type RateLimitTurn,
  rateLimit,
} from "./client/rate-limit.ts";
export type { OperationAt, RawInput, RawInputOf, RawOptions, RawResultOf, RouteKey } from "./client/raw.ts";
export { isRetryable } from "./client/retry.ts";
export type { PageCallOptions, PaginatedOperation, ShutterstockService } from "./client/service.ts";
export { makeShutterstock, Shutterstock } from "./client/shutterstock.ts";
export { type Tracing, type TracingOptions, tracing } from "./client/tracing.ts";
export {
  DEFAULT_BASE_URL,
  type DebugEvent,
  type ResolvedConfig,
  type RetryPolicy,
  type RetrySetting,
  type Secret,
  type ShutterstockConfig,
} from "./config.ts";
export {
  type Authenticator,
  type CredentialFailure,
  oauthErrorOf,
  type RefreshingOptions,
  type TokenSet,
} from "./credentials.ts";
export { Credentials } from "./credentials-namespace.ts";
export * from "./errors.ts";
export * from "./generated/index.ts";
export * from "./generated/operations/index.ts";
export type * from "./operation.ts";
export type { BodyOf, InputOf, IsPaginated, ItemOf, OperationArgs, ResultOf } from "./types.ts";
export { VERSION } from "./version.ts";
