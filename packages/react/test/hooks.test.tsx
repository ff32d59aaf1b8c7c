import { NotFound, Unauthorized } from "@shutterkit/core";
import { useQuery } from "@tanstack/react-query";
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { Suspense } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ShutterkitProvider,
  useImageDetails,
  useInfiniteSearchImages,
  useSearchImages,
  useShutterkitQueries,
  useSimilarImages,
  useSuspenseImageDetails,
  useUploadImage,
} from "../src/index.ts";
import { harness } from "./support/render.tsx";
import { type StubApi, startStubApi } from "./support/stub-api.ts";

let api: StubApi;
beforeAll(async () => {
  api = await startStubApi();
});
afterAll(() => api.close());

const count = (prefix: string) => api.requests.filter((line) => line.startsWith(prefix)).length;

describe("queries", () => {
  it("searches and caches under the operation's key", async () => {
    const { wrapper, queryClient } = harness(api.baseUrl);
    const { result } = renderHook(() => useSearchImages({ query: "beach", per_page: 10 }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.data).toHaveLength(10);
    expect(result.current.data?.total_count).toBe(45);
    expect(
      queryClient.getQueryData(["shutterkit", "searchImages", { per_page: 10, query: "beach" }]),
    ).toEqual(result.current.data);
  });

  it("shares one cache entry between a named hook and useQuery over a factory", async () => {
    const { wrapper } = harness(api.baseUrl);
    const before = count("GET /v2/images/search?query=forest");
    const { result } = renderHook(
      () => ({
        named: useSearchImages({ query: "forest" }),
        generic: useQuery(useShutterkitQueries().images.searchImages({ query: "forest" })),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.generic.isSuccess).toBe(true));
    expect(result.current.named.data).toBe(result.current.generic.data);
    expect(count("GET /v2/images/search?query=forest") - before).toBe(1);
  });

  it("pages an infinite search until total_count", async () => {
    const { wrapper } = harness(api.baseUrl);
    const { result } = renderHook(() => useInfiniteSearchImages({ query: "city", per_page: 20 }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(3));
    expect(result.current.data?.pageParams).toEqual([1, 2, 3]);
    expect(result.current.data?.pages.flatMap((page) => page.data)).toHaveLength(45);
    expect(result.current.hasNextPage).toBe(false);
  });

  it("uploads a picture and lists the images similar to it", async () => {
    const { wrapper } = harness(api.baseUrl);
    const { result } = renderHook(
      () => {
        const upload = useUploadImage();
        const similar = useSimilarImages(upload.data?.upload_id, { per_page: 5 });
        return { upload, similar };
      },
      { wrapper },
    );
    expect(result.current.similar.fetchStatus).toBe("idle");
    await act(() => result.current.upload.mutateAsync(new Blob(["mountain"], { type: "image/jpeg" })));
    await waitFor(() => expect(result.current.similar.isSuccess).toBe(true));
    expect(result.current.upload.data?.upload_id).toMatch(/^U/);
    expect(result.current.similar.data?.data).toHaveLength(5);
    expect(result.current.similar.data?.data[0]?.description).toMatch(/^mountain/);
  });

  it("finds similar images of a catalog asset id too", async () => {
    const { wrapper } = harness(api.baseUrl);
    const { result } = renderHook(() => useSimilarImages("1001000"), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.data[0]?.description).toMatch(/^dog/);
  });

  it("reports a missing image as a typed NotFound, without retrying it", async () => {
    const { wrapper } = harness(api.baseUrl);
    const before = count("GET /v2/images/1999999");
    const { result } = renderHook(() => useImageDetails("1999999"), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(NotFound);
    expect(result.current.error?._tag).toBe("NotFound");
    expect(result.current.error?.operationId).toBe("getImage");
    expect(count("GET /v2/images/1999999") - before).toBe(1);
  });

  it("reports a read that needs a signed-in user as Unauthorized, once", async () => {
    const { wrapper, queryClient } = harness(api.baseUrl);
    const before = count("GET /v2/images/collections");
    const { result } = renderHook(() => useQuery(useShutterkitQueries().images.getImageCollectionList()), {
      wrapper,
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(Unauthorized);
    expect(count("GET /v2/images/collections") - before).toBe(1);
    expect(queryClient.getDefaultOptions().mutations?.retry).toBe(false);
  });

  it("stays idle while the id is unknown", () => {
    const { wrapper } = harness(api.baseUrl);
    const { result } = renderHook(() => useImageDetails(undefined), { wrapper });
    expect(result.current.fetchStatus).toBe("idle");
    expect(result.current.status).toBe("pending");
  });

  it("cancels the request when the component unmounts", async () => {
    const { wrapper } = harness(api.baseUrl);
    const { result, unmount } = renderHook(() => useImageDetails("9999999"), { wrapper });
    await waitFor(() => expect(api.requests).toContain("GET /v2/images/9999999"));
    expect(result.current.fetchStatus).toBe("fetching");
    unmount();
    await waitFor(() => expect(api.aborted).toContain("GET /v2/images/9999999"));
  });
});

const Details = ({ id }: { id: string }) => {
  const { data } = useSuspenseImageDetails(id);
  return <p>{data.description}</p>;
};

describe("Suspense", () => {
  it("shows the fallback, then the image", async () => {
    const { wrapper: Wrapper } = harness(api.baseUrl);
    render(
      <Wrapper>
        <Suspense fallback={<p>loading…</p>}>
          <Details id="1002003" />
        </Suspense>
      </Wrapper>,
    );
    expect(screen.getByText("loading…")).toBeTruthy();
    expect(await screen.findByText("beach photo 4")).toBeTruthy();
  });
});

describe("provider", () => {
  it("builds its own client from a config", async () => {
    const { result } = renderHook(() => useImageDetails("1000000"), {
      wrapper: ({ children }) => (
        <ShutterkitProvider config={{ baseUrl: api.baseUrl }}>{children}</ShutterkitProvider>
      ),
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.id).toBe("1000000");
  });

  it("tells the developer when a hook has no provider", () => {
    expect(() => renderHook(() => useImageDetails("1"))).toThrow(/ShutterkitProvider/);
  });
});
