import { useQueryClient } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  useAddImageCollectionItems,
  useCreateImageCollection,
  useDeleteImageCollection,
  useImageCollection,
  useImageCollectionItems,
  useImageCollections,
  useRemoveImageCollectionItems,
  useRenameImageCollection,
} from "../src/index.ts";
import { harness } from "./support/render.tsx";
import { type StubApi, startStubApi } from "./support/stub-api.ts";

let api: StubApi;
beforeAll(async () => {
  api = await startStubApi();
});
afterAll(() => api.close());

const useCollectionsScreen = (id: string | undefined) => ({
  list: useImageCollections(),
  collection: useImageCollection(id),
  items: useImageCollectionItems(id),
  create: useCreateImageCollection(),
  add: useAddImageCollectionItems(),
  remove: useRemoveImageCollectionItems(),
  rename: useRenameImageCollection(),
  remove_collection: useDeleteImageCollection(),
  queryClient: useQueryClient(),
});

describe("collection mutations", () => {
  it("create, add, remove, rename and delete refresh the reads they change", async () => {
    const { wrapper } = harness(api.baseUrl, "user-token");
    const { result, rerender } = renderHook(({ id }) => useCollectionsScreen(id), {
      wrapper,
      initialProps: { id: undefined as string | undefined },
    });
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    expect(result.current.list.data?.data).toEqual([]);

    const created = await act(() => result.current.create.mutateAsync({ name: "Holiday" }));
    await waitFor(() => expect(result.current.list.data?.data?.map((c) => c.name)).toEqual(["Holiday"]));

    rerender({ id: created.id });
    await waitFor(() => expect(result.current.items.isSuccess).toBe(true));
    expect(result.current.items.data?.data).toEqual([]);

    await act(() =>
      result.current.add.mutateAsync({ id: created.id, items: [{ id: "1002000" }, { id: "1002001" }] }),
    );
    await waitFor(() =>
      expect(result.current.items.data?.data?.map((item) => item.id)).toEqual(["1002000", "1002001"]),
    );
    await waitFor(() => expect(result.current.collection.data?.total_item_count).toBe(2));
    expect(result.current.list.data?.data?.[0]?.total_item_count).toBe(2);

    await act(() => result.current.remove.mutateAsync({ id: created.id, item_id: ["1002000"] }));
    await waitFor(() => expect(result.current.items.data?.data?.map((item) => item.id)).toEqual(["1002001"]));

    await act(() => result.current.rename.mutateAsync({ id: created.id, name: "Summer" }));
    await waitFor(() => expect(result.current.collection.data?.name).toBe("Summer"));
    expect(result.current.list.data?.data?.[0]?.name).toBe("Summer");

    rerender({ id: undefined });
    await act(() => result.current.remove_collection.mutateAsync({ id: created.id }));
    await waitFor(() => expect(result.current.list.data?.data).toEqual([]));
    expect(
      result.current.queryClient.getQueryData(["shutterkit", "getImageCollectionItems", { id: created.id }]),
    ).toBeUndefined();
  });

  it("runs the caller's onSuccess after invalidating", async () => {
    const { wrapper, queryClient } = harness(api.baseUrl, "user-token");
    queryClient.setQueryData(["shutterkit", "getImageCollectionList", {}], { data: [] });
    const seen: Array<string> = [];
    const { result } = renderHook(
      () =>
        useCreateImageCollection({
          onSuccess: (data) => {
            seen.push(data.id);
            seen.push(
              String(queryClient.getQueryState(["shutterkit", "getImageCollectionList", {}])?.isInvalidated),
            );
          },
        }),
      { wrapper },
    );
    await act(() => result.current.mutateAsync({ name: "Later" }));
    expect(seen).toEqual([expect.stringMatching(/\d+/), "true"]);
  });
});
