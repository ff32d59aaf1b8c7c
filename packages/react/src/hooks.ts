// Named hooks for the common reads. Each is a thin layer over the generated factories, so a hook
// and `useQuery(queries.x.y(params))` share one cache entry.
import type {
  ComputerVisionOperations,
  ImagesOperations,
  InputOf,
  ResultOf,
  ShutterstockError,
} from "@shutterkit/core";
import {
  type UseInfiniteQueryOptions,
  type UseQueryOptions,
  useInfiniteQuery,
  useQuery,
  useSuspenseInfiniteQuery,
  useSuspenseQuery,
} from "@tanstack/react-query";
import type { PageParamsOmitted, ShutterkitInfiniteQueryKey, ShutterkitQueryKey } from "./keys.ts";
import { useShutterkitQueries } from "./provider.tsx";
import type { ShutterkitInfiniteData } from "./queries.ts";

type SearchImages = typeof ImagesOperations.searchImages;
type GetImage = typeof ImagesOperations.getImage;
type ListSimilarImages = typeof ImagesOperations.listSimilarImages;
type GetImageCollectionList = typeof ImagesOperations.getImageCollectionList;
type GetImageCollection = typeof ImagesOperations.getImageCollection;
type GetImageCollectionItems = typeof ImagesOperations.getImageCollectionItems;
type GetSimilarImages = typeof ComputerVisionOperations.getSimilarImages;

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

export type InfiniteParams<D> = PageParamsOmitted<D> & { readonly page?: number };

// ---- search ----

/** One page of `GET /v2/images/search`. */
export const useSearchImages = (params: InputOf<SearchImages>, options?: QueryHookOptions<SearchImages>) =>
  useQuery({ ...useShutterkitQueries().images.searchImages(params), ...options });

/** Suspends until the page is there; errors go to the nearest error boundary. */
export const useSuspenseSearchImages = (params: InputOf<SearchImages>) =>
  useSuspenseQuery(useShutterkitQueries().images.searchImages(params));

/**
 * Search results page after page: `fetchNextPage()` asks for `page + 1` until the pages cover
 * `total_count`; `data.pages` holds every page fetched.
 */
export const useInfiniteSearchImages = (
  params: InfiniteParams<SearchImages>,
  options?: InfiniteQueryHookOptions<SearchImages>,
) => useInfiniteQuery({ ...useShutterkitQueries().images.searchImages.infinite(params), ...options });

export const useSuspenseInfiniteSearchImages = (params: InfiniteParams<SearchImages>) =>
  useSuspenseInfiniteQuery(useShutterkitQueries().images.searchImages.infinite(params));

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
    ...useShutterkitQueries().computerVision.getSimilarImages({ ...params, asset_id: assetId ?? "" }),
    enabled: assetId !== undefined && assetId !== "",
    ...options,
  });

export const useSuspenseSimilarImages = (assetId: string, params?: SimilarImagesParams) =>
  useSuspenseQuery(useShutterkitQueries().computerVision.getSimilarImages({ ...params, asset_id: assetId }));

export const useInfiniteSimilarImages = (
  assetId: string | undefined,
  params?: Omit<InfiniteParams<GetSimilarImages>, "asset_id">,
  options?: InfiniteQueryHookOptions<GetSimilarImages>,
) =>
  useInfiniteQuery({
    ...useShutterkitQueries().computerVision.getSimilarImages.infinite({
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
) => useQuery({ ...useShutterkitQueries().images.listSimilarImages(params), ...options });

// ---- details ----

export type ImageDetailsParams = Omit<InputOf<GetImage>, "id">;

/** `GET /v2/images/{id}`; disabled while `id` is undefined. */
export const useImageDetails = (
  id: string | undefined,
  params?: ImageDetailsParams,
  options?: QueryHookOptions<GetImage>,
) =>
  useQuery({
    ...useShutterkitQueries().images.getImage({ ...params, id: id ?? "" }),
    enabled: id !== undefined && id !== "",
    ...options,
  });

export const useSuspenseImageDetails = (id: string, params?: ImageDetailsParams) =>
  useSuspenseQuery(useShutterkitQueries().images.getImage({ ...params, id }));

// ---- collections ----

/** The user's image collections (needs OAuth with `collections.view`, or a proxy that adds it). */
export const useImageCollections = (
  params?: InputOf<GetImageCollectionList>,
  options?: QueryHookOptions<GetImageCollectionList>,
) => useQuery({ ...useShutterkitQueries().images.getImageCollectionList(params), ...options });

export const useImageCollection = (
  id: string | undefined,
  params?: Omit<InputOf<GetImageCollection>, "id">,
  options?: QueryHookOptions<GetImageCollection>,
) =>
  useQuery({
    ...useShutterkitQueries().images.getImageCollection({ ...params, id: id ?? "" }),
    enabled: id !== undefined && id !== "",
    ...options,
  });

export const useImageCollectionItems = (
  id: string | undefined,
  params?: Omit<InputOf<GetImageCollectionItems>, "id">,
  options?: QueryHookOptions<GetImageCollectionItems>,
) =>
  useQuery({
    ...useShutterkitQueries().images.getImageCollectionItems({ ...params, id: id ?? "" }),
    enabled: id !== undefined && id !== "",
    ...options,
  });
