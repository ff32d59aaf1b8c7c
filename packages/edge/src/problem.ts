// Errors as RFC 9457 problem documents. Besides the standard members, a problem carries `message`
// and `errors` in the API's own error shape, so core's client pointed at the proxy raises the same
// typed errors it raises against the API.
import { ProxyConfigError } from "./config-error.ts";

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
  /** Sent as `WWW-Authenticate` (a 401's challenge). */
  readonly challenge?: string;
}

export const PROBLEM_TYPE_PREFIX = "urn:shutterkit:problem:";

/** A failure that already knows its answer; anything else thrown is answered as an internal error. */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

export const problemResponse = (problem: Problem, headers: Headers = new Headers()): Response => {
  headers.set("content-type", "application/problem+json");
  headers.set("cache-control", "no-store");
  if (problem.retryAfter !== undefined) headers.set("retry-after", String(problem.retryAfter));
  if (problem.allow !== undefined) headers.set("allow", problem.allow.join(", "));
  if (problem.challenge !== undefined) headers.set("www-authenticate", problem.challenge);
  if (problem.requestId !== undefined) headers.set("x-request-id", problem.requestId);
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

/** A configuration the proxy cannot work with; its message names variables or options, never values. */
export const misconfigured = (error: ProxyConfigError): Problem => ({
  status: 500,
  code: "ProxyMisconfigured",
  title: "The proxy is misconfigured",
  detail: error.message,
  errors: error.variables.map((variable) => ({ message: "invalid or missing", path: variable })),
});

/**
 * A configuration error found while serving (an `authorize` that needs a variable) is answered like
 * one found at start. Anything else is a bug or a platform failure; its text may hold anything, so
 * none of it is sent.
 */
export const problemFromUnknown = (error: unknown): Problem =>
  error instanceof ProblemError
    ? error.problem
    : error instanceof ProxyConfigError
      ? misconfigured(error)
      : {
          status: 500,
          code: "InternalError",
          title: "Internal error",
          detail: "The proxy failed unexpectedly",
        };
