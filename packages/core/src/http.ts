// One HTTP attempt through ky, mapped to a raw result or a typed error. Retries, timeouts and
// decoding live in the client; ky's own retry and timeout are off because Effect owns them.
import ky, { type KyInstance, type Options } from "ky";
import {
  BadRequest,
  Forbidden,
  NetworkError,
  NotFound,
  RateLimited,
  ServerError,
  type ShutterstockError,
  Timeout,
  Unauthorized,
} from "./errors.ts";
import { parseRetryAfter, readApiErrors } from "./wire.ts";

export interface CallContext {
  readonly operationId: string;
  readonly method: string;
  readonly route: string;
  /** Scopes the contract requires for this operation, to explain a 403. */
  readonly requiredScopes: ReadonlyArray<string>;
  /** Removes configured secrets from text that came from the network. */
  readonly scrub: (text: string) => string;
}

export interface AttemptRequest {
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string | undefined;
}

export interface AttemptResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * The attempt's abort signal travels to fetch as a non-standard option, which ky forwards untouched,
 * rather than as `signal`, which ky would merge with its own controller through `AbortSignal.any`
 * on every call (a third of ky's per-call cost). ky's own controller stays idle: its retry and
 * timeout are off.
 */
const ATTEMPT_SIGNAL = "shutterkitAttemptSignal";

export const makeKy = (fetchImpl: typeof globalThis.fetch | undefined): KyInstance =>
  ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    fetch: (input, init) => {
      const signal = (init as Record<string, unknown> | undefined)?.[ATTEMPT_SIGNAL];
      const request = signal instanceof AbortSignal ? { signal } : undefined;
      // The global fetch is looked up per call, as ky does, so a runtime or test may replace it.
      return fetchImpl === undefined ? globalThis.fetch(input, request) : fetchImpl(input, request);
    },
  });

/** ky options of one attempt; `signal` reaches fetch as described above. */
export const attemptOptions = (
  method: string,
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
  signal: AbortSignal,
): Options => {
  const options: Record<string, unknown> = { method, headers, [ATTEMPT_SIGNAL]: signal };
  if (body !== undefined) options["body"] = body;
  return options as Options;
};

const REQUEST_ID_HEADERS = ["x-shutterstock-request-id", "x-request-id", "x-amzn-requestid"];

/** The API's request id, scrubbed like any other server text: a hostile server could echo a secret there. */
export const requestIdOf = (headers: Headers, scrub: (text: string) => string): string | undefined => {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value !== null) return scrub(value);
  }
  return undefined;
};

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

const causeCode = (error: unknown): string | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && typeof current.code === "string") return current.code;
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
};

export const networkError = (context: CallContext, error: unknown): NetworkError => {
  const code = causeCode(error);
  const phase = code !== undefined && CONNECT_CODES.has(code) ? "connect" : "transfer";
  const detail = error instanceof Error ? error.message : String(error);
  return new NetworkError({
    message: context.scrub(`${context.method} ${context.route} failed: ${code ?? detail}`),
    operationId: context.operationId,
    method: context.method,
    route: context.route,
    phase,
  });
};

/** Maps a non-2xx response to its error class. */
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
  if (status === 401)
    return new Unauthorized({ ...base, message: describe("credentials missing or invalid") });
  if (status === 403) {
    const text = `${parsed.message ?? ""} ${parsed.errors.map((error) => error.message).join(" ")}`;
    const named = context.requiredScopes.filter((scope) => text.includes(scope));
    return new Forbidden({
      ...base,
      message: describe("not allowed with these credentials"),
      missingScopes: named.length > 0 ? named : context.requiredScopes,
    });
  }
  if (status === 404) return new NotFound({ ...base, message: describe("not found") });
  if (status === 408) return new Timeout({ ...base, message: describe("request timeout"), scope: "server" });
  if (status === 429) return new RateLimited({ ...base, ...retryAfter, message: describe("rate limited") });
  if (status >= 500) return new ServerError({ ...base, ...retryAfter, message: describe("server error") });
  return new BadRequest({ ...base, message: describe("bad request"), errors: parsed.errors });
};
