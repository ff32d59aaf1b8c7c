// The fixture's allowlist through `createProxyHandler` with explicit options instead of the
// environment. That entry also takes core's `Credentials`, whose secrets only Effect's `Redacted`
// module can read, so it bundles that module: the bench prints the difference.
import { Credentials, createProxyHandler, type ProxyHandler } from "../src/index.ts";
import { allow } from "../test/fixtures/allow.ts";

interface Env {
  readonly SHUTTERSTOCK_API_TOKEN: string;
  readonly SHUTTERSTOCK_BASE_URL: string;
  readonly SHUTTERKIT_ALLOWED_ORIGINS: string;
}

let handler: ProxyHandler | undefined;

export default {
  fetch: (request: Request, env: Env) => {
    handler ??= createProxyHandler({
      credentials: Credentials.oauth(env.SHUTTERSTOCK_API_TOKEN),
      baseUrl: env.SHUTTERSTOCK_BASE_URL,
      allow,
      cors: { origins: [env.SHUTTERKIT_ALLOWED_ORIGINS] },
      public: true,
    });
    return handler(request);
  },
};
