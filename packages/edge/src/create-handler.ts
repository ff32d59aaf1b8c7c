// The proxy with explicit options. It also takes core's `Credentials`, whose secrets only Effect can
// read, so it is kept apart from `createEnvProxyHandler`: a worker that reads its settings from the
// environment never bundles Effect.
import { fromCoreCredentials } from "./core-credentials.ts";
import { makeProxyHandler, type ProxyHandler, type ProxyOptions } from "./handler.ts";

/**
 * The proxy as a fetch handler: `(request, ctx?) => Response`. Throws a `ProxyConfigError` when the
 * options cannot be honoured, for instance when neither `authorize` nor `public: true` is given.
 * `authorize` receives `undefined` as its `env`: its secrets are the caller's to close over.
 */
export const createProxyHandler = (options: ProxyOptions): ProxyHandler => {
  const handler = makeProxyHandler<undefined>({
    ...options,
    credentials: fromCoreCredentials(options.credentials),
  });
  return (request, context) => handler(request, undefined, context);
};
