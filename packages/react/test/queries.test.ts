import { createShutterstock, InvalidRequest, operationGroups, operations } from "@shutterkit/core";
import { describe, expect, it } from "vitest";
import {
  createShutterkitQueries,
  isPermanentError,
  nextPageParam,
  previousPageParam,
  shouldRetry,
  shutterkitKey,
} from "../src/index.ts";

const client = createShutterstock({ baseUrl: "http://127.0.0.1:1" });
const queries = createShutterkitQueries(client);

describe("generated query factories", () => {
  it("has a factory for every GET operation and none for writes", () => {
    const gets = Object.values(operations).filter((descriptor) => descriptor.method === "GET");
    const factories = Object.values(queries).flatMap((group) => Object.values(group));
    expect(factories).toHaveLength(gets.length);
    for (const [group, ops] of Object.entries(operationGroups))
      for (const [name, descriptor] of Object.entries(ops)) {
        const factory = (queries as unknown as Record<string, Record<string, unknown>>)[group]?.[name];
        expect(factory !== undefined, `${group}.${name}`).toBe(descriptor.method === "GET");
      }
  });

  it("keys queries as ['shutterkit', operationId, params]", () => {
    expect(queries.images.searchImages({ query: "cat", per_page: 5 }).queryKey).toEqual([
      "shutterkit",
      "searchImages",
      { query: "cat", per_page: 5 },
    ]);
    expect(queries.images.getImageCollectionList().queryKey).toEqual([
      "shutterkit",
      "getImageCollectionList",
      {},
    ]);
  });

  it("drops undefined params so equivalent calls share a key", () => {
    expect(queries.images.searchImages({ query: "cat", color: undefined }).queryKey).toEqual(
      queries.images.searchImages({ query: "cat" }).queryKey,
    );
  });

  it("offers infinite options only for paginated operations, keyed apart from single pages", () => {
    const infinite = queries.images.searchImages.infinite({ query: "cat", page: 3 });
    expect(infinite.queryKey).toEqual(["shutterkit", "searchImages", { query: "cat" }, "infinite"]);
    expect(infinite.initialPageParam).toBe(3);
    expect("infinite" in queries.images.getImage).toBe(false);
    expect(queries.images.getImage.baseKey).toEqual(["shutterkit", "getImage"]);
    expect(queries.images.getImage.descriptor).toBe(operations.getImage);
  });

  it("builds invalidation prefixes with shutterkitKey", () => {
    expect(shutterkitKey("getImageCollectionItems", { id: "7", page: undefined })).toEqual([
      "shutterkit",
      "getImageCollectionItems",
      { id: "7" },
    ]);
    expect(shutterkitKey("getImageCollectionList")).toEqual(["shutterkit", "getImageCollectionList"]);
  });
});

describe("page-number pagination", () => {
  const data = (n: number) => Array.from({ length: n }, (_, i) => i);

  it("asks for the next page while total_count is not covered", () => {
    expect(nextPageParam({ data: data(20), page: 1, per_page: 20, total_count: 45 }, 1, 20)).toBe(2);
    expect(nextPageParam({ data: data(20), page: 2, per_page: 20, total_count: 45 }, 2, 20)).toBe(3);
  });

  it("stops at total_count, on a short page and on an empty page", () => {
    expect(nextPageParam({ data: data(20), page: 2, per_page: 20, total_count: 40 }, 2, 20)).toBeUndefined();
    expect(nextPageParam({ data: data(5), page: 3, per_page: 20, total_count: 45 }, 3, 20)).toBeUndefined();
    expect(nextPageParam({ data: [], total_count: 100 }, 4, 20)).toBeUndefined();
  });

  it("falls back to the request's page and per_page when the response omits them", () => {
    expect(nextPageParam({ data: data(10), total_count: 30 }, 1, 10)).toBe(2);
    expect(nextPageParam({ data: data(10), total_count: 30 }, 3, 10)).toBeUndefined();
  });

  it("walks back to page 1", () => {
    expect(previousPageParam({ page: 3 }, 3)).toBe(2);
    expect(previousPageParam({}, 1)).toBeUndefined();
  });
});

describe("retry predicate", () => {
  it("never retries the core's errors, which are final or already retried", async () => {
    const failing = createShutterstock({ baseUrl: "http://127.0.0.1:1", retry: false });
    const invalid = await failing.images.searchImages({ per_page: -1 }).catch((cause: unknown) => cause);
    expect(invalid).toBeInstanceOf(InvalidRequest);
    expect(shouldRetry(0, invalid)).toBe(false);
    expect(isPermanentError(invalid)).toBe(true);
  });

  it("gives other failures one more try", () => {
    expect(shouldRetry(0, new TypeError("boom"))).toBe(true);
    expect(shouldRetry(1, new TypeError("boom"))).toBe(false);
  });
});
