// Writes. Each mutation invalidates exactly the cached reads it makes stale, by key prefix of its
// own client.
import type {
  BodyOf,
  InputOf,
  OperationDescriptor,
  ResultOf,
  ShutterstockClient,
  ShutterstockError,
} from "@shutterkit/core";
import { uploadImage } from "@shutterkit/core/computer-vision";
import {
  addImageCollectionItems,
  createImageCollection,
  deleteImageCollection,
  deleteImageCollectionItems,
  renameImageCollection,
} from "@shutterkit/core/images";
import {
  type QueryClient,
  type UseMutationOptions,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { blobToBase64 } from "./base64.ts";
import { shutterkitKey } from "./keys.ts";
import { type MutationVariables, operationMutationOptions } from "./mutation-options.ts";
import { useShutterstockClient } from "./provider.tsx";

export type MutationHookOptions<TData, TVariables> = Omit<
  UseMutationOptions<TData, ShutterstockError, TVariables>,
  "mutationFn"
>;

/** The factory's options for `operation`, taking the hook's own variables. */
const mutationWith = <D extends OperationDescriptor, V>(
  client: ShutterstockClient,
  operation: D,
  toVariables: (variables: V) => MutationVariables<D> | Promise<MutationVariables<D>>,
): UseMutationOptions<ResultOf<D>, ShutterstockError, V> => {
  const { mutationKey, mutationFn, retry } = operationMutationOptions(client, operation);
  if (mutationFn === undefined) throw new TypeError("operationMutationOptions always has a mutationFn");
  return {
    mutationKey,
    mutationFn: async (variables, context) => mutationFn(await toVariables(variables), context),
    ...(retry === undefined ? {} : { retry }),
  };
};

/** A picture to upload: a File/Blob, or base64 already encoded. */
export type UploadImageInput = Blob | { readonly base64_image: string };

/**
 * `POST /v2/cv/images`: resolves to `{ upload_id }`, which `useSimilarImages(upload_id)` and
 * `getKeywords` take.
 */
export const useUploadImage = (
  options?: MutationHookOptions<ResultOf<typeof uploadImage>, UploadImageInput>,
) =>
  useMutation({
    ...mutationWith(useShutterstockClient(), uploadImage, async (input: UploadImageInput) => ({
      body: { base64_image: input instanceof Blob ? await blobToBase64(input) : input.base64_image },
    })),
    ...options,
  });

const invalidateCollection = (client: ShutterstockClient, queryClient: QueryClient, id: string | undefined) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: shutterkitKey(client, "getImageCollectionList") }),
    ...(id === undefined
      ? []
      : [
          queryClient.invalidateQueries({ queryKey: shutterkitKey(client, "getImageCollection", { id }) }),
          queryClient.invalidateQueries({
            queryKey: shutterkitKey(client, "getImageCollectionItems", { id }),
          }),
        ]),
  ]);

// Runs the caller's onSuccess after the invalidation has been started, so it sees fresh reads.
const withInvalidation = <TData, TVariables>(
  options: MutationHookOptions<TData, TVariables> | undefined,
  client: ShutterstockClient,
  queryClient: QueryClient,
  collectionId: (variables: TVariables, data: TData) => string | undefined,
): MutationHookOptions<TData, TVariables> => ({
  ...options,
  onSuccess: async (data, variables, onMutateResult, context) => {
    await invalidateCollection(client, queryClient, collectionId(variables, data));
    await options?.onSuccess?.(data, variables, onMutateResult, context);
  },
});

export type CreateCollectionVariables = BodyOf<typeof createImageCollection>;

/** Creates a collection (`{ name }`) and refreshes the collection list. */
export const useCreateImageCollection = (
  options?: MutationHookOptions<ResultOf<typeof createImageCollection>, CreateCollectionVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationWith(client, createImageCollection, (body: CreateCollectionVariables) => ({ body })),
    ...withInvalidation(options, client, queryClient, () => undefined),
  });
};

export type AddCollectionItemsVariables = InputOf<typeof addImageCollectionItems> &
  BodyOf<typeof addImageCollectionItems>;

/** Adds `items` to collection `id`; refreshes that collection, its items and the list. */
export const useAddImageCollectionItems = (
  options?: MutationHookOptions<undefined, AddCollectionItemsVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationWith(client, addImageCollectionItems, ({ id, items }: AddCollectionItemsVariables) => ({
      body: { items },
      params: { id },
    })),
    ...withInvalidation(options, client, queryClient, (variables) => variables.id),
  });
};

export type RemoveCollectionItemsVariables = InputOf<typeof deleteImageCollectionItems>;

/** Removes `item_id`s from collection `id` (all items when `item_id` is left out, as the API does). */
export const useRemoveImageCollectionItems = (
  options?: MutationHookOptions<undefined, RemoveCollectionItemsVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationWith(client, deleteImageCollectionItems, (params: RemoveCollectionItemsVariables) => params),
    ...withInvalidation(options, client, queryClient, (variables) => variables.id),
  });
};

export type RenameCollectionVariables = InputOf<typeof renameImageCollection> &
  BodyOf<typeof renameImageCollection>;

export const useRenameImageCollection = (
  options?: MutationHookOptions<undefined, RenameCollectionVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationWith(client, renameImageCollection, ({ id, name }: RenameCollectionVariables) => ({
      body: { name },
      params: { id },
    })),
    ...withInvalidation(options, client, queryClient, (variables) => variables.id),
  });
};

export type DeleteCollectionVariables = InputOf<typeof deleteImageCollection>;

/** Deletes collection `id`; its cached reads are dropped rather than refetched into a 404. */
export const useDeleteImageCollection = (
  options?: MutationHookOptions<undefined, DeleteCollectionVariables>,
) => {
  const client = useShutterstockClient();
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationWith(client, deleteImageCollection, (params: DeleteCollectionVariables) => params),
    ...options,
    onSuccess: async (data, variables, onMutateResult, context) => {
      queryClient.removeQueries({
        queryKey: shutterkitKey(client, "getImageCollection", { id: variables.id }),
      });
      queryClient.removeQueries({
        queryKey: shutterkitKey(client, "getImageCollectionItems", { id: variables.id }),
      });
      await queryClient.invalidateQueries({ queryKey: shutterkitKey(client, "getImageCollectionList") });
      await options?.onSuccess?.(data, variables, onMutateResult, context);
    },
  });
};
