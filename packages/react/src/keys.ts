// Query keys: ["shutterkit", clientKey, operationId, params]. The client key is the client's base
// URL, so two clients (say the public API and a sandbox) can share one QueryClient without reading
// each other's cache. TanStack hashes object keys sorted, so the key is stable whatever order the
// caller wrote the params in; undefined fields are dropped so `{ color: undefined }` and `{}` share
// an entry, as they send the same request.
import type { InputOf, ShutterstockClient } from "@shutterkit/core";

/** The first element of every key this package writes: `invalidateQueries({ queryKey: ["shutterkit"] })` clears them all. */
export const SHUTTERKIT_KEY = "shutterkit";

type OperationIdOf<D> = D extends { readonly operationId: infer Id } ? Id : string;

export type ShutterkitQueryKey<D> = readonly [
  typeof SHUTTERKIT_KEY,
  clientKey: string,
  operationId: OperationIdOf<D>,
  params: InputOf<D>,
];

/** Infinite queries cache pages, not one response, so their key carries a 5th element. */
export type ShutterkitInfiniteQueryKey<D> = readonly [
  typeof SHUTTERKIT_KEY,
  clientKey: string,
  operationId: OperationIdOf<D>,
  params: PageParamsOmitted<D>,
  "infinite",
];

export type PageParamsOmitted<D> = Omit<InputOf<D>, "page">;

/** Which API a client talks to: its base URL. Part of every key, so clients never share entries. */
export const clientKeyOf = (client: Pick<ShutterstockClient, "config">): string => client.config.baseUrl.href;

export const normalizeParams = <P>(params: P | undefined): P => {
  if (params === undefined || params === null) return {} as P;
  return Object.fromEntries(
    Object.entries(params as Record<string, unknown>).filter(([, value]) => value !== undefined),
  ) as P;
};

/**
 * A key, or a key prefix for invalidation: `shutterkitKey(client, "getImageCollectionItems", { id })`
 * matches every page and sort of that collection's items from that client, because TanStack
 * matches object keys partially. Without an operation it matches everything of the client.
 */
export const shutterkitKey = (
  client: Pick<ShutterstockClient, "config">,
  operationId?: string,
  params?: Record<string, unknown>,
) => {
  const clientKey = clientKeyOf(client);
  if (operationId === undefined) return [SHUTTERKIT_KEY, clientKey] as const;
  return params === undefined
    ? ([SHUTTERKIT_KEY, clientKey, operationId] as const)
    : ([SHUTTERKIT_KEY, clientKey, operationId, normalizeParams(params)] as const);
};
