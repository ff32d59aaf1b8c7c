/**
 * `@shutterkit/edge`: a fetch handler that exposes an allowlist of Shutterstock API operations to
 * browsers from Cloudflare Workers, Vercel Edge Functions and other fetch runtimes. It admits only
 * the callers the deployer's `authorize` accepts (or serves reads to anyone with `public: true`),
 * adds the server's credentials, answers CORS, caches public GETs, rate-limits per caller and answers errors
 * as RFC 9457 problem documents. No Node built-ins, and no Effect on the `createEnvProxyHandler` path.
 */
export type { CacheOptions, CacheStore } from "./cache.ts";
export {
  type AnonymousCaller,
  type Authorize,
  anonymous,
  type Caller,
  type Grant,
  type Refusal,
  refuse,
  type Verdict,
} from "./caller.ts";
export {
  cloudflareRateLimiter,
  type DurableObjectNamespaceLike,
  durableObjectRateLimiter,
  type RateLimitBinding,
  RateLimiterDurableObject,
} from "./cloudflare.ts";
export { ProxyConfigError } from "./config-error.ts";
export { problemFromError } from "./core-errors.ts";
export type { CorsOptions } from "./cors.ts";
export { createProxyHandler } from "./create-handler.ts";
export { Credentials, type Redacted, type Secret } from "./credentials.ts";
export {
  ENV_VARIABLES,
  type EnvVariable,
  type ProxyEnv,
  type ProxyEnvConfig,
  proxyConfigFromEnv,
} from "./env.ts";
export {
  createEnvProxyHandler,
  type EnvProxyHandler,
  type EnvProxyOptions,
  type EnvRateLimit,
} from "./from-env.ts";
export {
  byOperationId,
  type CallerCheck,
  type EdgeProxyOptions,
  type ProxyHandler,
  type ProxyLogEntry,
  type ProxyOptions,
  type ProxySettings,
  type UpstreamOptions,
  type WaitUntilContext,
} from "./handler.ts";
export { PROBLEM_TYPE_PREFIX, type Problem, type ProblemDetail } from "./problem.ts";
export {
  memoryRateLimiter,
  type RateLimiter,
  type RateLimitOptions,
  type RateLimitVerdict,
} from "./rate-limit.ts";
export { type Access, type AllowEntry, type AllowRule, accessOf } from "./routes.ts";
export { type UpstashRateLimiterOptions, type UpstashRatelimitLike, upstashRateLimiter } from "./upstash.ts";
