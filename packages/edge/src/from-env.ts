// The usual deployment shape: settings from the platform's environment, the allowlist from code,
// and one handler per isolate, built on the first request (Cloudflare passes `env` per request).
import { ProxyConfigError } from "./config-error.ts";
import { type ProxyEnvConfig, proxyConfigFromEnv } from "./env.ts";
import {
  type CallerCheck,
  callerModeOf,
  type EdgeProxyOptions,
  type EnvAwareHandler,
  makeProxyHandler,
  type ProxySettings,
  type WaitUntilContext,
} from "./handler.ts";
import { misconfigured, problemResponse } from "./problem.ts";
import type { RateLimiter, RateLimitOptions } from "./rate-limit.ts";

/** What `rateLimit` may be here: also a function of the environment, for limiters on bindings. */
export type EnvRateLimit<Env> =
  | RateLimitOptions
  | RateLimiter
  | false
  /** `(env, fromEnv) => durableObjectRateLimiter(env.RATE_LIMITER, fromEnv)`; `fromEnv` is the bucket the variables set. */
  | ((env: Env, fromEnv: RateLimitOptions | false) => RateLimitOptions | RateLimiter | false);

/** The allowlist, the caller check and anything else to set in code; given settings win over the environment's. */
export type EnvProxyOptions<Env = Readonly<Record<string, unknown>>> = Omit<
  ProxySettings,
  keyof ProxyEnvConfig | "rateLimit"
> &
  Partial<Omit<ProxyEnvConfig, "rateLimit">> &
  CallerCheck<Env> & { readonly rateLimit?: EnvRateLimit<Env> };

export type EnvProxyHandler<Env = Readonly<Record<string, unknown>>> = (
  request: Request,
  env: Env,
  context?: WaitUntilContext,
) => Promise<Response>;

/**
 * `export default { fetch: createEnvProxyHandler({ allow, authorize }) }` on Cloudflare;
 * `(request) => handler(request, process.env)` on Vercel Edge. Options given here win over the
 * environment. Throws a `ProxyConfigError` at once when neither `authorize` nor `public: true` is
 * given; a misconfigured environment answers 500 with a problem naming the variables at fault.
 */
export const createEnvProxyHandler = <Env extends object | undefined = Readonly<Record<string, unknown>>>(
  options: EnvProxyOptions<Env>,
): EnvProxyHandler<Env> => {
  // The caller check is code, not environment: a proxy without one fails here, before any request.
  callerModeOf(options);
  let current:
    | { readonly env: unknown; readonly handler: EnvAwareHandler<Env> | ProxyConfigError }
    | undefined;
  const handlerFor = (env: Env) => {
    if (current !== undefined && current.env === env) return current.handler;
    let handler: EnvAwareHandler<Env> | ProxyConfigError;
    try {
      const fromEnv = proxyConfigFromEnv(env as Readonly<Record<string, unknown>> | undefined);
      const { rateLimit, ...rest } = options;
      handler = makeProxyHandler<Env>({
        ...fromEnv,
        ...rest,
        rateLimit:
          typeof rateLimit === "function"
            ? rateLimit(env, fromEnv.rateLimit)
            : (rateLimit ?? fromEnv.rateLimit),
      } as EdgeProxyOptions<Env>);
    } catch (error) {
      if (!(error instanceof ProxyConfigError)) throw error;
      // The message names variables, never their values.
      console.error(error.message);
      handler = error;
    }
    current = { env, handler };
    return handler;
  };
  return async (request, env, context) => {
    const handler = handlerFor(env);
    if (handler instanceof ProxyConfigError) return problemResponse(misconfigured(handler));
    return handler(request, env, context);
  };
};
