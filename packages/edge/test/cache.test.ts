import { describe, expect, it } from "vitest";
import { type CacheStore, cacheKey, makeEdgeCache } from "../src/cache.ts";

const memoryStore = (): CacheStore & { readonly size: () => number } => {
  const entries = new Map<string, Response>();
  return {
    match: async (request) => entries.get(request.url)?.clone(),
    put: async (request, response) => {
      entries.set(request.url, response);
    },
    delete: async (request) => entries.delete(request.url),
    size: () => entries.size,
  };
};

describe("edge cache", () => {
  it("serves an entry until its TTL passes, then drops it", async () => {
    let now = 0;
    const store = memoryStore();
    const cache = makeEdgeCache({ store, ttl: 30 }, () => now);
    const key = cacheKey(new URL("https://proxy.test/v2/images/1"));
    await cache.put(key, '{"id":"1"}', 200, 30);
    const hit = await cache.get(key);
    expect(await hit?.text()).toBe('{"id":"1"}');
    expect(hit?.headers.get("cache-control")).toBe("public, max-age=30");
    now = 30_001;
    expect(await cache.get(key)).toBeUndefined();
    expect(store.size()).toBe(0);
  });

  it("stores nothing for a zero TTL and works without any Cache API", async () => {
    const store = memoryStore();
    const cache = makeEdgeCache({ store });
    await cache.put(cacheKey(new URL("https://proxy.test/a")), "{}", 200, 0);
    expect(store.size()).toBe(0);
    const none = makeEdgeCache({});
    await none.put(cacheKey(new URL("https://proxy.test/a")), "{}", 200, 10);
    expect(await none.get(cacheKey(new URL("https://proxy.test/a")))).toBeUndefined();
  });

  it("keys on the query sorted by name, keeping the order of a repeated name's values", () => {
    const key = (query: string) => cacheKey(new URL(`https://proxy.test/v2/images/search?${query}`)).url;
    expect(key("query=cat&per_page=2")).toBe(key("per_page=2&query=cat"));
    expect(key("per_page=5&per_page=10")).not.toBe(key("per_page=10&per_page=5"));
  });

  it("opens a named cache where the runtime has no caches.default (Deno, browsers)", async () => {
    const store = memoryStore();
    const opened: string[] = [];
    const global = globalThis as { caches?: unknown };
    global.caches = {
      open: async (name: string) => {
        opened.push(name);
        return store;
      },
    };
    try {
      const cache = makeEdgeCache({ name: "proxy-test" });
      const key = cacheKey(new URL("https://proxy.test/v2/images/7"));
      await cache.put(key, "{}", 200, 10);
      expect(await (await cache.get(key))?.text()).toBe("{}");
      expect(opened).toEqual(["proxy-test"]);
    } finally {
      delete global.caches;
    }
  });

  it("rejects a negative TTL", () => {
    expect(() => makeEdgeCache({ ttl: -1 })).toThrow(/ttl/);
  });
});
