import { VIDEO_CATEGORIES } from "../catalog/vocab.ts";
import { presentVideo } from "../present/assets.ts";
import { paginate } from "../search/common.ts";
import type { Handlers } from "../world.ts";
import { SIMILAR_LIMIT, suggest, updatedWindow } from "./images.ts";
import { iso, lookup, presentByIds, presentHits, randomSeed, searchId } from "./shared/results.ts";
import { searchVideoRecords } from "./shared/visual-filters.ts";

export const videoHandlers = {
  searchVideos: ({ params, world, origin, url }) => {
    const { aspect_ratio, ...rest } = params;
    const records = searchVideoRecords(
      world.catalog,
      {
        ...rest,
        ...(aspect_ratio === undefined
          ? {}
          : {
              aspect_ratio: aspect_ratio === "43" ? "4_3" : aspect_ratio === "169" ? "16_9" : "nonstandard",
            }),
      },
      randomSeed(world.catalog.seed, url),
    );
    const page = paginate(records, params.page, params.per_page);
    return {
      ...page,
      data: page.data.map((record) => presentVideo(record, origin, params.view ?? "minimal")),
      search_id: searchId(),
    };
  },

  getVideo: ({ params, world, origin }) =>
    presentVideo(lookup(world.catalog.videoById, params.id, "Video"), origin, params.view ?? "full"),

  getVideoList: ({ params, world, origin }) =>
    presentByIds(params.id, world.catalog.videoById, "Video", (record) =>
      presentVideo(record, origin, params.view ?? "minimal"),
    ),

  findSimilarVideos: async ({ params, world, origin }) => {
    const record = lookup(world.catalog.videoById, params.id, "Video");
    const queries = await world.visual.videoDescriptors(record.id);
    const neighbours = await world.visual.similarVideos(queries, SIMILAR_LIMIT, (id) => {
      const candidate = world.catalog.videoById.get(id);
      return id !== record.id && candidate !== undefined && !candidate.isAdult;
    });
    return presentHits(neighbours, params.page, params.per_page, world.catalog.videoById, "Video", (record) =>
      presentVideo(record, origin, params.view ?? "minimal"),
    );
  },

  getVideoSuggestions: ({ params, world }) => ({
    data: suggest(
      world.catalog.videos.map((record) => record.picture.keywords),
      params.query,
      params.limit ?? 10,
    ),
  }),

  getUpdatedVideos: ({ params, world, now }) => {
    const { from, to } = updatedWindow(params, now);
    const updates = world.catalog.videos
      .filter((record) => record.updated >= from && record.updated < to)
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

  listVideoCategories: () => ({
    data: VIDEO_CATEGORIES.map((category) => ({ id: category.id, name: category.name })),
    page: 1,
    per_page: VIDEO_CATEGORIES.length,
    total_count: VIDEO_CATEGORIES.length,
  }),
} satisfies Partial<Handlers>;
