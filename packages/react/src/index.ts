/**
 * `@shutterkit/react`: TanStack Query v5 bindings for the Shutterstock API v2. Per-operation option
 * factories (`operationQueryOptions(client, getImage, { id })`, infinite and mutation variants) that
 * pull in only the operations you pass them, named hooks for search, similar images, details and
 * collections, mutations that invalidate what they change, Suspense variants, abort on unmount,
 * keys that carry the client's base URL, and the core's tagged errors as the error type.
 */
export { blobToBase64, bytesToBase64 } from "./base64.ts";
export {
  type ImageDetailsParams,
  type InfiniteQueryHookOptions,
  type QueryHookOptions,
  type SimilarImagesParams,
  useCatalogSimilarImages,
  useImageCollection,
  useImageCollectionItems,
  useImageCollections,
  useImageDetails,
  useInfiniteSearchImages,
  useInfiniteSimilarImages,
  useSearchImages,
  useSimilarImages,
  useSuspenseImageDetails,
  useSuspenseInfiniteSearchImages,
  useSuspenseSearchImages,
  useSuspenseSimilarImages,
} from "./hooks.ts";
export {
  clientKeyOf,
  normalizeParams,
  type PageParamsOmitted,
  SHUTTERKIT_KEY,
  type ShutterkitInfiniteQueryKey,
  type ShutterkitQueryKey,
  shutterkitKey,
} from "./keys.ts";
export {
  type MutationVariables,
  operationMutationOptions,
  type ShutterkitMutationKey,
  type ShutterkitMutationOptions,
} from "./mutation-options.ts";
export {
  type AddCollectionItemsVariables,
  type CreateCollectionVariables,
  type DeleteCollectionVariables,
  type MutationHookOptions,
  type RemoveCollectionItemsVariables,
  type RenameCollectionVariables,
  type UploadImageInput,
  useAddImageCollectionItems,
  useCreateImageCollection,
  useDeleteImageCollection,
  useRemoveImageCollectionItems,
  useRenameImageCollection,
  useUploadImage,
} from "./mutations.ts";
export { ShutterkitProvider, type ShutterkitProviderProps, useShutterstockClient } from "./provider.tsx";
export {
  type InfiniteParams,
  type InfiniteQueryOperation,
  operationInfiniteQueryOptions,
  operationQueryOptions,
  type ParamsInput,
  type QueryOperation,
  type ShutterkitInfiniteData,
  type ShutterkitInfiniteQueryOptions,
  type ShutterkitQueryOptions,
} from "./query-options.ts";
export { createShutterkitQueryClient, retryFor, shouldRetry } from "./retry.ts";
