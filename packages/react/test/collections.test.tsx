import { useQueryClient } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  shutterkitKey,
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
import { sandboxPerFile } from "./support/sandbox.ts";

const server = sandboxPerFile();

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
    const { wrapper, client } = harness(server.current);
    const [first, second] = server.current.sandbox.catalog.images.map((image) => image.id);
    if (first === undefined || second === undefined) throw new Error("the catalog has images");
    const { result, rerender } = renderHook(({ id }) => useCollectionsScreen(id), {
      wrapper,
      initialProps: { id: undefined as string | undefined },
    });
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    const listed = (id: string) => result.current.list.data?.data?.find((collection) => collection.id === id);
    // The sandbox user starts with collections of its own; the flow only looks at the one it makes.
    const existing = result.current.list.data?.data?.length ?? 0;

    const created = await act(() => result.current.create.mutateAsync({ name: "Holiday" }));
    await waitFor(() => expect(listed(created.id)?.name).toBe("Holiday"));
    expect(result.current.list.data?.data).toHaveLength(existing + 1);

    rerender({ id: created.id });
    await waitFor(() => expect(result.current.items.isSuccess).toBe(true));
    expect(result.current.items.data?.data ?? []).toEqual([]);

    await act(() =>
      result.current.add.mutateAsync({ id: created.id, items: [{ id: first }, { id: second }] }),
    );
    await waitFor(() =>
      expect(result.current.items.data?.data?.map((item) => item.id).sort()).toEqual([first, second].sort()),
    );
    await waitFor(() => expect(result.current.collection.data?.total_item_count).toBe(2));
    expect(listed(created.id)?.total_item_count).toBe(2);

    await act(() => result.current.remove.mutateAsync({ id: created.id, item_id: [first] }));
    await waitFor(() => expect(result.current.items.data?.data?.map((item) => item.id)).toEqual([second]));

    await act(() => result.current.rename.mutateAsync({ id: created.id, name: "Summer" }));
    await waitFor(() => expect(result.current.collection.data?.name).toBe("Summer"));
    expect(listed(created.id)?.name).toBe("Summer");

    rerender({ id: undefined });
    await act(() => result.current.remove_collection.mutateAsync({ id: created.id }));
    await waitFor(() => expect(listed(created.id)).toBeUndefined());
    expect(result.current.list.data?.data).toHaveLength(existing);
    expect(
      result.current.queryClient.getQueryData(
        shutterkitKey(client, "getImageCollectionItems", { id: created.id }),
      ),
    ).toBeUndefined();
  });

  it("runs the caller's onSuccess after invalidating", async () => {
    const { wrapper, queryClient, client } = harness(server.current);
    const listKey = shutterkitKey(client, "getImageCollectionList", {});
    queryClient.setQueryData(listKey, { data: [] });
    const seen: Array<string> = [];
    const { result } = renderHook(
      () =>
        useCreateImageCollection({
          onSuccess: (data) => {
            seen.push(data.id);
            seen.push(String(queryClient.getQueryState(listKey)?.isInvalidated));
          },
        }),
      { wrapper },
    );
    await act(() => result.current.mutateAsync({ name: "Later" }));
    expect(seen).toEqual([expect.stringMatching(/\d+/), "true"]);
  });
});
