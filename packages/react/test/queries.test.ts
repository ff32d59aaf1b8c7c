import { createClient, createShutterstock, InvalidRequest, ServerError } from "@shutterkit/core";
import { getSimilarImages, uploadImage } from "@shutterkit/core/computer-vision";
import {
  addImageCollectionItems,
  deleteImageCollection,
  getImage,
  getImageCollectionList,
  searchImages,
} from "@shutterkit/core/images";
import { describe, expect, it } from "vitest";
import {
  clientKeyOf,
  operationInfiniteQueryOptions,
  operationMutationOptions,
  operationQueryOptions,
  retryFor,
  shouldRetry,
  shutterkitKey,
} from "../src/index.ts";

const client = createClient({ baseUrl: "http://127.0.0.1:1" });
const other = createClient({ baseUrl: "http://127.0.0.1:2/" });

describe("query option factories", () => {
  it("key queries as ['shutterkit', baseUrl, operationId, params]", () => {
    expect(operationQueryOptions(client, searchImages, { query: "cat", per_page: 5 }).queryKey).toEqual([
      "shutterkit",
      "http://127.0.0.1:1/",
      "searchImages",
      { query: "cat", per_page: 5 },
    ]);
    expect(operationQueryOptions(client, getImageCollectionList).queryKey).toEqual([
      "shutterkit",
      "http://127.0.0.1:1/",
      "getImageCollectionList",
      {},
    ]);
  });

  it("give two clients of different APIs different keys for the same call", () => {
    const mine = operationQueryOptions(client, getImage, { id: "1" }).queryKey;
    const theirs = operationQueryOptions(other, getImage, { id: "1" }).queryKey;
    expect(mine).not.toEqual(theirs);
    expect(mine.slice(2)).toEqual(theirs.slice(2));
    expect(clientKeyOf(other)).toBe("http://127.0.0.1:2/");
  });

  it("key the grouped client like the modular one, so both share a cache over one API", () => {
    const grouped = createShutterstock({ baseUrl: "http://127.0.0.1:1" });
    expect(operationQueryOptions(grouped, getImage, { id: "1" }).queryKey).toEqual(
      operationQueryOptions(client, getImage, { id: "1" }).queryKey,
    );
  });

  it("drop undefined params so equivalent calls share a key", () => {
    expect(operationQueryOptions(client, searchImages, { query: "cat", color: undefined }).queryKey).toEqual(
      operationQueryOptions(client, searchImages, { query: "cat" }).queryKey,
    );
  });

  it("key infinite options apart from single pages, starting at the page asked for", () => {
    const infinite = operationInfiniteQueryOptions(client, searchImages, { query: "cat", page: 3 });
    expect(infinite.queryKey).toEqual([
      "shutterkit",
      "http://127.0.0.1:1/",
      "searchImages",
      { query: "cat" },
      "infinite",
    ]);
    expect(infinite.initialPageParam).toBe(3);
  });

  it("stop infinite queries by the core's nextPage rule, and walk back to page 1", () => {
    const infinite = operationInfiniteQueryOptions(client, getSimilarImages, { asset_id: "1", per_page: 2 });
    const page = (n: number, size: number, total: number) => ({
      data: Array.from({ length: size }, (_, i) => ({ id: String(i) })),
      page: n,
      total_count: total,
    });
    const next = infinite.getNextPageParam as (last: unknown, all: unknown[], param: number) => unknown;
    const previous = infinite.getPreviousPageParam as (
      first: unknown,
      all: unknown[],
      param: number,
    ) => unknown;
    expect(next(page(1, 2, 5), [], 1)).toBe(2);
    expect(next(page(3, 1, 5), [], 3)).toBeUndefined();
    expect(next(page(2, 2, 4), [], 2)).toBeUndefined();
    expect(previous(page(3, 2, 5), [], 3)).toBe(2);
    expect(previous(page(1, 2, 5), [], 1)).toBeUndefined();
  });

  it("build invalidation prefixes with shutterkitKey", () => {
    expect(shutterkitKey(client, "getImageCollectionItems", { id: "7", page: undefined })).toEqual([
      "shutterkit",
      "http://127.0.0.1:1/",
      "getImageCollectionItems",
      { id: "7" },
    ]);
    expect(shutterkitKey(client, "getImageCollectionList")).toEqual([
      "shutterkit",
      "http://127.0.0.1:1/",
      "getImageCollectionList",
    ]);
    expect(shutterkitKey(client)).toEqual(["shutterkit", "http://127.0.0.1:1/"]);
  });
});

describe("mutation option factories", () => {
  it("key mutations by client and operation", () => {
    expect(operationMutationOptions(client, uploadImage).mutationKey).toEqual([
      "shutterkit",
      "http://127.0.0.1:1/",
      "uploadImage",
    ]);
    expect(operationMutationOptions(other, deleteImageCollection).mutationKey[1]).toBe("http://127.0.0.1:2/");
  });

  it("check the variables against the contract before anything is sent", async () => {
    const add = operationMutationOptions(client, addImageCollectionItems);
    const context = {} as Parameters<NonNullable<typeof add.mutationFn>>[1];
    const failed = await add
      .mutationFn?.({ body: { items: [] }, params: { id: 7 as unknown as string } }, context)
      .catch((cause: unknown) => cause);
    expect(failed).toBeInstanceOf(InvalidRequest);
  });
});

describe("retry predicates", () => {
  const serverError = new ServerError({
    message: "unavailable",
    operationId: "getImage",
    method: "GET",
    route: "/v2/images/{id}",
    status: 503,
  });

  it("never retry the core's errors in TanStack when the client retries them itself", async () => {
    const invalid = await client.send(searchImages, { per_page: -1 }).catch((cause: unknown) => cause);
    expect(invalid).toBeInstanceOf(InvalidRequest);
    expect(shouldRetry(0, invalid)).toBe(false);
    expect(retryFor(client)(0, serverError)).toBe(false);
  });

  it("retry what isRetryable allows when the client makes one attempt", () => {
    const single = createClient({ baseUrl: "http://127.0.0.1:1", retry: false });
    expect(retryFor(single)(0, serverError)).toBe(true);
    expect(retryFor(single)(3, serverError)).toBe(false);
    const post = new ServerError({
      message: "unavailable",
      operationId: "licenseImages",
      method: "POST",
      route: "/v2/images/licenses",
      status: 503,
    });
    expect(retryFor(single)(0, post)).toBe(false);
  });

  it("give other failures one more try", () => {
    expect(shouldRetry(0, new TypeError("boom"))).toBe(true);
    expect(shouldRetry(1, new TypeError("boom"))).toBe(false);
    expect(retryFor(client)(0, new TypeError("boom"))).toBe(true);
  });
});
