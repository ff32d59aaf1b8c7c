import * as Duration from "effect/Duration";
import * as Redacted from "effect/Redacted";
import type * as Schedule from "effect/Schedule";
import type { Hooks } from "ky";
import type { ResponseCache } from "./client/cache.ts";
import type { EffectLogger, LogLevel, ShutterstockLogger } from "./client/logging.ts";
import type { RateLimit } from "./client/rate-limit.ts";
import type { Tracing } from "./client/tracing.ts";
import type { Credentials } from "./credentials.ts";
import type { ShutterstockError } from "./errors.ts";

export const DEFAULT_BASE_URL = "https://api.shutterstock.com";

/** A secret as a `Redacted` value; plain strings are wrapped at once so they never print. */
export type Secret = string | Redacted.Redacted<string>;

export const redact = (secret: Secret): Redacted.Redacted<string> =>
  Redacted.isRedacted(secret) ? secret : Redacted.make(secret);

/**
 * When and how to retry. Which failures may be retried is fixed by method (see `isRetryable`): a POST
 * may be a purchase, so it is retried only on 429 and on connection failures before anything was sent.
 */
export interface RetryPolicy {
  /** Total attempts, the first included. Default 4. */
  readonly maxAttempts?: number;
  /** First backoff delay; doubles each retry, with ±20% jitter. Default 250 ms. */
  readonly baseDelay?: Duration.Input;
  /** Cap for one backoff delay. Default 8 s. */
  readonly maxDelay?: Duration.Input;
  /** Cap for a server's `Retry-After`; a longer one ends the retries instead of stalling the caller. Default 60 s. */
  readonly maxRetryAfter?: Duration.Input;
}

/**
 * A retry setting: a policy, `false` for a single attempt, or an Effect `Schedule` of your own (it
 * receives each failure as input; the purchase-safe rule still decides which failures are retried).
 */
export type RetrySetting = RetryPolicy | false | Schedule.Schedule<unknown, ShutterstockError>;

export interface ResolvedRetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

const millis = (input: Duration.Input | undefined, fallback: number): number =>
  input === undefined ? fallback : Duration.toMillis(Duration.fromInputUnsafe(input));

export const resolveRetryPolicy = (policy: RetryPolicy | false | undefined): ResolvedRetryPolicy => {
  if (policy === false) return { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };
  return {
    maxAttempts: Math.max(1, Math.floor(policy?.maxAttempts ?? 4)),
    baseDelayMs: millis(policy?.baseDelay, 250),
    maxDelayMs: millis(policy?.maxDelay, 8_000),
    maxRetryAfterMs: millis(policy?.maxRetryAfter, 60_000),
  };
};

/** What the debug hook sees. Headers are already redacted; URLs never carry credentials. */
export type DebugEvent =
  | {
      readonly type: "request";
      readonly operationId: string;
      readonly method: string;
      readonly url: string;
      readonly attempt: number;
      readonly headers: Readonly<Record<string, string>>;
    }
  | {
      readonly type: "response";
      readonly operationId: string;
      readonly method: string;
      readonly url: string;
      readonly attempt: number;
      readonly status: number;
      readonly durationMs: number;
    }
  | {
      readonly type: "retry";
      readonly operationId: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    };

export interface ShutterstockConfig {
  /** API origin. Default `https://api.shutterstock.com`; point it at a sandbox for tests. */
  readonly baseUrl?: string | URL;
  /** Credentials; see {@link Credentials}. Without them only unauthenticated routes work. */
  readonly credentials?: Credentials;
  /**
   * Your application's token, appended to the default `User-Agent`
   * (`shutterkit/<version> (<runtime>/<version>)`), e.g. `"my-app/2.1"`. Shutterstock asks every
   * integration to identify itself. To replace the header entirely, set `headers: { "user-agent": ... }`.
   */
  readonly userAgent?: string;
  /** Headers sent with every request (never logged when they carry credentials). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Timeout of one attempt, response body included. Default 30 s. */
  readonly timeout?: Duration.Input;
  /** Timeout of a whole call, retries and backoff included. Default 120 s. */
  readonly totalTimeout?: Duration.Input;
  /** Retry policy, `false` for a single attempt, or a `Schedule`. */
  readonly retry?: RetrySetting;
  /** Validate responses against the contract. Default true. */
  readonly decodeResponses?: boolean;
  /**
   * A `fetch` to use instead of the global one (tests, proxies, instrumentation). ky calls it as
   * `fetch(request, init)`: pass `init` on, and honour the request's signal, since that signal is how
   * timeouts and aborts cancel the request.
   */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * ky hooks of your own, run after shutterkit's (which set auth, `User-Agent` and trace headers).
   * `beforeRequest` may rewrite the request or answer it (a stub, a local cache); `afterResponse` sees
   * every response. Retries, timeouts and error mapping stay shutterkit's.
   */
  readonly hooks?: Hooks;
  /** Called for each request, response and retry, with credentials redacted. */
  readonly onDebug?: (event: DebugEvent) => void;
  /**
   * Least severe level logged: `"debug"` (every response), `"info"` (retries and failed calls),
   * `"warn"` (deprecated operations; the default), `"error"`, or `"off"`. Failed calls are always
   * reported to the caller as typed errors; logging them is opt-in. The Node and Deno adapters read
   * `SHUTTERKIT_LOG`.
   */
  readonly logLevel?: LogLevel;
  /**
   * Where log lines go. Default: the console. `logger: effectLogger` sends them through Effect's
   * `Logger` in the call's fiber, so a logger layer of your own receives them.
   */
  readonly logger?: ShutterstockLogger | EffectLogger;
  /**
   * Opt-in tracing: `tracing: tracing()` makes one client span per call (method, route, status,
   * attempts) under the caller's span and sends it as W3C `traceparent`, so the API's traces join
   * yours; `tracing({ propagation: false })` keeps the spans without the header. Without it, calls
   * make no span and send no `traceparent`.
   */
  readonly tracing?: Tracing;
  /**
   * Queue calls to stay under the application's request rate instead of meeting 429s:
   * `rateLimit: rateLimit({ perSecond: 10, burst: 20 })`. In memory by default (one process); give
   * it a `limiter` on a shared store (`@shutterkit/redis`) to share one quota across processes.
   */
  readonly rateLimit?: RateLimit;
  /**
   * An opt-in cache of public GET answers, revalidated with `If-None-Match` (a 304 answers from the
   * cache, `response.cached` says so): `cache: responseCache()` or `responseCache({ store })`.
   */
  readonly cache?: ResponseCache;
}

export interface ResolvedConfig {
  readonly baseUrl: URL;
  readonly credentials: Credentials | undefined;
  readonly userAgent: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly retry: RetrySetting;
  readonly decodeResponses: boolean;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly hooks: Hooks | undefined;
  readonly onDebug: ((event: DebugEvent) => void) | undefined;
  readonly logLevel: LogLevel;
  readonly logger: ShutterstockLogger | EffectLogger | undefined;
  readonly tracing: Tracing | undefined;
  readonly rateLimit: RateLimit | undefined;
  readonly cache: ResponseCache | undefined;
}

/** A base URL the client can use: http(s), no credentials in it (fetch refuses those and errors would print them). */
export const checkedBaseUrl = (input: string | URL): URL => {
  const url = new URL(input);
  if (url.username !== "" || url.password !== "")
    throw new TypeError("baseUrl must not carry credentials (user:password@); pass them as `credentials`");
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TypeError(`baseUrl must be an http(s) URL, not ${url.protocol}`);
  return url;
};

export const durationMillis = millis;

export const resolveConfig = (config: ShutterstockConfig = {}): ResolvedConfig => ({
  baseUrl: checkedBaseUrl(config.baseUrl ?? DEFAULT_BASE_URL),
  credentials: config.credentials,
  userAgent: config.userAgent,
  headers: config.headers ?? {},
  timeoutMs: millis(config.timeout, 30_000),
  totalTimeoutMs: millis(config.totalTimeout, 120_000),
  retry: config.retry ?? {},
  decodeResponses: config.decodeResponses ?? true,
  fetch: config.fetch,
  hooks: config.hooks,
  onDebug: config.onDebug,
  logLevel: config.logLevel ?? "warn",
  logger: config.logger,
  tracing: config.tracing,
  rateLimit: config.rateLimit,
  cache: config.cache,
});
