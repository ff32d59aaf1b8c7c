// One call to the API with the proxy's credentials: plain `fetch`, a timeout per call, and the API's
// answer turned into what the browser gets. Successful JSON goes back as sent (the browser's client
// decodes it against the contract); failures become problems that keep the API's `message` and
// `errors`, so core's client in the browser raises the same typed errors as against the API.
//
// There are no retries here, on purpose. The browser's client (core's) already retries transient
// failures (429, 5xx, timeouts, dropped connections) with backoff and honours Retry-After. Retrying
// here too would multiply the attempts (3 × 3 calls for one click) against the API's rate limit, and
// a proxy must never send a POST twice: it may be a purchase, or an upload it cannot tell from a new one.
import { parseRetryAfter, type RouteDescriptor, readApiErrors, writeParams } from "@shutterkit/core/routes";
import { errorCodeOf, errorKindOf, requestIdOf, type StatusErrorKind } from "@shutterkit/core/wire";
import { ProxyConfigError } from "./config-error.ts";
import type { Authorization } from "./credentials.ts";
import { GATEWAY, gatewayStatus } from "./gateway.ts";
import { type Problem, ProblemError } from "./problem.ts";

export interface UpstreamOptions {
  /** Milliseconds one call may take, response body included, before the proxy answers 504. Default 15,000. */
  readonly timeout?: number;
  /** A `fetch` to use instead of the global one (tests, instrumentation). */
  readonly fetch?: typeof globalThis.fetch;
  /** Sent as `User-Agent`. Default `shutterkit-edge`. */
  readonly userAgent?: string;
  /**
   * @deprecated Ignored: the proxy calls the API once and the browser's client retries (see the
   * top of this file). Accepted so that configurations written for earlier versions still compile.
   */
  readonly retry?: unknown;
  /** @deprecated Ignored: with a single attempt, `timeout` bounds the whole call. */
  readonly totalTimeout?: unknown;
}

export interface UpstreamResult {
  readonly status: number;
  /** The API's JSON as sent, or undefined when there is no content. */
  readonly body: string | undefined;
}

export type Upstream = (
  descriptor: RouteDescriptor,
  params: Readonly<Record<string, unknown>>,
  body: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<UpstreamResult>;

/** `Retry-After` as whole seconds (at least 1), from delay-seconds or an HTTP date. */
export const retryAfterSeconds = (value: string | null, now: number = Date.now()): number | undefined => {
  const ms = parseRetryAfter(value, now);
  return ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000));
};

/**
 * A non-2xx answer as the browser should see it: the kind from core's one status table, the status
 * and title from the proxy's one gateway table. The API's 4xx is kept where the browser can fix it.
 */
const problemFromResponse = (
  descriptor: RouteDescriptor,
  status: number,
  headers: Headers,
  text: string,
  scrub: (text: string) => string,
): Problem => {
  const requestId = requestIdOf(headers, scrub);
  const api = readApiErrors(text, scrub);
  // A redirect or another status the operation does not answer with is no error of the caller's.
  const kind = status >= 400 ? errorKindOf(status) : "DecodeError";
  const retryAfter = kind === "RateLimited" ? retryAfterSeconds(headers.get("retry-after")) : undefined;
  const detail =
    kind === "Unauthorized"
      ? `${descriptor.operationId}: the API did not accept the proxy's credentials`
      : scrub(`${descriptor.method} ${descriptor.path} → ${status}: ${api.message ?? FALLBACK[kind]}`);
  const relaysErrors = kind === "BadRequest" || kind === "Forbidden" || kind === "RateLimited";
  return {
    operationId: descriptor.operationId,
    ...(requestId === undefined ? {} : { requestId }),
    status: gatewayStatus(kind, status),
    code: kind,
    title: GATEWAY[kind].title,
    detail,
    ...(relaysErrors ? { errors: api.errors } : {}),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
};

const FALLBACK: Readonly<Record<StatusErrorKind | "DecodeError", string>> = {
  BadRequest: "bad request",
  Unauthorized: "credentials rejected",
  Forbidden: "not allowed with these credentials",
  NotFound: "not found",
  Timeout: "request timeout",
  RateLimited: "rate limited",
  ServerError: "server error",
  DecodeError: "unexpected status",
};

/** A system error code (`ECONNREFUSED`) from the cause chain: safe to relay, unlike the error's text. */
const RELAYABLE_CODE = /^[A-Za-z_]+$/;
const causeCode = (error: unknown): string | undefined =>
  errorCodeOf(error, { maxDepth: 5, accept: (code) => RELAYABLE_CODE.test(code) });

const JSON_TYPE = /\bjson\b/i;

export const makeUpstream = (
  baseUrl: URL,
  authorization: Authorization,
  options: UpstreamOptions = {},
): Upstream => {
  const timeout = options.timeout ?? 15_000;
  if (!(Number.isFinite(timeout) && timeout > 0))
    throw new ProxyConfigError("upstream.timeout must be a number of milliseconds > 0");
  const userAgent = options.userAgent ?? "shutterkit-edge";
  // Looked up per call, and never called detached: workerd refuses a `fetch` called with another `this`.
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const { scrub } = authorization;

  return async (descriptor, params, body, signal) => {
    const parts = writeParams(descriptor, params);
    const url = new URL(parts.path, baseUrl);
    url.search = parts.query.toString();
    const headers = new Headers({ accept: "application/json", "user-agent": userAgent });
    for (const [name, value] of Object.entries(parts.headers)) headers.set(name, value);
    headers.set("authorization", authorization.header);
    if (body !== undefined) headers.set("content-type", "application/json");

    const route = `${descriptor.method} ${descriptor.path}`;
    const base = { operationId: descriptor.operationId };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const cancel = () => controller.abort();
    signal?.addEventListener("abort", cancel);
    const failure = (error: unknown) => {
      if (timedOut)
        return new ProblemError({
          ...base,
          status: 504,
          code: "Timeout",
          title: "The API did not answer in time",
          detail: `${route}: no complete response within ${timeout} ms`,
        });
      if (signal?.aborted === true)
        return new ProblemError({
          ...base,
          status: 499,
          code: "ClientClosedRequest",
          title: "The client went away",
          detail: `${route}: the request was cancelled`,
        });
      const code = causeCode(error);
      return new ProblemError({
        ...base,
        status: 502,
        code: "NetworkError",
        title: "The API could not be reached",
        detail: `${route} failed${code === undefined ? "" : `: ${code}`}`,
      });
    };

    try {
      if (signal?.aborted === true) throw failure(signal.reason);
      let response: Response;
      let text: string;
      try {
        response = await send(url, {
          method: descriptor.method,
          headers,
          signal: controller.signal,
          ...(body === undefined ? {} : { body }),
        });
        text = await response.text();
      } catch (error) {
        throw failure(error);
      }
      const { status } = response;
      if (status < 200 || status >= 300)
        throw new ProblemError(problemFromResponse(descriptor, status, response.headers, text, scrub));
      if (status === 204 || descriptor.response.status === 204 || text === "")
        return { status: 204, body: undefined };
      const contentType = response.headers.get("content-type") ?? "";
      let json = JSON_TYPE.test(contentType);
      if (json)
        try {
          JSON.parse(text);
        } catch {
          json = false;
        }
      if (!json) {
        const requestId = requestIdOf(response.headers, scrub);
        throw new ProblemError({
          ...base,
          ...(requestId === undefined ? {} : { requestId }),
          status: 502,
          code: "DecodeError",
          title: "The API sent an unexpected response",
          detail: scrub(`${route}: expected JSON, got ${status} with content-type "${contentType}"`),
        });
      }
      return { status, body: text };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", cancel);
    }
  };
};
