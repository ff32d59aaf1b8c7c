// What every error of one operation's calls says about the call, and how failures become those errors.
import {
  BadRequest,
  DecodeError,
  type FieldIssue,
  Forbidden,
  InvalidRequest,
  NetworkError,
  NotFound,
  RateLimited,
  ServerError,
  type ShutterstockError,
  Timeout,
  Unauthorized,
} from "../errors.ts";
import { parseRetryAfter, readApiErrors } from "../wire/api-errors.ts";
import { errorCodeOf } from "../wire/error-code.ts";
import { requestIdOf } from "../wire/request-id.ts";
import { errorKindOf } from "../wire/status.ts";

export interface CallContext {
  readonly operationId: string;
  readonly method: string;
  readonly route: string;
  /** Scopes the contract requires for this operation, to explain a 403. */
  readonly requiredScopes: ReadonlyArray<string>;
  /** Removes configured secrets from text that came from the network. */
  readonly scrub: (text: string) => string;
}

/** One attempt's answer: what the pipeline decodes or turns into an error. */
export interface AttemptResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body's type where it differs from the headers' (an answer served from the cache). */
  readonly contentType?: string;
}

export const invalidRequest = (context: CallContext, issues: ReadonlyArray<FieldIssue>): InvalidRequest =>
  new InvalidRequest({
    message: context.scrub(
      `${context.method} ${context.route}: invalid request: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`,
    ),
    operationId: context.operationId,
    method: context.method,
    route: context.route,
    issues: issues.map((issue) => ({ path: issue.path, message: context.scrub(issue.message) })),
  });

/** The rate limiter's store failed (Redis down): nothing was sent, so any method may try again. */
export const limiterError = (context: CallContext, error: unknown): NetworkError =>
  new NetworkError({
    message: context.scrub(
      `${context.method} ${context.route}: the rate limiter's store failed: ${error instanceof Error ? error.message : String(error)}`,
    ),
    operationId: context.operationId,
    method: context.method,
    route: context.route,
    phase: "connect",
    code: "RATE_LIMITER_STORE",
  });

/** A credential that could not give a header (its refresh failed): nothing was sent with it. */
export const unauthorized = (
  context: CallContext,
  failure: { readonly message: string; readonly oauthError?: string | undefined },
): Unauthorized =>
  new Unauthorized({
    message: context.scrub(`${context.method} ${context.route}: ${failure.message}`),
    operationId: context.operationId,
    method: context.method,
    route: context.route,
    ...(failure.oauthError === undefined ? {} : { oauthError: failure.oauthError }),
  });

export const timeoutError = (context: CallContext, scope: "attempt" | "total", timeoutMs: number): Timeout =>
  new Timeout({
    message:
      scope === "attempt"
        ? `${context.method} ${context.route}: no complete response within ${timeoutMs} ms`
        : `${context.method} ${context.route}: no result within ${timeoutMs} ms (retries included)`,
    operationId: context.operationId,
    method: context.method,
    route: context.route,
    scope,
    timeoutMs,
  });

/** Failures to connect at all: the request cannot have reached the server. */
const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ConnectionRefused",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export const networkError = (context: CallContext, error: unknown): NetworkError => {
  const code = errorCodeOf(error);
  const phase = code !== undefined && CONNECT_CODES.has(code) ? "connect" : "transfer";
  const detail = error instanceof Error ? error.message : String(error);
  return new NetworkError({
    message: context.scrub(`${context.method} ${context.route} failed: ${code ?? detail}`),
    operationId: context.operationId,
    method: context.method,
    route: context.route,
    phase,
    ...(code === undefined ? {} : { code }),
  });
};

export const decodeError = (
  context: CallContext,
  result: AttemptResult,
  failure: { readonly path: string; readonly message: string; readonly issues: ReadonlyArray<FieldIssue> },
): DecodeError => {
  const requestId = requestIdOf(result.headers, context.scrub);
  return new DecodeError({
    message: context.scrub(
      `${context.method} ${context.route}: unexpected response at ${failure.path}: ${failure.message}`,
    ),
    operationId: context.operationId,
    method: context.method,
    route: context.route,
    status: result.status,
    ...(requestId === undefined ? {} : { requestId }),
    path: failure.path,
    issues: failure.issues.map((issue) => ({ path: issue.path, message: context.scrub(issue.message) })),
  });
};

/** A non-2xx response as its error class (the kind comes from the one status table, wire/status.ts). */
export const httpError = (context: CallContext, result: AttemptResult): ShutterstockError => {
  const { status, headers } = result;
  const requestId = requestIdOf(headers, context.scrub);
  const parsed = readApiErrors(result.text, context.scrub);
  const base = {
    operationId: context.operationId,
    method: context.method,
    route: context.route,
    status,
    ...(requestId === undefined ? {} : { requestId }),
  };
  const describe = (fallback: string) =>
    `${context.method} ${context.route} → ${status}: ${parsed.message ?? fallback}`;
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
  const retryAfter = retryAfterMs === undefined ? {} : { retryAfterMs };
  switch (errorKindOf(status)) {
    case "Unauthorized":
      return new Unauthorized({ ...base, message: describe("credentials missing or invalid") });
    case "Forbidden": {
      const text = `${parsed.message ?? ""} ${parsed.errors.map((error) => error.message).join(" ")}`;
      const named = context.requiredScopes.filter((scope) => text.includes(scope));
      return new Forbidden({
        ...base,
        message: describe("not allowed with these credentials"),
        missingScopes: named.length > 0 ? named : context.requiredScopes,
      });
    }
    case "NotFound":
      return new NotFound({ ...base, message: describe("not found") });
    case "Timeout":
      return new Timeout({ ...base, message: describe("request timeout"), scope: "server" });
    case "RateLimited":
      return new RateLimited({ ...base, ...retryAfter, message: describe("rate limited") });
    case "ServerError":
      return new ServerError({ ...base, ...retryAfter, message: describe("server error") });
    case "BadRequest":
      return new BadRequest({ ...base, message: describe("bad request"), errors: parsed.errors });
  }
};
