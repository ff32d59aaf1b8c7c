// `queryOptions` factories for every GET operation, generated from the core's descriptors.
import {
  type InputOf,
  type OperationDescriptor,
  operationGroups,
  type ResultOf,
  type ShutterstockClient,
  type ShutterstockError,
} from "@shutterkit/core";
import {
  type DataTag,
  type InfiniteData,
  infiniteQueryOptions,
  queryOptions,
  type UnusedSkipTokenInfiniteOptions,
  type UnusedSkipTokenOptions,
} from "@tanstack/react-query";
import { callGet } from "./call.ts";
import {
  normalizeParams,
  type PageParamsOmitted,
  SHUTTERKIT_KEY,
  type ShutterkitInfiniteQueryKey,
  type ShutterkitQueryKey,
} from "./keys.ts";
import { nextPageParam, type PageShape, previousPageParam } from "./pagination.ts";

type Groups = typeof operationGroups;

/** Names of a group's GET operations: the ones that are safe to cache and refetch. */
export type GetOperationName<G> = {
  [K in keyof G]: G[K] extends { readonly method: "GET" } ? K : never;
}[keyof G];

/** Params may be left out when the operation requires none. */
export type ParamsInput<P> = Record<never, never> extends P ? [params?: P] : [params: P];

export type ShutterkitQueryOptions<D> = UnusedSkipTokenOptions<
  ResultOf<D>,
  ShutterstockError,
  ResultOf<D>,
  ShutterkitQueryKey<D>
> & { queryKey: DataTag<ShutterkitQueryKey<D>, ResultOf<D>, ShutterstockError> };

export type ShutterkitInfiniteData<D> = InfiniteData<ResultOf<D>, number>;

export type ShutterkitInfiniteQueryOptions<D> = UnusedSkipTokenInfiniteOptions<
  ResultOf<D>,
  ShutterstockError,
  ShutterkitInfiniteData<D>,
  ShutterkitInfiniteQueryKey<D>,
  number
> & {
  queryKey: DataTag<ShutterkitInfiniteQueryKey<D>, ShutterkitInfiniteData<D>, ShutterstockError>;
};

export type QueryFactory<D> = ((...args: ParamsInput<InputOf<D>>) => ShutterkitQueryOptions<D>) & {
  readonly descriptor: D;
  /** The key prefix of every query of this operation, for `invalidateQueries`. */
  readonly baseKey: readonly [typeof SHUTTERKIT_KEY, string];
} & (D extends { readonly paginated: true }
    ? {
        /** Infinite-query options: pages from `params.page` (default 1) until `total_count`. */
        readonly infinite: (
          ...args: ParamsInput<PageParamsOmitted<D> & { readonly page?: number }>
        ) => ShutterkitInfiniteQueryOptions<D>;
      }
    : unknown);

export type ShutterkitQueries = {
  readonly [G in keyof Groups]: {
    readonly [K in GetOperationName<Groups[G]>]: QueryFactory<Groups[G][K]>;
  };
};

/** Options for one GET operation; the key is `["shutterkit", operationId, params]`. */
export const operationQueryOptions = <D extends OperationDescriptor>(
  client: ShutterstockClient,
  descriptor: D,
  params?: InputOf<D>,
): ShutterkitQueryOptions<D> => {
  const normalized = normalizeParams(params);
  return queryOptions({
    queryKey: [SHUTTERKIT_KEY, descriptor.operationId, normalized] as unknown as ShutterkitQueryKey<D>,
    queryFn: ({ signal }) =>
      callGet(client, descriptor.operationId, normalized, signal) as Promise<ResultOf<D>>,
  }) as ShutterkitQueryOptions<D>;
};

/** Infinite options for one paginated GET operation; the page number is the page param. */
export const operationInfiniteQueryOptions = <D extends OperationDescriptor>(
  client: ShutterstockClient,
  descriptor: D,
  params?: PageParamsOmitted<D> & { readonly page?: number },
): ShutterkitInfiniteQueryOptions<D> => {
  const { page, ...rest } = normalizeParams(params) as Record<string, unknown>;
  const firstPage = typeof page === "number" ? page : 1;
  const perPage = typeof rest["per_page"] === "number" ? rest["per_page"] : undefined;
  return infiniteQueryOptions({
    queryKey: [
      SHUTTERKIT_KEY,
      descriptor.operationId,
      rest,
      "infinite",
    ] as unknown as ShutterkitInfiniteQueryKey<D>,
    queryFn: ({ pageParam, signal }) =>
      callGet(client, descriptor.operationId, { ...rest, page: pageParam }, signal) as Promise<ResultOf<D>>,
    initialPageParam: firstPage,
    getNextPageParam: (lastPage, _pages, lastPageParam) =>
      nextPageParam(lastPage as unknown as PageShape, lastPageParam, perPage),
    getPreviousPageParam: (first, _pages, firstPageParam) =>
      previousPageParam(first as unknown as PageShape, firstPageParam),
  }) as ShutterkitInfiniteQueryOptions<D>;
};

const queryFactory = (client: ShutterstockClient, descriptor: OperationDescriptor) => {
  const factory = (params?: Record<string, unknown>) =>
    operationQueryOptions(client, descriptor, params as InputOf<OperationDescriptor>);
  const members: Record<string, unknown> = {
    descriptor,
    baseKey: [SHUTTERKIT_KEY, descriptor.operationId],
  };
  if (descriptor.paginated)
    members["infinite"] = (params?: Record<string, unknown>) =>
      operationInfiniteQueryOptions(client, descriptor, params as PageParamsOmitted<OperationDescriptor>);
  return Object.assign(factory, members);
};

/**
 * Query-option factories for every GET operation of every group, bound to a client:
 * `useQuery(queries.images.getImage({ id }))`, `useInfiniteQuery(queries.images.searchImages.infinite({ query }))`.
 */
export const createShutterkitQueries = (client: ShutterstockClient): ShutterkitQueries =>
  Object.fromEntries(
    Object.entries(operationGroups).map(([group, operations]) => [
      group,
      Object.fromEntries(
        Object.entries(operations)
          .filter(([, descriptor]) => descriptor.method === "GET")
          .map(([name, descriptor]) => [name, queryFactory(client, descriptor)]),
      ),
    ]),
  ) as unknown as ShutterkitQueries;
