// Query keys: ["shutterkit", operationId, params]. TanStack hashes object keys sorted, so the key
// is stable whatever the order the caller wrote the params in; undefined fields are dropped so
// `{ color: undefined }` and `{}` share a cache entry, as they send the same request.
import type { InputOf } from "@shutterkit/core";

/** The first element of every key this package writes: `invalidateQueries({ queryKey: ["shutterkit"] })` clears them all. */
export const SHUTTERKIT_KEY = "shutterkit";

type OperationIdOf<D> = D extends { readonly operationId: infer Id } ? Id : string;

export type ShutterkitQueryKey<D> = readonly [typeof SHUTTERKIT_KEY, OperationIdOf<D>, InputOf<D>];

/** Infinite queries cache pages, not one response, so their key carries a 4th element. */
export type ShutterkitInfiniteQueryKey<D> = readonly [
  typeof SHUTTERKIT_KEY,
  OperationIdOf<D>,
  PageParamsOmitted<D>,
  "infinite",
];

export type PageParamsOmitted<D> = Omit<InputOf<D>, "page">;

export const normalizeParams = <P>(params: P | undefined): P => {
  if (params === undefined || params === null) return {} as P;
  return Object.fromEntries(
    Object.entries(params as Record<string, unknown>).filter(([, value]) => value !== undefined),
  ) as P;
};

/**
 * A key, or a key prefix for invalidation: `shutterkitKey("getImageCollectionItems", { id })`
 * matches every page and sort of that collection's items, because TanStack matches object keys partially.
 */
export const shutterkitKey = (operationId: string, params?: Record<string, unknown>) =>
  params === undefined
    ? ([SHUTTERKIT_KEY, operationId] as const)
    : ([SHUTTERKIT_KEY, operationId, normalizeParams(params)] as const);
