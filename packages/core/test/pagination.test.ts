// The one pagination rule (core/wire), as a table: every client form and the React infinite queries
// follow it, so its cases live here once.
import { describe, expect, it } from "vitest";
import { nextPage, type PageShape, pageWalk } from "../src/wire/pagination.ts";

const page = (size: number, extra: Omit<PageShape, "data"> = {}): PageShape => ({
  data: Array.from({ length: size }, (_, index) => index),
  ...extra,
});

describe("nextPage", () => {
  const cases: ReadonlyArray<
    [string, PageShape | undefined, number, number | undefined, number | undefined]
  > = [
    ["an empty page ends the listing", page(0, { total_count: 100 }), 1, 20, undefined],
    ["no response ends the listing", undefined, 1, 20, undefined],
    ["a full page with more to come", page(20, { total_count: 100 }), 1, 20, 2],
    ["the page that reaches total_count is the last", page(20, { total_count: 100 }), 5, 20, undefined],
    ["a short page is the last, whatever total_count says", page(7, { total_count: 1000 }), 2, 20, undefined],
    ["without total_count a full page may have a successor", page(20), 3, 20, 4],
    [
      "the response's per_page wins over the one asked (the API clamps)",
      page(50, { per_page: 50 }),
      1,
      500,
      2,
    ],
    ["the response's page wins over the one asked", page(20, { page: 4, total_count: 200 }), 1, 20, 5],
    ["without a page size the page's own length stands in", page(10, { total_count: 25 }), 2, undefined, 3],
    ["… and total_count still ends it", page(10, { total_count: 20 }), 2, undefined, undefined],
  ];
  for (const [name, response, current, perPage, expected] of cases)
    it(name, () => expect(nextPage(response, current, perPage)).toBe(expected));
});

describe("pageWalk", () => {
  const route = { parameters: [{ name: "per_page", default: 20 }] };

  it("starts at params.page, uses the contract's default page size, and follows nextPage", () => {
    const walk = pageWalk(route, { page: 3 }, undefined);
    expect(walk.first).toBe(3);
    expect(walk.next(page(20, { total_count: 100 }), 3)).toBe(4);
    expect(walk.next(page(19), 4)).toBeUndefined();
  });

  it("stops at maxPages and maxItems, and allows no page for limits of 0", () => {
    const pages = pageWalk(route, {}, { maxPages: 2 });
    expect(pages.next(page(20), 1)).toBe(2);
    expect(pages.next(page(20), 2)).toBeUndefined();
    const items = pageWalk(route, { per_page: 10 }, { maxItems: 15 });
    expect(items.next(page(10), 1)).toBe(2);
    expect(items.next(page(10), 2)).toBeUndefined();
    expect(pageWalk(route, {}, { maxPages: 0 }).first).toBeUndefined();
    expect(pageWalk(route, {}, { maxItems: 0 }).first).toBeUndefined();
  });
});
