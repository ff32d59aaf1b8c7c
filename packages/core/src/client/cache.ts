// An opt-in cache of GET answers revalidated with `If-None-Match`: a 304 answers from the cache.
// It holds only data anyone with an application key may read (operations that accept basic auth),
// never an account's own collections, licenses or profile. Its store is Effect's `KeyValueStore`
// (in memory by default; any other, e.g. `KeyValueStore.layerFileSystem` or a SQL one, to share it).
import * as Effect from "effect/Effect";
import * as KeyValueStore from "effect/persistence/KeyValueStore";

export interface CachedAnswer {
  readonly etag: string;
  readonly contentType: string;
  readonly text: string;
}

/** What the pipeline asks of a cache; made by {@link responseCache}. */
export interface ResponseCache {
  readonly get: (key: string) => Effect.Effect<CachedAnswer | undefined>;
  readonly set: (key: string, answer: CachedAnswer) => Effect.Effect<void>;
}

export interface ResponseCacheOptions {
  /** Where answers are kept. Default: an in-memory store. */
  readonly store?: KeyValueStore.KeyValueStore;
  /** Key prefix, to share a store with other data. Default `"shutterkit:"`. */
  readonly prefix?: string;
}

const isAnswer = (value: unknown): value is CachedAnswer =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as CachedAnswer).etag === "string" &&
  typeof (value as CachedAnswer).text === "string" &&
  typeof (value as CachedAnswer).contentType === "string";

/**
 * A response cache for `config.cache`. A store that fails is treated as a miss: the call goes to
 * the API as if there were no cache.
 */
export const responseCache = (options: ResponseCacheOptions = {}): ResponseCache => {
  const store =
    options.store ??
    Effect.runSync(
      Effect.provide(
        KeyValueStore.KeyValueStore.useSync((store) => store),
        KeyValueStore.layerMemory,
      ),
    );
  const prefix = options.prefix ?? "shutterkit:";
  return {
    get: (key) =>
      store.get(prefix + key).pipe(
        Effect.map((text) => {
          if (text === undefined) return undefined;
          try {
            const value: unknown = JSON.parse(text);
            return isAnswer(value) ? value : undefined;
          } catch {
            return undefined;
          }
        }),
        Effect.orElseSucceed(() => undefined),
      ),
    set: (key, answer) => store.set(prefix + key, JSON.stringify(answer)).pipe(Effect.ignore),
  };
};
