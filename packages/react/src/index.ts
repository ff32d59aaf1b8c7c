/**
 * `@shutterkit/react`: TanStack Query v5 bindings for the Shutterstock API v2. Query-option
 * factories for every GET operation, named hooks for search, similar images, details and
 * collections, upload and collection mutations that invalidate what they change, Suspense
 * variants, abort on unmount, and the core's tagged errors as the error type.
 */
export { blobToBase64, bytesToBase64 } from "./base64.ts";
export {
  type ImageDetailsParams,
  type InfiniteParams,
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
  normalizeParams,
  type PageParamsOmitted,
  SHUTTERKIT_KEY,
  type ShutterkitInfiniteQueryKey,
  type ShutterkitQueryKey,
  shutterkitKey,
} from "./keys.ts";
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
export { nextPageParam, type PageShape, previousPageParam } from "./pagination.ts";
export {
  ShutterkitProvider,
  type ShutterkitProviderProps,
  useShutterkitQueries,
  useShutterstockClient,
} from "./provider.tsx";
export {
  createShutterkitQueries,
  type GetOperationName,
  operationInfiniteQueryOptions,
  operationQueryOptions,
  type ParamsInput,
  type QueryFactory,
  type ShutterkitInfiniteData,
  type ShutterkitInfiniteQueryOptions,
  type ShutterkitQueries,
  type ShutterkitQueryOptions,
} from "./queries.ts";
export { createShutterkitQueryClient, isPermanentError, permanentErrorTags, shouldRetry } from "./retry.ts";
