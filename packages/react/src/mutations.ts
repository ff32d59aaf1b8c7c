// Writes. Each mutation invalidates exactly the cached reads it makes stale, by key prefix.
import type { BodyOf, ImagesOperations, InputOf, ResultOf, ShutterstockError } from "@shutterkit/core";
import {
  type QueryClient,
  type UseMutationOptions,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { blobToBase64 } from "./base64.ts";
import { shutterkitKey } from "./keys.ts";
import { useShutterstockClient } from "./provider.tsx";

type Images = typeof ImagesOperations;

export type MutationHookOptions<TData, TVariables> = Omit<
  UseMutationOptions<TData, ShutterstockError, TVariables>,
  "mutationFn"
>;

/** A picture to upload: a File/Blob, or base64 already encoded. */
export type UploadImageInput = Blob | { readonly base64_image: string };

/**
 * `POST /v2/cv/images`: resolves to `{ upload_id }`, which `useSimilarImages(upload_id)` and
 * `computerVision.getKeywords` take.
 */
export const useUploadImage = (options?: MutationHookOptions<{ upload_id: string }, UploadImageInput>) => {
  const client = useShutterstockClient();
  return useMutation({
    ...options,
    mutationFn: async (input: UploadImageInput) => {
      const base64_image = input instanceof Blob ? await blobToBase64(input) : input.base64_image;
      return client.computerVision.uploadImage({ base64_image });
    },
  });
};

const invalidateCollection = (queryClient: QueryClient, id: string | undefined) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: shutterkitKey("getImageCollectionList") }),
    ...(id === undefined
      ? []
      : [
          queryClient.invalidateQueries({ queryKey: shutterkitKey("getImageCollection", { id }) }),
          queryClient.invalidateQueries({ queryKey: shutterkitKey("getImageCollectionItems", { id }) }),
        ]),
  ]);

// Runs the caller's onSuccess after the invalidation has been started, so it sees fresh reads.
const withInvalidation = <TData, TVariables>(
  options: MutationHookOptions<TData, TVariables> | undefined,
  queryClient: QueryClient,
  collectionId: (variables: TVariables, data: TData) => string | undefined,
): MutationHookOptions<TData, TVariables> => ({
  ...options,
  onSuccess: async (data, variables, onMutateResult, context) => {
    await invalidateCollection(queryClient, collectionId(variables, data));
    await options?.onSuccess?.(data, variables, onMutateResult, context);
  },
});

export type CreateCollectionVariables = BodyOf<Images["createImageCollection"]>;

/** Creates a collection (`{ name }`) and refreshes the collection list. */
export const useCreateImageCollection = (
  options?: MutationHookOptions<ResultOf<Images["createImageCollection"]>, CreateCollectionVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...withInvalidation(options, queryClient, () => undefined),
    mutationFn: (body: CreateCollectionVariables) => client.images.createImageCollection(body),
  });
};

export type AddCollectionItemsVariables = InputOf<Images["addImageCollectionItems"]> &
  BodyOf<Images["addImageCollectionItems"]>;

/** Adds `items` to collection `id`; refreshes that collection, its items and the list. */
export const useAddImageCollectionItems = (
  options?: MutationHookOptions<undefined, AddCollectionItemsVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...withInvalidation(options, queryClient, (variables) => variables.id),
    mutationFn: ({ id, items }: AddCollectionItemsVariables) =>
      client.images.addImageCollectionItems({ items }, { id }),
  });
};

export type RemoveCollectionItemsVariables = InputOf<Images["deleteImageCollectionItems"]>;

/** Removes `item_id`s from collection `id` (all items when `item_id` is left out, as the API does). */
export const useRemoveImageCollectionItems = (
  options?: MutationHookOptions<undefined, RemoveCollectionItemsVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...withInvalidation(options, queryClient, (variables) => variables.id),
    mutationFn: (params: RemoveCollectionItemsVariables) => client.images.deleteImageCollectionItems(params),
  });
};

export type RenameCollectionVariables = InputOf<Images["renameImageCollection"]> &
  BodyOf<Images["renameImageCollection"]>;

export const useRenameImageCollection = (
  options?: MutationHookOptions<undefined, RenameCollectionVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...withInvalidation(options, queryClient, (variables) => variables.id),
    mutationFn: ({ id, name }: RenameCollectionVariables) =>
      client.images.renameImageCollection({ name }, { id }),
  });
};

export type DeleteCollectionVariables = InputOf<Images["deleteImageCollection"]>;

/** Deletes collection `id`; its cached reads are dropped rather than refetched into a 404. */
export const useDeleteImageCollection = (
  options?: MutationHookOptions<undefined, DeleteCollectionVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (params: DeleteCollectionVariables) => client.images.deleteImageCollection(params),
    onSuccess: async (data, variables, onMutateResult, context) => {
      queryClient.removeQueries({ queryKey: shutterkitKey("getImageCollection", { id: variables.id }) });
      queryClient.removeQueries({ queryKey: shutterkitKey("getImageCollectionItems", { id: variables.id }) });
      await queryClient.invalidateQueries({ queryKey: shutterkitKey("getImageCollectionList") });
      await options?.onSuccess?.(data, variables, onMutateResult, context);
    },
  });
};
