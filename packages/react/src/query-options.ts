// `queryOptions` and `infiniteQueryOptions` for one operation at a time: import the operation you
// read, pass it with the client, and nothing else of the API lands in the bundle.
import type {
  InputOf,
  OperationDescriptor,
  PaginatedOperation,
  ResultOf,
  ShutterstockClient,
  ShutterstockError,
} from "@shutterkit/core";
import { defaultPageSize, nextPage } from "@shutterkit/core/wire";
import {
  type DataTag,
  type InfiniteData,
  infiniteQueryOptions,
  queryOptions,
  type UnusedSkipTokenInfiniteOptions,
  type UnusedSkipTokenOptions,
} from "@tanstack/react-query";
import {
  clientKeyOf,
  normalizeParams,
  type PageParamsOmitted,
  SHUTTERKIT_KEY,
  type ShutterkitInfiniteQueryKey,
  type ShutterkitQueryKey,
} from "./keys.ts";
import { retryFor } from "./retry.ts";

/** An operation that is safe to cache and refetch: a GET. */
export type QueryOperation = OperationDescriptor & { readonly method: "GET" };

/** A GET operation that takes `page` and `per_page`. */
export type InfiniteQueryOperation = QueryOperation & PaginatedOperation;

/** Params may be left out when the operation requires none. */
export type ParamsInput<P> = Record<never, never> extends P ? [params?: P] : [params: P];

export type ShutterkitQueryOptions<D> = UnusedSkipTokenOptions<
  ResultOf<D>,
  ShutterstockError,
  ResultOf<D>,
  ShutterkitQueryKey<D>
> & { queryKey: DataTag<ShutterkitQueryKey<D>, ResultOf<D>, ShutterstockError> };

export type ShutterkitInfiniteData<D> = InfiniteData<ResultOf<D>, number>;

export type InfiniteParams<D> = PageParamsOmitted<D> & { readonly page?: number };

export type ShutterkitInfiniteQueryOptions<D> = UnusedSkipTokenInfiniteOptions<
  ResultOf<D>,
  ShutterstockError,
  ShutterkitInfiniteData<D>,
  ShutterkitInfiniteQueryKey<D>,
  number
> & {
  queryKey: DataTag<ShutterkitInfiniteQueryKey<D>, ShutterkitInfiniteData<D>, ShutterstockError>;
};

type Send = (
  operation: OperationDescriptor,
  params: unknown,
  options: { signal: AbortSignal },
) => Promise<unknown>;

const get = (
  client: ShutterstockClient,
  operation: OperationDescriptor,
  params: unknown,
  signal: AbortSignal,
) => (client.send as unknown as Send)(operation, params, { signal });

/**
 * Query options for one GET operation, keyed `["shutterkit", baseUrl, operationId, params]`:
 * `useQuery(operationQueryOptions(client, getImage, { id }))`, `queryClient.prefetchQuery(...)` on a
 * server. TanStack's abort signal reaches the request, so an unmounted query stops its fetch.
 */
export const operationQueryOptions = <D extends QueryOperation>(
  client: ShutterstockClient,
  operation: D,
  ...[params]: ParamsInput<InputOf<D>>
): ShutterkitQueryOptions<D> => {
  const normalized = normalizeParams(params);
  return queryOptions({
    queryKey: [
      SHUTTERKIT_KEY,
      clientKeyOf(client),
      operation.operationId,
      normalized,
    ] as unknown as ShutterkitQueryKey<D>,
    queryFn: ({ signal }) => get(client, operation, normalized, signal) as Promise<ResultOf<D>>,
    retry: retryFor(client),
  }) as ShutterkitQueryOptions<D>;
};

/**
 * Infinite options for one paginated GET operation, from `params.page` (default 1) until the core's
 * `nextPage` rule says the listing is exhausted; the page number is TanStack's page param.
 */
export const operationInfiniteQueryOptions = <D extends InfiniteQueryOperation>(
  client: ShutterstockClient,
  operation: D,
  ...[params]: ParamsInput<InfiniteParams<D>>
): ShutterkitInfiniteQueryOptions<D> => {
  const { page, ...rest } = normalizeParams(params) as Record<string, unknown>;
  const perPage = typeof rest["per_page"] === "number" ? rest["per_page"] : defaultPageSize(operation);
  return infiniteQueryOptions({
    queryKey: [
      SHUTTERKIT_KEY,
      clientKeyOf(client),
      operation.operationId,
      rest,
      "infinite",
    ] as unknown as ShutterkitInfiniteQueryKey<D>,
    queryFn: ({ pageParam, signal }) =>
      get(client, operation, { ...rest, page: pageParam }, signal) as Promise<ResultOf<D>>,
    initialPageParam: typeof page === "number" ? page : 1,
    getNextPageParam: (lastPage, _pages, lastPageParam) =>
      nextPage(lastPage as Parameters<typeof nextPage>[0], lastPageParam, perPage),
    // Walking backwards stops at page 1.
    getPreviousPageParam: (_firstPage, _pages, firstPageParam) =>
      firstPageParam > 1 ? firstPageParam - 1 : undefined,
    retry: retryFor(client),
  }) as ShutterkitInfiniteQueryOptions<D>;
};
