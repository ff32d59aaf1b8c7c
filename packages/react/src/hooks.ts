// Named hooks for the common reads. Each is a thin layer over the option factories, so a hook and
// `useQuery(operationQueryOptions(client, op, params))` share one cache entry.
import type { InputOf, ResultOf, ShutterstockError } from "@shutterkit/core";
import { getSimilarImages } from "@shutterkit/core/computer-vision";
import {
  getImage,
  getImageCollection,
  getImageCollectionItems,
  getImageCollectionList,
  listSimilarImages,
  searchImages,
} from "@shutterkit/core/images";
import {
  type UseInfiniteQueryOptions,
  type UseQueryOptions,
  useInfiniteQuery,
  useQuery,
  useSuspenseInfiniteQuery,
  useSuspenseQuery,
} from "@tanstack/react-query";
import type { ShutterkitInfiniteQueryKey, ShutterkitQueryKey } from "./keys.ts";
import { useShutterstockClient } from "./provider.tsx";
import {
  type InfiniteParams,
  operationInfiniteQueryOptions,
  operationQueryOptions,
  type ShutterkitInfiniteData,
} from "./query-options.ts";

type SearchImages = typeof searchImages;
type GetImage = typeof getImage;
type ListSimilarImages = typeof listSimilarImages;
type GetImageCollectionList = typeof getImageCollectionList;
type GetImageCollection = typeof getImageCollection;
type GetImageCollectionItems = typeof getImageCollectionItems;
type GetSimilarImages = typeof getSimilarImages;

/** Extra TanStack options for a query hook (key and function come from the operation). */
export type QueryHookOptions<D> = Omit<
  UseQueryOptions<ResultOf<D>, ShutterstockError, ResultOf<D>, ShutterkitQueryKey<D>>,
  "queryKey" | "queryFn"
>;

export type InfiniteQueryHookOptions<D> = Omit<
  UseInfiniteQueryOptions<
    ResultOf<D>,
    ShutterstockError,
    ShutterkitInfiniteData<D>,
    ShutterkitInfiniteQueryKey<D>,
    number
  >,
  "queryKey" | "queryFn" | "initialPageParam" | "getNextPageParam" | "getPreviousPageParam"
>;

// ---- search ----

/** One page of `GET /v2/images/search`. */
export const useSearchImages = (params: InputOf<SearchImages>, options?: QueryHookOptions<SearchImages>) =>
  useQuery({ ...operationQueryOptions(useShutterstockClient(), searchImages, params), ...options });

/** Suspends until the page is there; errors go to the nearest error boundary. */
export const useSuspenseSearchImages = (params: InputOf<SearchImages>) =>
  useSuspenseQuery(operationQueryOptions(useShutterstockClient(), searchImages, params));

/**
 * Search results page after page: `fetchNextPage()` asks for `page + 1` until the pages cover
 * `total_count`; `data.pages` holds every page fetched.
 */
export const useInfiniteSearchImages = (
  params: InfiniteParams<SearchImages>,
  options?: InfiniteQueryHookOptions<SearchImages>,
) =>
  useInfiniteQuery({
    ...operationInfiniteQueryOptions(useShutterstockClient(), searchImages, params),
    ...options,
  });

export const useSuspenseInfiniteSearchImages = (params: InfiniteParams<SearchImages>) =>
  useSuspenseInfiniteQuery(operationInfiniteQueryOptions(useShutterstockClient(), searchImages, params));

// ---- similar ----

export type SimilarImagesParams = Omit<InputOf<GetSimilarImages>, "asset_id">;

/**
 * Computer-vision similar images of an upload id (from `useUploadImage`) or a catalog image id.
 * Disabled while `assetId` is undefined, so it can wait for an upload to finish.
 */
export const useSimilarImages = (
  assetId: string | undefined,
  params?: SimilarImagesParams,
  options?: QueryHookOptions<GetSimilarImages>,
) =>
  useQuery({
    ...operationQueryOptions(useShutterstockClient(), getSimilarImages, {
      ...params,
      asset_id: assetId ?? "",
    }),
    enabled: assetId !== undefined && assetId !== "",
    ...options,
  });

export const useSuspenseSimilarImages = (assetId: string, params?: SimilarImagesParams) =>
  useSuspenseQuery(
    operationQueryOptions(useShutterstockClient(), getSimilarImages, { ...params, asset_id: assetId }),
  );

export const useInfiniteSimilarImages = (
  assetId: string | undefined,
  params?: Omit<InfiniteParams<GetSimilarImages>, "asset_id">,
  options?: InfiniteQueryHookOptions<GetSimilarImages>,
) =>
  useInfiniteQuery({
    ...operationInfiniteQueryOptions(useShutterstockClient(), getSimilarImages, {
      ...params,
      asset_id: assetId ?? "",
    }),
    enabled: assetId !== undefined && assetId !== "",
    ...options,
  });

/** The catalog's own "similar to this image" list (`GET /v2/images/{id}/similar`). */
export const useCatalogSimilarImages = (
  params: InputOf<ListSimilarImages>,
  options?: QueryHookOptions<ListSimilarImages>,
) => useQuery({ ...operationQueryOptions(useShutterstockClient(), listSimilarImages, params), ...options });

// ---- details ----

export type ImageDetailsParams = Omit<InputOf<GetImage>, "id">;

/** `GET /v2/images/{id}`; disabled while `id` is undefined. */
export const useImageDetails = (
  id: string | undefined,
  params?: ImageDetailsParams,
  options?: QueryHookOptions<GetImage>,
) =>
  useQuery({
    ...operationQueryOptions(useShutterstockClient(), getImage, { ...params, id: id ?? "" }),
    enabled: id !== undefined && id !== "",
    ...options,
  });

export const useSuspenseImageDetails = (id: string, params?: ImageDetailsParams) =>
  useSuspenseQuery(operationQueryOptions(useShutterstockClient(), getImage, { ...params, id }));

// ---- collections ----

/** The user's image collections (needs OAuth with `collections.view`, or a proxy that adds it). */
export const useImageCollections = (
  params?: InputOf<GetImageCollectionList>,
  options?: QueryHookOptions<GetImageCollectionList>,
) =>
  useQuery({ ...operationQueryOptions(useShutterstockClient(), getImageCollectionList, params), ...options });

export const useImageCollection = (
  id: string | undefined,
  params?: Omit<InputOf<GetImageCollection>, "id">,
  options?: QueryHookOptions<GetImageCollection>,
) =>
  useQuery({
    ...operationQueryOptions(useShutterstockClient(), getImageCollection, { ...params, id: id ?? "" }),
    enabled: id !== undefined && id !== "",
    ...options,
  });

export const useImageCollectionItems = (
  id: string | undefined,
  params?: Omit<InputOf<GetImageCollectionItems>, "id">,
  options?: QueryHookOptions<GetImageCollectionItems>,
) =>
  useQuery({
    ...operationQueryOptions(useShutterstockClient(), getImageCollectionItems, { ...params, id: id ?? "" }),
    enabled: id !== undefined && id !== "",
    ...options,
  });
