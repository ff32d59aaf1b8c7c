import { IMAGE_CATEGORIES } from "../catalog/vocab.ts";
import { presentImage } from "../present/assets.ts";
import { DAY_MS, paginate, parseDateTime, parseInterval } from "../search/common.ts";
import { tokenize, words } from "../search/text.ts";
import type { Handlers } from "../world.ts";
import { byScore, iso, lookup, presentByIds, presentHits, randomSeed, searchId } from "./shared/results.ts";
import { searchImageRecords } from "./shared/visual-filters.ts";

/** Similar-asset searches rank the whole catalog but report at most this many results. */
export const SIMILAR_LIMIT = 200;

/** Distinct keywords with how many assets carry them, most common first. */
const keywordCounts = (lists: Iterable<ReadonlyArray<string>>): Array<[string, number]> => {
  const counts = new Map<string, number>();
  for (const list of lists) for (const keyword of list) counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
};

export const suggest = (lists: Iterable<ReadonlyArray<string>>, query: string, limit: number): string[] => {
  const prefix = query.trim().toLowerCase();
  if (prefix.length === 0) return [];
  return keywordCounts(lists)
    .filter(
      ([keyword]) => keyword.startsWith(prefix) || keyword.split(" ").some((word) => word.startsWith(prefix)),
    )
    .slice(0, limit)
    .map(([keyword]) => keyword);
};

/** Catalog keywords that occur in a text, most specific (longest) first. */
export const keywordsInText = (lists: Iterable<ReadonlyArray<string>>, text: string): string[] => {
  const present = new Set(tokenize(text));
  const raw = new Set(words(text));
  return keywordCounts(lists)
    .map(([keyword]) => keyword)
    .filter((keyword) => {
      const parts = tokenize(keyword);
      return parts.length > 0 && parts.every((part) => present.has(part) || raw.has(part));
    })
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
};

export const updatedWindow = (
  params: {
    readonly start_date?: string | undefined;
    readonly end_date?: string | undefined;
    readonly interval?: string | undefined;
  },
  now: Date,
): { from: number; to: number } => {
  if (params.start_date !== undefined || params.end_date !== undefined) {
    const from = params.start_date === undefined ? 0 : parseDateTime("start_date", params.start_date);
    const to =
      params.end_date === undefined
        ? now.getTime()
        : /T/.test(params.end_date)
          ? parseDateTime("end_date", params.end_date)
          : parseDateTime("end_date", params.end_date) + DAY_MS;
    return { from, to };
  }
  return { from: now.getTime() - parseInterval(params.interval ?? "1 HOUR"), to: now.getTime() };
};

const jaccard = (a: ReadonlySet<string>, b: ReadonlyArray<string>): number => {
  let shared = 0;
  for (const item of b) if (a.has(item)) shared++;
  return shared / (a.size + b.length - shared || 1);
};

export const imageHandlers = {
  searchImages: ({ params, world, origin, url }) => {
    const records = searchImageRecords(world.catalog, params, randomSeed(world.catalog.seed, url));
    const page = paginate(records, params.page, params.per_page);
    return {
      ...page,
      data: page.data.map((record) => presentImage(record, origin, params.view ?? "minimal")),
      search_id: searchId(),
    };
  },

  bulkSearchImages: ({ params, body, world, origin, url }) => ({
    bulk_search_id: searchId(),
    results: body.map((search, index) => {
      const merged = { ...params, ...search };
      const records = searchImageRecords(
        world.catalog,
        merged,
        `${randomSeed(world.catalog.seed, url)}#${index}`,
      );
      const page = paginate(records, merged.page, merged.per_page);
      return {
        ...page,
        data: page.data.map((record) => presentImage(record, origin, merged.view ?? "minimal")),
        search_id: searchId(),
      };
    }),
  }),

  getImage: ({ params, world, origin }) =>
    presentImage(lookup(world.catalog.imageById, params.id, "Image"), origin, params.view ?? "full"),

  getImageList: ({ params, world, origin }) =>
    presentByIds(params.id, world.catalog.imageById, "Image", (record) =>
      presentImage(record, origin, params.view ?? "minimal"),
    ),

  listSimilarImages: async ({ params, world, origin }) => {
    const record = lookup(world.catalog.imageById, params.id, "Image");
    const query = await world.visual.imageDescriptor(record.id);
    const neighbours =
      query === undefined
        ? []
        : await world.visual.similarImages(query, SIMILAR_LIMIT, (id) => {
            const candidate = world.catalog.imageById.get(id);
            return id !== record.id && candidate !== undefined && !candidate.isAdult;
          });
    return presentHits(neighbours, params.page, params.per_page, world.catalog.imageById, "Image", (record) =>
      presentImage(record, origin, params.view ?? "minimal"),
    );
  },

  getImageRecommendations: ({ params, world }) => {
    const seeds = params.id.map((id) => lookup(world.catalog.imageById, id, "Image"));
    const wanted = new Set(seeds.flatMap((record) => record.picture.keywords));
    const exclude = new Set(params.id);
    const ranked = world.catalog.images
      .filter((record) => !exclude.has(record.id) && (params.safe === false || !record.isAdult))
      .map((record) => ({
        id: record.id,
        score: jaccard(wanted, record.picture.keywords) + record.popularity * 0.05,
      }))
      .sort(byScore((entry) => entry.score))
      .slice(0, params.max_items ?? 20);
    return {
      data: ranked.map((entry) => ({ id: entry.id })),
      page: 1,
      per_page: ranked.length,
      total_count: ranked.length,
    };
  },

  getImageSuggestions: ({ params, world }) => ({
    data: suggest(
      world.catalog.images.map((record) => record.picture.keywords),
      params.query,
      params.limit ?? 10,
    ),
  }),

  getImageKeywordSuggestions: ({ body, world }) => ({
    keywords: keywordsInText(
      world.catalog.images.map((record) => record.picture.keywords),
      body.text,
    ).slice(0, 20),
  }),

  getUpdatedImages: ({ params, world, now }) => {
    const { from, to } = updatedWindow(params, now);
    const types = params.type;
    const updates = world.catalog.images
      .filter((record) => record.updated >= from && record.updated < to)
      .filter(
        (record) =>
          types === undefined || types.length === 0 || record.updates.some((kind) => types.includes(kind)),
      )
      .sort(
        (a, b) =>
          (params.sort === "oldest" ? a.updated - b.updated : b.updated - a.updated) ||
          (a.id < b.id ? -1 : 1),
      );
    const page = paginate(updates, params.page, params.per_page);
    return {
      ...page,
      data: page.data.map((record) => ({
        id: record.id,
        updated_time: iso(record.updated),
        updates: [...record.updates],
      })),
    };
  },

  listImageCategories: () => ({
    data: IMAGE_CATEGORIES.map((category) => ({ id: category.id, name: category.name })),
    page: 1,
    per_page: IMAGE_CATEGORIES.length,
    total_count: IMAGE_CATEGORIES.length,
  }),
} satisfies Partial<Handlers>;
