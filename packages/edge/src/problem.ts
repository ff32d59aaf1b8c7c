// Errors as RFC 9457 problem documents. Besides the standard members, a problem carries `message`
// and `errors` in the API's own error shape, so core's client pointed at the proxy raises the same
// typed errors it raises against the API.
import { isShutterstockError, type ShutterstockError } from "@shutterkit/core";

export interface ProblemDetail {
  readonly message: string;
  readonly path?: string | undefined;
  readonly code?: string | undefined;
}

export interface Problem {
  readonly status: number;
  /** A stable, machine-readable name, e.g. `NotFound`, `OperationNotAllowed`. */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly operationId?: string;
  readonly errors?: ReadonlyArray<ProblemDetail>;
  readonly requestId?: string;
  /** Seconds, sent as `Retry-After`. */
  readonly retryAfter?: number;
  readonly allow?: ReadonlyArray<string>;
}

export const PROBLEM_TYPE_PREFIX = "urn:shutterkit:problem:";

export const problemResponse = (problem: Problem, headers: Headers = new Headers()): Response => {
  headers.set("content-type", "application/problem+json");
  headers.set("cache-control", "no-store");
  if (problem.retryAfter !== undefined) headers.set("retry-after", String(problem.retryAfter));
  if (problem.allow !== undefined) headers.set("allow", problem.allow.join(", "));
  const body = {
    type: `${PROBLEM_TYPE_PREFIX}${problem.code}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    message: problem.detail,
    errors: problem.errors ?? [],
    ...(problem.operationId === undefined ? {} : { operationId: problem.operationId }),
    ...(problem.requestId === undefined ? {} : { requestId: problem.requestId }),
  };
  return new Response(JSON.stringify(body), { status: problem.status, headers });
};

const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000));

/**
 * Maps core's typed errors to what the browser should see. Failures of the proxy's own credentials
 * or of the upstream service are gateway errors (502/504): the browser cannot fix them.
 */
export const problemFromError = (error: ShutterstockError): Problem => {
  const base = {
    code: error._tag,
    detail: error.message,
    operationId: error.operationId,
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
  };
  switch (error._tag) {
    case "InvalidRequest":
      return {
        ...base,
        status: 400,
        title: "Invalid request",
        errors: error.issues.map((issue) => ({ message: issue.message, path: issue.path, code: "invalid" })),
      };
    case "BadRequest":
      return {
        ...base,
        status: error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 400,
        title: "Rejected by the API",
        errors: error.errors,
      };
    case "Unauthorized":
      return {
        ...base,
        status: 502,
        title: "The proxy's credentials were rejected",
        detail: `${error.operationId}: the API did not accept the proxy's credentials`,
      };
    case "Forbidden":
      return {
        ...base,
        status: 403,
        title: "Not allowed with the proxy's credentials",
        errors: error.missingScopes.map((scope) => ({ message: `requires scope ${scope}`, code: "scope" })),
      };
    case "NotFound":
      return { ...base, status: 404, title: "Not found" };
    case "RateLimited": {
      const retryAfter = seconds(error.retryAfterMs);
      return {
        ...base,
        status: 429,
        title: "Rate limited by the API",
        ...(retryAfter === undefined ? {} : { retryAfter }),
      };
    }
    case "ServerError":
      return { ...base, status: 502, title: "The API failed" };
    case "Timeout":
      return { ...base, status: 504, title: "The API did not answer in time" };
    case "NetworkError":
      return { ...base, status: 502, title: "The API could not be reached" };
    case "DecodeError":
      return { ...base, status: 502, title: "The API sent an unexpected response" };
  }
};

/** Anything else is a bug or a platform failure; its text may hold anything, so none of it is sent. */
export const problemFromUnknown = (error: unknown): Problem =>
  isShutterstockError(error)
    ? problemFromError(error)
    : {
        status: 500,
        code: "InternalError",
        title: "Internal error",
        detail: "The proxy failed unexpectedly",
      };
