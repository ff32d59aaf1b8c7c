// The Cloudflare Worker: the shutterkit edge proxy under the API's own paths (`/v2/...`), so the
// web app's client uses this worker's origin as its `baseUrl`. Where it points (sandbox or the real
// API), which origins may call it, caching and rate limits all come from wrangler.jsonc and secrets.
import { createEnvProxyHandler } from "@shutterkit/edge";
import { catalogue, collections } from "./allowlist.ts";

/** The worker's bindings; see wrangler.jsonc and the README for what each does. */
export type Env = {
  readonly SHUTTERSTOCK_API_TOKEN?: string;
  readonly SHUTTERSTOCK_API_KEY?: string;
  readonly SHUTTERSTOCK_API_SECRET?: string;
  readonly SHUTTERSTOCK_BASE_URL?: string;
  readonly SHUTTERKIT_ALLOWED_ORIGINS?: string;
  readonly SHUTTERKIT_CACHE_TTL?: string;
  readonly SHUTTERKIT_RATE_LIMIT_BURST?: string;
  readonly SHUTTERKIT_RATE_LIMIT_PER_MINUTE?: string;
  readonly SHUTTERKIT_ENABLE_COLLECTIONS?: string;
};

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

const publicProxy = createEnvProxyHandler({ allow: catalogue });
const accountProxy = createEnvProxyHandler({ allow: [...catalogue, ...collections] });

export default {
  fetch(request: Request, env: Env, context: ExecutionContext): Promise<Response> {
    const proxy = env.SHUTTERKIT_ENABLE_COLLECTIONS === "true" ? accountProxy : publicProxy;
    return proxy(request, env, context);
  },
};
