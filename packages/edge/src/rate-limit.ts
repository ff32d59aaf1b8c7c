// A token bucket per client, in the isolate's memory. Each isolate counts on its own, so the limit
// is per edge instance: a guard against one browser hammering the API through the proxy, not a
// global quota (that needs Durable Objects or a KV-backed counter).
import { ProxyConfigError } from "./config-error.ts";

export interface RateLimitOptions {
  /** Requests a client may make in a burst. */
  readonly capacity: number;
  /** Tokens added back per second. */
  readonly refillPerSecond: number;
  /**
   * Headers naming the client, first present wins. Default: `cf-connecting-ip` (Cloudflare),
   * `x-real-ip`, then the first address of `x-forwarded-for` (Vercel). Only trust headers your
   * platform sets itself.
   */
  readonly keyHeaders?: ReadonlyArray<string>;
  /** Buckets kept before full ones are dropped. Default 10,000. */
  readonly maxClients?: number;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

export interface RateLimiter {
  /** Takes a token; returns the seconds to wait when there is none. */
  readonly take: (key: string) => { readonly ok: true } | { readonly ok: false; readonly retryAfter: number };
  readonly keyOf: (headers: Headers) => string;
}

const DEFAULT_KEY_HEADERS = ["cf-connecting-ip", "x-real-ip", "x-forwarded-for"];

interface Bucket {
  tokens: number;
  updated: number;
}

export const makeRateLimiter = (options: RateLimitOptions): RateLimiter => {
  const { capacity, refillPerSecond } = options;
  if (!(Number.isFinite(capacity) && capacity >= 1))
    throw new ProxyConfigError("rateLimit.capacity must be a number >= 1");
  if (!(Number.isFinite(refillPerSecond) && refillPerSecond > 0))
    throw new ProxyConfigError("rateLimit.refillPerSecond must be a number > 0");
  const now = options.now ?? Date.now;
  const maxClients = options.maxClients ?? 10_000;
  const keyHeaders = (options.keyHeaders ?? DEFAULT_KEY_HEADERS).map((name) => name.toLowerCase());
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(capacity, bucket.tokens + ((at - bucket.updated) / 1000) * refillPerSecond);
    bucket.updated = at;
  };

  const prune = (at: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= capacity) buckets.delete(key);
    }
  };

  const take = (key: string) => {
    const at = now();
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      if (buckets.size >= maxClients) prune(at);
      bucket = { tokens: capacity, updated: at };
      buckets.set(key, bucket);
    } else refill(bucket, at);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true } as const;
    }
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) } as const;
  };

  const keyOf = (headers: Headers): string => {
    for (const name of keyHeaders) {
      const value = headers.get(name);
      if (value !== null && value.trim() !== "") return value.split(",")[0]?.trim() ?? value;
    }
    return "unknown";
  };

  return { take, keyOf };
};
