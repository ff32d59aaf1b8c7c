// Search: relevance, the documented filters, sort orders, pagination and determinism.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../src/catalog/build.ts";
import { colorDistance, hexToRgb } from "../src/search/common.ts";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

interface Page<T> {
  data: T[];
  page: number;
  per_page: number;
  total_count: number;
  search_id: string;
}

interface Image {
  id: string;
  description: string;
  image_type: string;
  aspect: number;
  added_date?: string;
  keywords?: string[];
  categories?: Array<{ id: string; name: string }>;
  contributor: { id: string };
}

let sandbox: TestSandbox;
let catalog: Catalog;

const search = async (query: Record<string, string | number | ReadonlyArray<string>>) => {
  const answer = await sandbox.call<Page<Image>>("/v2/images/search", { auth: "basic", query });
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
};

const record = (id: string) => {
  const found = catalog.imageById.get(id);
  if (found === undefined) throw new Error(`no image ${id}`);
  return found;
};

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 5 });
  catalog = sandbox.server.sandbox.catalog;
});

afterAll(async () => {
  await sandbox.close();
});

describe("catalog", () => {
  it("is at least as large as promised and deterministic per seed", async () => {
    const info = await sandbox.call<{ catalog: Record<string, number> }>("/sandbox", { auth: "none" });
    expect(info.body.catalog["images"]).toBeGreaterThanOrEqual(2000);
    expect(info.body.catalog["videos"]).toBeGreaterThanOrEqual(300);
    expect(info.body.catalog["audio"]).toBeGreaterThanOrEqual(300);
    expect(
      (info.body.catalog["editorialImages"] ?? 0) + (info.body.catalog["editorialVideos"] ?? 0),
    ).toBeGreaterThanOrEqual(200);
    const again = await startTestSandbox({ seed: 5 });
    const other = await startTestSandbox({ seed: 6 });
    try {
      const ids = async (target: TestSandbox) =>
        (
          await target.call<Page<Image>>("/v2/images/search", {
            auth: "basic",
            query: { query: "blue circle" },
          })
        ).body.data.map((image) => `${image.id} ${image.description}`);
      expect(await ids(again)).toEqual(await ids(sandbox));
      expect(await ids(other)).not.toEqual(await ids(sandbox));
    } finally {
      await again.close();
      await other.close();
    }
  });
});

describe("text relevance", () => {
  it("requires every term, and ranks by relevance when asked", async () => {
    const result = await search({ query: "red star", sort: "relevance", view: "full", per_page: 50 });
    expect(result.total_count).toBeGreaterThan(0);
    for (const image of result.data) {
      expect(image.keywords).toEqual(expect.arrayContaining(["red", "star"]));
    }
    expect(result.data[0]?.description.toLowerCase()).toMatch(/^red star/);
  });

  it("supports NOT and OR", async () => {
    const without = await search({ query: "star NOT red", view: "full", per_page: 100 });
    expect(without.total_count).toBeGreaterThan(0);
    for (const image of without.data) {
      expect(image.keywords).toContain("star");
      expect(image.keywords).not.toContain("red");
    }
    const either = await search({ query: "hexagon OR heart", view: "full", per_page: 100 });
    const hexagons = await search({ query: "hexagon" });
    expect(either.total_count).toBeGreaterThan(hexagons.total_count);
    for (const image of either.data) {
      expect(image.keywords?.some((keyword) => keyword === "hexagon" || keyword === "heart")).toBe(true);
    }
  });

  it("matches plurals", async () => {
    const plural = await search({ query: "stars" });
    const singular = await search({ query: "star" });
    expect(plural.total_count).toBe(singular.total_count);
  });
});

describe("filters", () => {
  it("image_type and orientation", async () => {
    const vectors = await search({ image_type: ["vector"], orientation: "vertical", per_page: 100 });
    expect(vectors.total_count).toBeGreaterThan(0);
    for (const image of vectors.data) {
      expect(image.image_type).toBe("vector");
      expect(image.aspect).toBeLessThan(1);
    }
  });

  it("color, by distance to the picture's colours", async () => {
    const result = await search({ color: "1E63D6", per_page: 100 });
    expect(result.total_count).toBeGreaterThan(0);
    expect(result.total_count).toBeLessThan(catalog.images.length);
    const target = hexToRgb("1E63D6");
    for (const image of result.data) {
      const best = Math.min(
        ...record(image.id).picture.colors.map((color) => colorDistance(color.rgb, target ?? [0, 0, 0])),
      );
      expect(best).toBeLessThanOrEqual(150);
    }
  });

  it("category, contributor and license", async () => {
    const symbols = await search({ category: "17", per_page: 100 });
    expect(symbols.total_count).toBeGreaterThan(0);
    for (const image of symbols.data) {
      expect(["heart", "star", "cross", "crescent"]).toContain(record(image.id).picture.spec.shapes[0]?.kind);
    }
    const byName = await search({ category: "Signs/Symbols" });
    expect(byName.total_count).toBe(symbols.total_count);
    const contributor = catalog.images[0]?.contributorId ?? "";
    const theirs = await search({ contributor: [contributor], per_page: 100 });
    expect(theirs.total_count).toBe(
      catalog.images.filter((image) => image.contributorId === contributor).length,
    );
    const editorial = await search({ license: ["editorial"], per_page: 100 });
    expect(editorial.total_count).toBe(catalog.images.filter((image) => image.isEditorial).length);
    const commercial = await search({ license: ["commercial"] });
    expect(commercial.total_count + editorial.total_count).toBe(catalog.images.length);
  });

  it("added date range, sizes and aspect ratio", async () => {
    const dated = await search({
      added_date_start: "2020-01-01",
      added_date_end: "2021-01-01",
      view: "full",
      per_page: 100,
    });
    expect(dated.total_count).toBeGreaterThan(0);
    for (const image of dated.data) {
      expect(image.added_date! >= "2020-01-01" && image.added_date! < "2021-01-01").toBe(true);
    }
    const wide = await search({ width_from: 5500, aspect_ratio_min: 1.2, per_page: 100 });
    for (const image of wide.data) {
      expect(record(image.id).picture.width).toBeGreaterThanOrEqual(5500);
      expect(image.aspect).toBeGreaterThanOrEqual(1.2);
    }
    const square = await search({ aspect_ratio: 1 });
    expect(square.total_count).toBe(
      catalog.images.filter((image) => image.picture.width === image.picture.height).length,
    );
  });

  it("people filters reflect a catalog without people", async () => {
    expect((await search({ people_number: 1 })).total_count).toBe(0);
    expect((await search({ people_number: 0 })).total_count).toBe(catalog.images.length);
  });
});

describe("sorting and pagination", () => {
  it("sorts by newest and by popularity", async () => {
    const newest = await search({ sort: "newest", view: "full", per_page: 50 });
    const dates = newest.data.map((image) => image.added_date ?? "");
    expect(dates).toEqual([...dates].sort().reverse());
    const popular = await search({ per_page: 50 });
    const scores = popular.data.map((image) => record(image.id).popularity);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("random order is stable across pages of the same search", async () => {
    const all = await search({ query: "circle", sort: "random", per_page: 40 });
    const first = await search({ query: "circle", sort: "random", per_page: 20, page: 1 });
    const second = await search({ query: "circle", sort: "random", per_page: 20, page: 2 });
    expect([...first.data, ...second.data].map((image) => image.id)).toEqual(
      all.data.map((image) => image.id),
    );
    const popular = await search({ query: "circle", per_page: 40 });
    expect(all.data.map((image) => image.id)).not.toEqual(popular.data.map((image) => image.id));
  });

  it("pages through results with total_count, page, per_page and search_id", async () => {
    const one = await search({ query: "square", per_page: 7, page: 1 });
    const two = await search({ query: "square", per_page: 7, page: 2 });
    expect(one).toMatchObject({ page: 1, per_page: 7 });
    expect(two).toMatchObject({ page: 2, per_page: 7, total_count: one.total_count });
    expect(one.search_id).toMatch(/^[0-9a-f]{32}$/);
    const overlap = one.data.filter((image) => two.data.some((other) => other.id === image.id));
    expect(overlap).toHaveLength(0);
    const beyond = await search({ query: "square", per_page: 7, page: 10_000 });
    expect(beyond.data).toHaveLength(0);
    expect(beyond.total_count).toBe(one.total_count);
  });
});

describe("other media", () => {
  it("filters videos by duration and resolution", async () => {
    const answer = await sandbox.call<Page<{ id: string; duration: number }>>("/v2/videos/search", {
      auth: "basic",
      query: { duration_from: 10, duration_to: 20, resolution: "4k", per_page: 50 },
    });
    expect(answer.status).toBe(200);
    for (const video of answer.body.data) {
      expect(video.duration).toBeGreaterThanOrEqual(10);
      expect(video.duration).toBeLessThanOrEqual(20);
      expect(catalog.videoById.get(video.id)?.resolution).toBe("4k");
    }
  });

  it("filters and sorts audio", async () => {
    const answer = await sandbox.call<Page<{ id: string; bpm: number; genres: string[] }>>(
      "/v2/audio/search",
      {
        auth: "basic",
        query: { genre: ["Jazz"], bpm_from: 80, sort: "bpm", sort_order: "asc", per_page: 50 },
      },
    );
    expect(answer.body.total_count).toBeGreaterThan(0);
    const bpms = answer.body.data.map((track) => track.bpm);
    expect(bpms).toEqual([...bpms].sort((a, b) => a - b));
    for (const track of answer.body.data) {
      expect(track.genres).toContain("Jazz");
      expect(track.bpm).toBeGreaterThanOrEqual(80);
    }
  });

  it("pages editorial results with cursors", async () => {
    const first = await sandbox.call<{ data: Array<{ id: string }>; next?: string; total_count: number }>(
      "/v2/editorial/images/search",
      { auth: "basic", query: { country: "USA", per_page: 10, sort: "newest" } },
    );
    expect(first.body.next).toBeTypeOf("string");
    const second = await sandbox.call<{ data: Array<{ id: string }>; prev?: string }>(
      "/v2/editorial/images/search",
      {
        auth: "basic",
        query: { country: "USA", per_page: 10, sort: "newest", cursor: first.body.next ?? "" },
      },
    );
    expect(second.body.prev).toBeTypeOf("string");
    expect(second.body.data.map((item) => item.id)).not.toEqual(first.body.data.map((item) => item.id));
    const bad = await sandbox.call("/v2/editorial/images/search", {
      auth: "basic",
      query: { country: "USA", cursor: "nope" },
    });
    expect(bad.status).toBe(400);
  });

  it("hides editorial items not cleared for the country", async () => {
    const restricted = [...catalog.editorialImages].find(
      (item) => item.restrictedIn.length > 0 && !item.updates.includes("takedown"),
    );
    expect(restricted).toBeDefined();
    const country = restricted?.restrictedIn[0] ?? "GBR";
    const there = await sandbox.call(`/v2/editorial/images/${restricted?.id}`, {
      auth: "basic",
      query: { country },
    });
    expect(there.status).toBe(404);
    const elsewhere = await sandbox.call(`/v2/editorial/images/${restricted?.id}`, {
      auth: "basic",
      query: { country: "BRA" },
    });
    expect(elsewhere.status).toBe(200);
  });

  it("suggests keywords by prefix and from text", async () => {
    const prefix = await sandbox.call<{ data: string[] }>("/v2/images/search/suggestions", {
      auth: "basic",
      query: { query: "hex", limit: 3 },
    });
    expect(prefix.body.data).toContain("hexagon");
    const text = await sandbox.call<{ keywords: string[] }>("/v2/images/search/suggestions", {
      auth: "basic",
      body: { text: "I need a purple heart on a dark background" },
    });
    expect(text.body.keywords).toEqual(expect.arrayContaining(["purple", "heart", "dark", "background"]));
  });
});
