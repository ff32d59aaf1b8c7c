import * as Schema from "effect/Schema";

/**
 * What every error says about the call that failed. Never a credential: errors hold the route
 * template (not the filled URL), the status and the API's request id, and server-provided text
 * is scrubbed of the configured secrets before it lands here.
 */
const callFields = {
  message: Schema.String,
  operationId: Schema.String,
  method: Schema.String,
  route: Schema.String,
  status: Schema.optional(Schema.Number),
  requestId: Schema.optional(Schema.String),
};

export const FieldIssue = Schema.Struct({
  path: Schema.String,
  message: Schema.String,
});
export type FieldIssue = typeof FieldIssue.Type;

/** Parameters or body failed validation against the contract; nothing was sent. */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  ...callFields,
  issues: Schema.Array(FieldIssue),
}) {}

export const ApiErrorDetail = Schema.Struct({
  code: Schema.optional(Schema.String),
  message: Schema.String,
  path: Schema.optional(Schema.String),
});
export type ApiErrorDetail = typeof ApiErrorDetail.Type;

/** The API rejected the request (400, and other 4xx without a class of their own). */
export class BadRequest extends Schema.TaggedError<BadRequest>()("BadRequest", {
  ...callFields,
  errors: Schema.Array(ApiErrorDetail),
}) {}

/**
 * 401: credentials missing, wrong or expired, or a refreshing credential whose refresh failed
 * (`oauthError` then holds the OAuth error code, such as `invalid_grant`: sign in again).
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  ...callFields,
  oauthError: Schema.optional(Schema.String),
}) {}

/** 403: the credentials are valid but not allowed to do this, typically a missing OAuth scope. */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  ...callFields,
  /** Scopes the operation requires (from the contract) that the API reported or implied as missing. */
  missingScopes: Schema.Array(Schema.String),
}) {}

/** 404: the asset, collection or route does not exist. */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", callFields) {}

/** 429: too many requests; `retryAfterMs` is the delay the API asked for, when it said. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  ...callFields,
  retryAfterMs: Schema.optional(Schema.Number),
}) {}

/** 5xx from the API. */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  ...callFields,
  retryAfterMs: Schema.optional(Schema.Number),
}) {}

/** The attempt, or the whole call with its retries, took longer than allowed (also 408 from the server). */
export class Timeout extends Schema.TaggedError<Timeout>()("Timeout", {
  ...callFields,
  scope: Schema.Literals(["attempt", "total", "server"]),
  timeoutMs: Schema.optional(Schema.Number),
}) {}

/**
 * The connection failed or broke. `phase: "connect"` means the request never reached the server
 * (safe to retry even for purchases); `"transfer"` means it may have.
 */
export class NetworkError extends Schema.TaggedError<NetworkError>()("NetworkError", {
  ...callFields,
  phase: Schema.Literals(["connect", "transfer"]),
  /** The system or fetch error code (`ECONNRESET`, `UND_ERR_SOCKET`, ...), when the runtime gives one. */
  code: Schema.optional(Schema.String),
}) {}

/** The response did not match the contract (or was not JSON); `path` locates the first mismatch. */
export class DecodeError extends Schema.TaggedError<DecodeError>()("DecodeError", {
  ...callFields,
  path: Schema.String,
  issues: Schema.Array(FieldIssue),
}) {}

export type ShutterstockError =
  | InvalidRequest
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | RateLimited
  | ServerError
  | Timeout
  | NetworkError
  | DecodeError;

export const errorTags = [
  "InvalidRequest",
  "BadRequest",
  "Unauthorized",
  "Forbidden",
  "NotFound",
  "RateLimited",
  "ServerError",
  "Timeout",
  "NetworkError",
  "DecodeError",
] as const satisfies ReadonlyArray<ShutterstockError["_tag"]>;

export const isShutterstockError = (value: unknown): value is ShutterstockError =>
  typeof value === "object" &&
  value !== null &&
  "_tag" in value &&
  (errorTags as ReadonlyArray<unknown>).includes(value._tag);
