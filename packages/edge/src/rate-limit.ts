// Rate limiting per caller. The proxy asks a `RateLimiter` about one key per request: the caller's
// id when `authorize` named one, the network address otherwise. Where the count lives is the
// limiter's business: a Durable Object or Cloudflare's Rate Limiting binding (cloudflare.ts),
// Upstash on Vercel Edge (upstash.ts), or this file's token bucket in the isolate's memory, which
// every runtime has but which counts per isolate: a guard against one browser hammering the API,
// not a quota shared by every instance.
import { ProxyConfigError } from "./config-error.ts";

export type RateLimitVerdict =
  | { readonly ok: true }
  /** `retryAfter`: whole seconds, at least 1, sent as `Retry-After`. */
  | { readonly ok: false; readonly retryAfter: number };

/**
 * Counts one request against `key` and says whether it may go ahead. `context` is the platform's
 * (Cloudflare's `ctx`), for work that may finish after the response. A limiter that throws or
 * rejects makes the proxy answer 503: an unreachable counter never means an unlimited proxy.
 */
export interface RateLimiter {
  readonly limit: (
    key: string,
    context?: { waitUntil(promise: Promise<unknown>): void },
  ) => RateLimitVerdict | Promise<RateLimitVerdict>;
}

export interface RateLimitOptions {
  /** Requests a caller may make in a burst. */
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
  /** Buckets kept before full ones are dropped. Default 10,000. */
  readonly maxClients?: number;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

export interface TokenBucket {
  tokens: number;
  updated: number;
}

type BucketOptions = Pick<RateLimitOptions, "capacity" | "refillPerSecond">;

/** Checks a bucket's settings; shared by the in-memory limiter and the Durable Object. */
export const checkBucketOptions = (options: BucketOptions) => {
  if (!(Number.isFinite(options.capacity) && options.capacity >= 1))
    throw new ProxyConfigError("rateLimit.capacity must be a number >= 1");
  if (!(Number.isFinite(options.refillPerSecond) && options.refillPerSecond > 0))
    throw new ProxyConfigError("rateLimit.refillPerSecond must be a number > 0");
};

const refill = (bucket: TokenBucket, at: number, { capacity, refillPerSecond }: BucketOptions) => {
  const elapsed = Math.max(0, at - bucket.updated) / 1000;
  bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * refillPerSecond);
  bucket.updated = at;
};

/** Refills `bucket` up to `at`, then takes a token if there is one. Mutates the bucket. */
export const takeToken = (bucket: TokenBucket, at: number, options: BucketOptions): RateLimitVerdict => {
  const { refillPerSecond } = options;
  refill(bucket, at, options);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { ok: true };
  }
  return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
};

/** A token bucket per key in this isolate's memory: the default, and the fallback on any runtime. */
export const memoryRateLimiter = (options: RateLimitOptions): RateLimiter => {
  checkBucketOptions(options);
  const now = options.now ?? Date.now;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, TokenBucket>();

  const prune = (at: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at, options);
      if (bucket.tokens >= options.capacity) buckets.delete(key);
    }
  };

  return {
    limit: (key) => {
      const at = now();
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        if (buckets.size >= maxClients) prune(at);
        bucket = { tokens: options.capacity, updated: at };
        buckets.set(key, bucket);
      }
      return takeToken(bucket, at, options);
    },
  };
};

/** Whether a value is a limiter rather than the in-memory limiter's options. */
export const isRateLimiter = (value: RateLimitOptions | RateLimiter): value is RateLimiter =>
  typeof (value as Partial<RateLimiter>).limit === "function";

/**
 * Default headers naming the client's address, first present wins: `cf-connecting-ip` (Cloudflare),
 * `x-real-ip`, then the first address of `x-forwarded-for` (Vercel).
 */
export const DEFAULT_ADDRESS_HEADERS: ReadonlyArray<string> = [
  "cf-connecting-ip",
  "x-real-ip",
  "x-forwarded-for",
];

/** The client's address from the first header present, or `unknown`. Only trust headers your platform sets. */
export const clientAddress = (headers: Headers, names: ReadonlyArray<string>): string => {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== "") return value.split(",")[0]?.trim() ?? value;
  }
  return "unknown";
};
