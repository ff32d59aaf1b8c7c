import { Credentials, NotFound, Unauthorized } from "@shutterkit/core";
import { getImageCollectionList, searchImages } from "@shutterkit/core/images";
import { useQuery } from "@tanstack/react-query";
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { Suspense } from "react";
import { describe, expect, it } from "vitest";
import {
  operationQueryOptions,
  ShutterkitProvider,
  shutterkitKey,
  useImageDetails,
  useInfiniteSearchImages,
  useSearchImages,
  useShutterstockClient,
  useSimilarImages,
  useSuspenseImageDetails,
  useUploadImage,
} from "../src/index.ts";
import { bufferedFetch } from "./support/fetch.ts";
import { discPng } from "./support/png.ts";
import { harness } from "./support/render.tsx";
import { requestsFor, sandboxPerFile } from "./support/sandbox.ts";

const server = sandboxPerFile();

// The catalog's words: a shape and a colour come first in every description ("Blue circle with ...").
const shapeAndColour = (description: string | undefined) =>
  description?.split(" ").slice(0, 2).join(" ").toLowerCase();

describe("queries", () => {
  it("searches and caches under the operation's key", async () => {
    const { wrapper, queryClient } = harness(server.current);
    const { result } = renderHook(() => useSearchImages({ query: "red circle", per_page: 10 }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.data).toHaveLength(10);
    expect(result.current.data?.total_count).toBeGreaterThan(10);
    for (const image of result.current.data?.data ?? []) {
      expect(image.description).toMatch(/red/i);
      expect(image.description).toMatch(/circle/i);
    }
    expect(
      queryClient.getQueryData([
        "shutterkit",
        `${server.current.url}/`,
        "searchImages",
        { per_page: 10, query: "red circle" },
      ]),
    ).toEqual(result.current.data);
  });

  it("shares one cache entry between a named hook and useQuery over a factory", async () => {
    const { wrapper } = harness(server.current);
    const before = requestsFor(server.current, "searchImages");
    const { result } = renderHook(
      () => ({
        named: useSearchImages({ query: "square" }),
        generic: useQuery(operationQueryOptions(useShutterstockClient(), searchImages, { query: "square" })),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.generic.isSuccess).toBe(true));
    expect(result.current.named.data).toBe(result.current.generic.data);
    expect(requestsFor(server.current, "searchImages") - before).toBe(1);
  });

  it("pages an infinite search until total_count", async () => {
    const { wrapper } = harness(server.current);
    // Few pictures show all three, so two per page makes a short run of pages with a short last one.
    const { result } = renderHook(
      () => useInfiniteSearchImages({ query: "red circle square", per_page: 2 }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const total = result.current.data?.pages[0]?.total_count ?? 0;
    expect(total).toBeGreaterThan(4);
    expect(total).toBeLessThanOrEqual(6);
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(3));
    expect(result.current.data?.pageParams).toEqual([1, 2, 3]);
    const ids = result.current.data?.pages.flatMap((page) => page.data.map((image) => image.id)) ?? [];
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(result.current.hasNextPage).toBe(false);
  });

  it("uploads a picture and lists the images similar to it", async () => {
    const { wrapper } = harness(server.current);
    const { result } = renderHook(
      () => {
        const upload = useUploadImage();
        const similar = useSimilarImages(upload.data?.upload_id, { per_page: 5 });
        return { upload, similar };
      },
      { wrapper },
    );
    expect(result.current.similar.fetchStatus).toBe("idle");
    const redDisc = discPng(64, [220, 30, 30], [255, 255, 255]);
    await act(() => result.current.upload.mutateAsync(new Blob([redDisc], { type: "image/png" })));
    // The sandbox builds its visual index on the first similarity query.
    await waitFor(() => expect(result.current.similar.isSuccess).toBe(true), { timeout: 15_000 });
    expect(result.current.upload.data?.upload_id).toEqual(expect.any(String));
    expect(result.current.similar.data?.data).toHaveLength(5);
    expect(shapeAndColour(result.current.similar.data?.data[0]?.description)).toBe("red circle");
  });

  it("finds similar images of a catalog asset id too", async () => {
    const { wrapper, client } = harness(server.current);
    const { data } = await client.send(searchImages, { query: "blue circle", per_page: 1 });
    const asset = data[0];
    expect(shapeAndColour(asset?.description)).toBe("blue circle");
    const { result } = renderHook(() => useSimilarImages(asset?.id), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true), { timeout: 15_000 });
    expect(result.current.data?.data.map((image) => image.id)).not.toContain(asset?.id);
    expect(shapeAndColour(result.current.data?.data[0]?.description)).toBe("blue circle");
  });

  it("reports a missing image as a typed NotFound, without retrying it", async () => {
    const { wrapper } = harness(server.current);
    const before = requestsFor(server.current, "getImage");
    const { result } = renderHook(() => useImageDetails("1999999"), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(NotFound);
    expect(result.current.error?._tag).toBe("NotFound");
    expect(result.current.error?.operationId).toBe("getImage");
    expect(requestsFor(server.current, "getImage") - before).toBe(1);
  });

  it("retries a 503 in TanStack, as isRetryable allows a GET, when the client makes one attempt", async () => {
    const { wrapper } = harness(server.current);
    const [image] = server.current.sandbox.catalog.images;
    const before = requestsFor(server.current, "getImage");
    server.current.sandbox.addFault({ route: "getImage", kind: "status", status: 503, count: 1 });
    const { result } = renderHook(() => useImageDetails(image?.id, {}, { retryDelay: 0 }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.failureCount).toBe(0);
    expect(result.current.data?.id).toBe(image?.id);
    expect(requestsFor(server.current, "getImage") - before).toBe(2);
  });

  it("reports a read with a wrong token as Unauthorized, once", async () => {
    const { wrapper, queryClient } = harness(server.current, { token: "v2/not-a-sandbox-token" });
    const before = requestsFor(server.current, "getImageCollectionList");
    const { result } = renderHook(
      () => useQuery(operationQueryOptions(useShutterstockClient(), getImageCollectionList)),
      { wrapper },
    );
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(Unauthorized);
    expect(requestsFor(server.current, "getImageCollectionList") - before).toBe(1);
    expect(queryClient.getDefaultOptions().mutations?.retry).toBe(false);
  });

  it("stays idle while the id is unknown", () => {
    const { wrapper } = harness(server.current);
    const { result } = renderHook(() => useImageDetails(undefined), { wrapper });
    expect(result.current.fetchStatus).toBe("idle");
    expect(result.current.status).toBe("pending");
  });

  it("cancels the request when the component unmounts", async () => {
    const signals: Array<AbortSignal> = [];
    const watching: typeof fetch = (input, init) => {
      // ky hands fetch a Request carrying the signal; a bare fetch call passes it in init.
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      if (signal) signals.push(signal);
      return fetch(input, init);
    };
    const { wrapper, queryClient, client } = harness(server.current, { fetch: watching });
    const [image] = server.current.sandbox.catalog.images;
    const id = image?.id ?? "";
    // Held by the sandbox well past the test, so only the unmount can end it.
    server.current.sandbox.addFault({ route: "getImage", kind: "delay", ms: 5_000, count: 1 });
    const delayed = server.current.sandbox.stats().faultsInjected.delay ?? 0;
    const { result, unmount } = renderHook(() => useImageDetails(id), { wrapper });
    await waitFor(() => expect(server.current.sandbox.stats().faultsInjected.delay).toBe(delayed + 1));
    expect(result.current.fetchStatus).toBe("fetching");
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
    unmount();
    await waitFor(() => expect(signals[0]?.aborted).toBe(true));
    const state = queryClient.getQueryState(shutterkitKey(client, "getImage", { id }));
    expect(state?.fetchStatus).toBe("idle");
    expect(state?.data).toBeUndefined();
    expect(state?.error).toBeNull();
  });
});

const Details = ({ id }: { id: string }) => {
  const { data } = useSuspenseImageDetails(id);
  return <p>{data.description}</p>;
};

describe("Suspense", () => {
  it("shows the fallback, then the image", async () => {
    const { wrapper: Wrapper, client } = harness(server.current);
    const { data } = await client.send(searchImages, { query: "yellow hexagon", per_page: 1 });
    const [image] = data;
    expect(image?.description).toEqual(expect.any(String));
    render(
      <Wrapper>
        <Suspense fallback={<p>loading…</p>}>
          <Details id={image?.id ?? ""} />
        </Suspense>
      </Wrapper>,
    );
    expect(screen.getByText("loading…")).toBeTruthy();
    expect(await screen.findByText(image?.description ?? "")).toBeTruthy();
  });
});

describe("provider", () => {
  it("builds its own client from a config", async () => {
    const [image] = server.current.sandbox.catalog.images;
    const config = {
      baseUrl: server.current.url,
      credentials: Credentials.oauth(server.current.credentials.accessToken),
      fetch: bufferedFetch(),
    };
    const { result } = renderHook(() => useImageDetails(image?.id), {
      wrapper: ({ children }) => <ShutterkitProvider config={config}>{children}</ShutterkitProvider>,
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.id).toBe(image?.id);
  });

  it("tells the developer when a hook has no provider", () => {
    expect(() => renderHook(() => useImageDetails("1"))).toThrow(/ShutterkitProvider/);
  });
});
