/**
 * `@shutterkit/core`: every Shutterstock API v2 operation as an Effect program with typed errors,
 * retries and pagination, plus a Promise client of the same shape. Isomorphic: it needs only `fetch`.
 */
export {
  type CallOptions,
  type ExecuteInput,
  makeShutterstock,
  Shutterstock,
  type ShutterstockService,
} from "./client.ts";
export {
  Credentials,
  DEFAULT_BASE_URL,
  type DebugEvent,
  type ResolvedConfig,
  type RetryPolicy,
  type Secret,
  type ShutterstockConfig,
} from "./config.ts";
export * from "./errors.ts";
export * from "./files.ts";
export * from "./generated/index.ts";
export type * from "./operation.ts";
export * from "./operations.ts";
export {
  createShutterstock,
  type IterateOptions,
  type PromiseGroup,
  type PromiseOperation,
  type RequestOptions,
  type ShutterstockClient,
} from "./promise.ts";
export { isRetryable } from "./retry.ts";
export type * from "./types.ts";
export { matchPath, type RequestParts, readParams, writeParams } from "./wire.ts";
