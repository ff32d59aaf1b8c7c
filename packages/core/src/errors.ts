import * as Data from "effect/Data";
import * as Schema from "effect/Schema";

/**
 * What every error says about the call that failed. Never a credential: errors hold the route
 * template (not the filled URL), the status and the API's request id, and server-provided text
 * is scrubbed of the configured secrets before it lands here.
 */
export interface CallFields {
  readonly message: string;
  readonly operationId: string;
  readonly method: string;
  readonly route: string;
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
}

export const FieldIssue = /* @__PURE__ */ Schema.Struct({
  path: Schema.String,
  message: Schema.String,
});
export type FieldIssue = typeof FieldIssue.Type;

// The classes are Effect's `Data.TaggedError`s (yieldable, `_tag` for `catchTag`), not Schema
// classes: every call can fail with any of them, and Schema's class machinery would be in every
// bundle for constructors that check what the client itself wrote.

/** Parameters or body failed validation against the contract; nothing was sent. */
export class InvalidRequest extends Data.TaggedError("InvalidRequest")<
  CallFields & { readonly issues: ReadonlyArray<FieldIssue> }
> {}

export const ApiErrorDetail = /* @__PURE__ */ Schema.Struct({
  code: /* @__PURE__ */ Schema.optional(Schema.String),
  message: Schema.String,
  path: /* @__PURE__ */ Schema.optional(Schema.String),
});
export type ApiErrorDetail = typeof ApiErrorDetail.Type;

/** The API rejected the request (400, and other 4xx without a class of their own). */
export class BadRequest extends Data.TaggedError("BadRequest")<
  CallFields & { readonly errors: ReadonlyArray<ApiErrorDetail> }
> {}

/**
 * 401: credentials missing, wrong or expired, or a refreshing credential whose refresh failed
 * (`oauthError` then holds the OAuth error code, such as `invalid_grant`: sign in again).
 */
export class Unauthorized extends Data.TaggedError("Unauthorized")<
  CallFields & { readonly oauthError?: string | undefined }
> {}

/** 403: the credentials are valid but not allowed to do this, typically a missing OAuth scope. */
export class Forbidden extends Data.TaggedError("Forbidden")<
  CallFields & {
    /** Scopes the operation requires (from the contract) that the API reported or implied as missing. */
    readonly missingScopes: ReadonlyArray<string>;
  }
> {}

/** 404: the asset, collection or route does not exist. */
export class NotFound extends Data.TaggedError("NotFound")<CallFields> {}

/** 429: too many requests; `retryAfterMs` is the delay the API asked for, when it said. */
export class RateLimited extends Data.TaggedError("RateLimited")<
  CallFields & { readonly retryAfterMs?: number | undefined }
> {}

/** 5xx from the API. */
export class ServerError extends Data.TaggedError("ServerError")<
  CallFields & { readonly retryAfterMs?: number | undefined }
> {}

/** The attempt, or the whole call with its retries, took longer than allowed (also 408 from the server). */
export class Timeout extends Data.TaggedError("Timeout")<
  CallFields & { readonly scope: "attempt" | "total" | "server"; readonly timeoutMs?: number | undefined }
> {}

/**
 * The connection failed or broke. `phase: "connect"` means the request never reached the server
 * (safe to retry even for purchases); `"transfer"` means it may have.
 */
export class NetworkError extends Data.TaggedError("NetworkError")<
  CallFields & {
    readonly phase: "connect" | "transfer";
    /** The system or fetch error code (`ECONNRESET`, `UND_ERR_SOCKET`, ...), when the runtime gives one. */
    readonly code?: string | undefined;
  }
> {}

/** The response did not match the contract (or was not JSON); `path` locates the first mismatch. */
export class DecodeError extends Data.TaggedError("DecodeError")<
  CallFields & { readonly path: string; readonly issues: ReadonlyArray<FieldIssue> }
> {}

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
