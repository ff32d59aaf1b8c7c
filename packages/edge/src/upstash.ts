// `@upstash/ratelimit` as the proxy's limiter, for Vercel Edge and other runtimes without a
// platform primitive: the count lives in Upstash Redis, shared by every instance. Typed by the
// members used, so this package does not depend on Upstash's.
import { ProxyConfigError } from "./config-error.ts";
import type { RateLimiter } from "./rate-limit.ts";

/** The part of an `@upstash/ratelimit` `Ratelimit` the proxy calls. */
export interface UpstashRatelimitLike {
  limit(
    identifier: string,
  ): Promise<{ readonly success: boolean; readonly reset: number; readonly pending?: Promise<unknown> }>;
}

export interface UpstashRateLimiterOptions {
  /**
   * Keeps Upstash's background work (analytics, multi-region sync: the `pending` promise) alive
   * after the response, such as Vercel's `waitUntil` from `@vercel/functions`. Default: the
   * platform context given to the handler (Cloudflare's `ctx`), else that work is awaited first.
   */
  readonly waitUntil?: (promise: Promise<unknown>) => void;
  /** Clock in milliseconds, for `Retry-After`. */
  readonly now?: () => number;
}

/**
 * `rateLimit: upstashRateLimiter(new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(60, "60 s") }))`.
 * A refusal answers `Retry-After` with the seconds until Upstash's window resets.
 */
export const upstashRateLimiter = (
  ratelimit: UpstashRatelimitLike,
  options: UpstashRateLimiterOptions = {},
): RateLimiter => {
  if (typeof ratelimit?.limit !== "function")
    throw new ProxyConfigError("upstashRateLimiter: expected a Ratelimit from @upstash/ratelimit");
  const now = options.now ?? Date.now;
  return {
    limit: async (key, context) => {
      const result = await ratelimit.limit(key);
      if (result.pending !== undefined) {
        const pending = result.pending.catch(() => undefined);
        const waitUntil = options.waitUntil ?? context?.waitUntil.bind(context);
        if (waitUntil === undefined) await pending;
        else waitUntil(pending);
      }
      if (result.success) return { ok: true };
      return { ok: false, retryAfter: Math.max(1, Math.ceil((result.reset - now()) / 1000)) };
    },
  };
};
