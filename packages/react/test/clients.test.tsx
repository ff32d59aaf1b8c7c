// Two clients of two different APIs (two sandboxes with different catalogs) under one QueryClient:
// the same call through each must reach its own API and keep its own cache entry.
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createShutterkitQueryClient, shutterkitKey, useSearchImages } from "../src/index.ts";
import { harness } from "./support/render.tsx";
import { requestsFor, sandboxPerFile } from "./support/sandbox.ts";

const first = sandboxPerFile(1);
const second = sandboxPerFile(2);

describe("two clients sharing one QueryClient", () => {
  it("never read each other's cache", async () => {
    const queryClient = createShutterkitQueryClient();
    const one = harness(first.current, { queryClient });
    const two = harness(second.current, { queryClient });
    const params = { query: "circle", per_page: 5 } as const;
    const before = [requestsFor(first.current, "searchImages"), requestsFor(second.current, "searchImages")];

    const fromOne = renderHook(() => useSearchImages(params), { wrapper: one.wrapper });
    await waitFor(() => expect(fromOne.result.current.isSuccess).toBe(true));
    const fromTwo = renderHook(() => useSearchImages(params), { wrapper: two.wrapper });
    await waitFor(() => expect(fromTwo.result.current.isSuccess).toBe(true));

    // Each API was asked once: the second hook did not take the first one's cached page.
    expect(requestsFor(first.current, "searchImages") - (before[0] ?? 0)).toBe(1);
    expect(requestsFor(second.current, "searchImages") - (before[1] ?? 0)).toBe(1);
    const ids = (data: typeof fromOne.result.current.data) => data?.data.map((image) => image.id);
    expect(ids(fromOne.result.current.data)).not.toEqual(ids(fromTwo.result.current.data));
    const expected = (server: typeof first.current) =>
      server.sandbox.catalog.images.some((image) => image.id === ids(fromOne.result.current.data)?.[0]);
    expect(expected(first.current)).toBe(true);
    const searches = queryClient.getQueryCache().findAll({ queryKey: ["shutterkit"] });
    expect(searches.map((query) => query.queryKey[1]).sort()).toEqual(
      [`${first.current.url}/`, `${second.current.url}/`].sort(),
    );
  });

  it("invalidate only their own entries", async () => {
    const queryClient = createShutterkitQueryClient();
    const one = harness(first.current, { queryClient });
    const two = harness(second.current, { queryClient });
    const params = { query: "square", per_page: 3 } as const;
    const a = renderHook(() => useSearchImages(params), { wrapper: one.wrapper });
    const b = renderHook(() => useSearchImages(params), { wrapper: two.wrapper });
    await waitFor(() => expect(a.result.current.isSuccess && b.result.current.isSuccess).toBe(true));
    const before = [requestsFor(first.current, "searchImages"), requestsFor(second.current, "searchImages")];
    // Invalidation refetches the active queries it matches: only the second API is asked again.
    await queryClient.invalidateQueries({ queryKey: shutterkitKey(two.client, "searchImages") });
    expect(requestsFor(first.current, "searchImages") - (before[0] ?? 0)).toBe(0);
    expect(requestsFor(second.current, "searchImages") - (before[1] ?? 0)).toBe(1);
  });
});
