import { Duration, Redacted } from "effect";

export const DEFAULT_BASE_URL = "https://api.shutterstock.com";

/** A secret as a `Redacted` value; plain strings are wrapped at once so they never print. */
export type Secret = string | Redacted.Redacted<string>;

export type Credentials =
  | { readonly type: "oauth"; readonly accessToken: Redacted.Redacted<string> }
  | {
      readonly type: "basic";
      readonly clientId: Redacted.Redacted<string>;
      readonly clientSecret: Redacted.Redacted<string>;
    };

const redact = (secret: Secret): Redacted.Redacted<string> =>
  Redacted.isRedacted(secret) ? secret : Redacted.make(secret);

export const Credentials = {
  /** An OAuth access token, sent as `Authorization: Bearer …`. Needed for licensing, collections and user routes. */
  oauth: (accessToken: Secret): Credentials => ({ type: "oauth", accessToken: redact(accessToken) }),
  /** An application's consumer key and secret, sent as HTTP Basic auth. Enough for search and details. */
  basic: (clientId: Secret, clientSecret: Secret): Credentials => ({
    type: "basic",
    clientId: redact(clientId),
    clientSecret: redact(clientSecret),
  }),
};

/**
 * When to retry. Idempotent methods (GET, HEAD, PUT, DELETE) retry on 408, 429, 500, 502, 503, 504,
 * attempt timeouts and network errors. POST retries only on 429 and on connection failures before
 * anything was sent, because a POST may be a purchase.
 */
export interface RetryPolicy {
  /** Total attempts, the first included. Default 4. */
  readonly maxAttempts?: number;
  /** First backoff delay; doubles each retry, with ±20% jitter. Default 250 ms. */
  readonly baseDelay?: Duration.Input;
  /** Cap for one backoff delay. Default 8 s. */
  readonly maxDelay?: Duration.Input;
  /** Cap for a server's `Retry-After`; a longer request ends the retries. Default 60 s. */
  readonly maxRetryAfter?: Duration.Input;
}

export interface ResolvedRetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export const resolveRetryPolicy = (policy: RetryPolicy | false | undefined): ResolvedRetryPolicy => {
  if (policy === false) return { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };
  const millis = (input: Duration.Input | undefined, fallback: number) =>
    input === undefined ? fallback : Duration.toMillis(Duration.fromInputUnsafe(input));
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
  /** Sent as `User-Agent` where the runtime allows it. */
  readonly userAgent?: string;
  /** Timeout of one attempt. Default 30 s. */
  readonly timeout?: Duration.Input;
  /** Timeout of a whole call, retries and backoff included. Default 120 s. */
  readonly totalTimeout?: Duration.Input;
  /** Retry policy, or `false` for a single attempt. */
  readonly retry?: RetryPolicy | false;
  /** Validate responses against the contract. Default true; turn off for speed. */
  readonly decodeResponses?: boolean;
  /**
   * A `fetch` to use instead of the global one (tests, proxies, instrumentation). It is called as
   * `fetch(request, { signal })`, as ky calls it: pass `init` on (or honour `init.signal`), since that
   * signal is how timeouts and aborts cancel the request.
   */
  readonly fetch?: typeof globalThis.fetch;
  /** Called for each request, response and retry, with credentials redacted. */
  readonly onDebug?: (event: DebugEvent) => void;
}

export interface ResolvedConfig {
  readonly baseUrl: URL;
  readonly credentials: Credentials | undefined;
  readonly userAgent: string | undefined;
  readonly timeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly retry: ResolvedRetryPolicy;
  readonly decodeResponses: boolean;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly onDebug: ((event: DebugEvent) => void) | undefined;
}

const checkedBaseUrl = (input: string | URL): URL => {
  const url = new URL(input);
  // fetch refuses such URLs on every call, and the error would print them: say so once, without them.
  if (url.username !== "" || url.password !== "")
    throw new TypeError("baseUrl must not carry credentials (user:password@); pass them as `credentials`");
  return url;
};

export const resolveConfig = (config: ShutterstockConfig = {}): ResolvedConfig => ({
  baseUrl: checkedBaseUrl(config.baseUrl ?? DEFAULT_BASE_URL),
  credentials: config.credentials,
  userAgent: config.userAgent,
  timeoutMs:
    config.timeout === undefined ? 30_000 : Duration.toMillis(Duration.fromInputUnsafe(config.timeout)),
  totalTimeoutMs:
    config.totalTimeout === undefined
      ? 120_000
      : Duration.toMillis(Duration.fromInputUnsafe(config.totalTimeout)),
  retry: resolveRetryPolicy(config.retry),
  decodeResponses: config.decodeResponses ?? true,
  fetch: config.fetch,
  onDebug: config.onDebug,
});
