// The Cloudflare Worker: the shutterkit edge proxy under the API's own paths (`/v2/...`), so the
// web app's client uses this worker's origin as its `baseUrl`. Where it points (sandbox or the real
// API), which origins may call it, caching and rate limits all come from wrangler.jsonc and secrets;
// who may call it comes from the caller's JWT (authorize.ts); each caller's limit is counted in a
// Durable Object, so every isolate of the worker shares it.
import {
  createEnvProxyHandler,
  type DurableObjectNamespaceLike,
  durableObjectRateLimiter,
  type RateLimitOptions,
} from "@shutterkit/edge";
import { catalogue, collections } from "./allowlist.ts";
import { type AuthEnv, authorize } from "./authorize.ts";

export { RateLimiterDurableObject } from "@shutterkit/edge";

/** The worker's bindings; see wrangler.jsonc and the README for what each does. */
export type Env = AuthEnv & {
  readonly SHUTTERSTOCK_API_TOKEN?: string;
  readonly SHUTTERSTOCK_API_KEY?: string;
  readonly SHUTTERSTOCK_API_SECRET?: string;
  readonly SHUTTERSTOCK_BASE_URL?: string;
  readonly SHUTTERKIT_ALLOWED_ORIGINS?: string;
  readonly SHUTTERKIT_CACHE_TTL?: string;
  readonly SHUTTERKIT_RATE_LIMIT_BURST?: string;
  readonly SHUTTERKIT_RATE_LIMIT_PER_MINUTE?: string;
  readonly SHUTTERKIT_ENABLE_COLLECTIONS?: string;
  /** The Durable Object namespace of `RateLimiterDurableObject`. */
  readonly RATE_LIMITER?: DurableObjectNamespaceLike;
};

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** The bucket the variables set, counted in the Durable Object when the binding is there. */
const rateLimit = (env: Env, fromEnv: RateLimitOptions | false) =>
  env.RATE_LIMITER === undefined || fromEnv === false
    ? fromEnv
    : durableObjectRateLimiter(env.RATE_LIMITER, fromEnv);

const publicProxy = createEnvProxyHandler<Env>({ allow: catalogue, authorize, rateLimit });
const accountProxy = createEnvProxyHandler<Env>({
  allow: [...catalogue, ...collections],
  authorize,
  rateLimit,
});

export default {
  fetch(request: Request, env: Env, context: ExecutionContext): Promise<Response> {
    const proxy = env.SHUTTERKIT_ENABLE_COLLECTIONS === "true" ? accountProxy : publicProxy;
    return proxy(request, env, context);
  },
};
