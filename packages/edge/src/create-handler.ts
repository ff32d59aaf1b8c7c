// The proxy with explicit options. It also takes core's `Credentials`, whose secrets only Effect can
// read, so it is kept apart from `createEnvProxyHandler`: a worker that reads its settings from the
// environment never bundles Effect.
import { fromCoreCredentials } from "./core-credentials.ts";
import { makeProxyHandler, type ProxyHandler, type ProxyOptions } from "./handler.ts";

/** The proxy as a fetch handler: `export default { fetch: createProxyHandler(options) }` style. */
export const createProxyHandler = (options: ProxyOptions): ProxyHandler =>
  makeProxyHandler({ ...options, credentials: fromCoreCredentials(options.credentials) });
