// Successful GET responses in the runtime's Cache API: `caches.default` in workerd, a named cache
// from `caches.open` elsewhere, nothing where the runtime has no Cache API (Vercel Edge, Node).
// Expiry is checked here too, since not every Cache API honours Cache-Control (Deno's does not).
import { ProxyConfigError } from "./config-error.ts";

/** The part of the Cache API the proxy uses. */
export interface CacheStore {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
  delete?(request: Request): Promise<boolean>;
}

export interface CacheOptions {
  /** Seconds a successful GET stays cached and the `max-age` sent to browsers. Default 60. */
  readonly ttl?: number;
  /** Cache to use instead of the runtime's (tests, or a cache shared with other code). */
  readonly store?: CacheStore;
  /** Name for `caches.open` on runtimes without `caches.default`. Default `shutterkit-edge`. */
  readonly name?: string;
}

interface CacheStorageLike {
  readonly default?: CacheStore;
  open(name: string): Promise<CacheStore>;
}

const EXPIRES_HEADER = "x-shutterkit-expires";

export interface EdgeCache {
  readonly ttl: number;
  readonly get: (key: Request) => Promise<Response | undefined>;
  readonly put: (key: Request, body: string, status: number, ttl: number) => Promise<void>;
}

const runtimeCache = async (name: string): Promise<CacheStore | undefined> => {
  const storage = (globalThis as { caches?: CacheStorageLike }).caches;
  if (storage === undefined) return undefined;
  return storage.default ?? (await storage.open(name));
};

export const makeEdgeCache = (options: CacheOptions, now: () => number = Date.now): EdgeCache => {
  const ttl = options.ttl ?? 60;
  if (!(Number.isFinite(ttl) && ttl >= 0))
    throw new ProxyConfigError("cache.ttl must be a number of seconds >= 0");
  let store: Promise<CacheStore | undefined> | undefined;
  // Opened on first use: a worker's global scope may not touch I/O, and most requests may be misses anyway.
  const storeOf = () => {
    store ??=
      options.store === undefined
        ? runtimeCache(options.name ?? "shutterkit-edge").catch(() => undefined)
        : Promise.resolve(options.store);
    return store;
  };

  const get = async (key: Request) => {
    const cache = await storeOf();
    if (cache === undefined) return undefined;
    const hit = await cache.match(key);
    if (hit === undefined) return undefined;
    const expires = Number(hit.headers.get(EXPIRES_HEADER));
    if (Number.isFinite(expires) && expires > now()) return hit;
    // Not awaited: cancelling one branch of a tee'd body settles only once the other branch is done.
    hit.body?.cancel().catch(() => undefined);
    await cache.delete?.(key);
    return undefined;
  };

  const put = async (key: Request, body: string, status: number, seconds: number) => {
    const cache = await storeOf();
    if (cache === undefined || seconds <= 0) return;
    const headers = new Headers({
      "content-type": "application/json",
      "cache-control": `public, max-age=${seconds}`,
      [EXPIRES_HEADER]: String(now() + seconds * 1000),
    });
    await cache.put(key, new Response(body, { status, headers }));
  };

  return { ttl, get, put };
};

/**
 * The cache key: the proxy's own URL with the query sorted by name, so equivalent requests share an
 * entry. The sort is stable: the values of a repeated key keep their order, which matters for
 * scalar params (the last one wins).
 */
export const cacheKey = (url: URL): Request => {
  const key = new URL(url.pathname, url.origin);
  const entries = [...url.searchParams].sort(([a], [b]) => (a === b ? 0 : a < b ? -1 : 1));
  for (const [name, value] of entries) key.searchParams.append(name, value);
  return new Request(key, { method: "GET" });
};
