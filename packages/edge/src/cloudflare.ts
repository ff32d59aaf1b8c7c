// Rate limits that hold across every isolate of a Cloudflare Worker, on the platform's own
// primitives: the Rate Limiting binding (a fixed window counted near each location, eventually
// consistent, cheap) or a Durable Object per key (one token bucket per caller, exact, one round
// trip to the object). The types below are the few members the proxy uses, so this package needs
// neither `@cloudflare/workers-types` nor the `cloudflare:workers` module.
import { ProxyConfigError } from "./config-error.ts";
import {
  checkBucketOptions,
  type RateLimiter,
  type RateLimitOptions,
  type RateLimitVerdict,
  type TokenBucket,
  takeToken,
} from "./rate-limit.ts";

/** A `ratelimits` binding of wrangler.jsonc (`{ "name": "LIMITER", "simple": { "limit": 60, "period": 60 } }`). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/**
 * A limiter on Cloudflare's Rate Limiting binding. The binding answers only yes or no, so a refusal
 * carries the binding's `period` (10 or 60 seconds, as set in wrangler.jsonc) as `Retry-After`,
 * the longest the caller may have to wait.
 */
export const cloudflareRateLimiter = (
  binding: RateLimitBinding,
  options: { readonly period: 10 | 60 },
): RateLimiter => {
  if (typeof binding?.limit !== "function")
    throw new ProxyConfigError(
      "cloudflareRateLimiter: the binding has no limit(); check `ratelimits` in wrangler.jsonc",
    );
  if (options.period !== 10 && options.period !== 60)
    throw new ProxyConfigError("cloudflareRateLimiter: period must be 10 or 60, as in wrangler.jsonc");
  return {
    limit: async (key) =>
      (await binding.limit({ key })).success ? { ok: true } : { ok: false, retryAfter: options.period },
  };
};

interface DurableObjectStubLike {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** A `durable_objects` binding whose class is {@link RateLimiterDurableObject}. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: never): DurableObjectStubLike;
}

/**
 * A limiter backed by one {@link RateLimiterDurableObject} per key: every isolate, everywhere,
 * counts against the same bucket. The bucket's settings travel with each request, so changing them
 * needs no migration.
 */
export const durableObjectRateLimiter = (
  namespace: DurableObjectNamespaceLike,
  options: Pick<RateLimitOptions, "capacity" | "refillPerSecond">,
): RateLimiter => {
  if (typeof namespace?.idFromName !== "function")
    throw new ProxyConfigError(
      "durableObjectRateLimiter: the binding is not a Durable Object namespace; check `durable_objects` in wrangler.jsonc",
    );
  checkBucketOptions(options);
  const body = JSON.stringify({ capacity: options.capacity, refillPerSecond: options.refillPerSecond });
  return {
    limit: async (key) => {
      const stub = namespace.get(namespace.idFromName(key) as never);
      const response = await stub.fetch("https://rate-limiter.internal/take", { method: "POST", body });
      if (!response.ok) throw new Error(`rate limiter object answered ${response.status}`);
      return (await response.json()) as RateLimitVerdict;
    },
  };
};

interface DurableObjectStorageLike {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  deleteAll(): Promise<void>;
  setAlarm(scheduledTime: number): Promise<void>;
}

const BUCKET = "bucket";

/**
 * The Durable Object behind {@link durableObjectRateLimiter}: export it from the worker's module
 * (`export { RateLimiterDurableObject } from "@shutterkit/edge"`) and bind it in wrangler.jsonc.
 * The bucket is kept in the object's storage, so it survives the object being evicted, and deleted
 * by an alarm once it would be full again, so idle callers cost no storage.
 */
export class RateLimiterDurableObject {
  readonly #storage: DurableObjectStorageLike;
  #bucket: TokenBucket | undefined;

  constructor(state: { readonly storage: DurableObjectStorageLike }, _env?: unknown) {
    this.#storage = state.storage;
  }

  async fetch(request: Request): Promise<Response> {
    let options: { capacity: number; refillPerSecond: number };
    try {
      options = (await request.json()) as typeof options;
      checkBucketOptions(options);
    } catch {
      return new Response("bucket settings expected", { status: 400 });
    }
    const now = Date.now();
    // Storage calls hold other requests to this object back (input gates), so this is atomic.
    const bucket = this.#bucket ??
      (await this.#storage.get<TokenBucket>(BUCKET)) ?? { tokens: options.capacity, updated: now };
    const verdict = takeToken(bucket, now, options);
    this.#bucket = bucket;
    await this.#storage.put(BUCKET, bucket);
    const fullIn = ((options.capacity - bucket.tokens) / options.refillPerSecond) * 1000;
    await this.#storage.setAlarm(now + Math.ceil(fullIn) + 1000);
    return Response.json(verdict);
  }

  async alarm(): Promise<void> {
    this.#bucket = undefined;
    await this.#storage.deleteAll();
  }
}
