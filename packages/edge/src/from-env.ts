// The usual deployment shape: settings from the platform's environment, the allowlist from code,
// and one handler per isolate, built on the first request (Cloudflare passes `env` per request).
import { ProxyConfigError } from "./config-error.ts";
import { type ProxyEnvConfig, proxyConfigFromEnv } from "./env.ts";
import {
  type EdgeProxyOptions,
  makeProxyHandler,
  type ProxyHandler,
  type WaitUntilContext,
} from "./handler.ts";
import { problemResponse } from "./problem.ts";

/** The allowlist and anything else to set in code; given settings win over the environment's. */
export type EnvProxyOptions = Omit<EdgeProxyOptions, keyof ProxyEnvConfig> & Partial<ProxyEnvConfig>;

export type EnvProxyHandler = (
  request: Request,
  env: Readonly<Record<string, unknown>> | undefined,
  context?: WaitUntilContext,
) => Promise<Response>;

/**
 * `export default { fetch: createEnvProxyHandler({ allow }) }` on Cloudflare;
 * `(request) => handler(request, process.env)` on Vercel Edge. Options given here win over the
 * environment. A misconfigured environment answers 500 with a problem naming the variables at fault.
 */
export const createEnvProxyHandler = (options: EnvProxyOptions): EnvProxyHandler => {
  let current: { readonly env: unknown; readonly handler: ProxyHandler | ProxyConfigError } | undefined;
  const handlerFor = (env: Readonly<Record<string, unknown>> | undefined) => {
    if (current !== undefined && current.env === env) return current.handler;
    let handler: ProxyHandler | ProxyConfigError;
    try {
      handler = makeProxyHandler({ ...proxyConfigFromEnv(env), ...options });
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
    if (handler instanceof ProxyConfigError)
      return problemResponse({
        status: 500,
        code: "ProxyMisconfigured",
        title: "The proxy is misconfigured",
        detail: handler.message,
        errors: handler.variables.map((variable) => ({ message: "invalid or missing", path: variable })),
      });
    return handler(request, context);
  };
};
