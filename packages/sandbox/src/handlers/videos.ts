// Videos: search, details, similar videos (by key frames), suggestions, updates and categories; the
// user's video collections; featured video collections; video licences, downloads and history.
import { VIDEO_CATEGORIES } from "../catalog/vocab.ts";
import { presentVideo, videoSizes } from "../present/assets.ts";
import { paginate } from "../search/common.ts";
import type { HandlersOf } from "../world.ts";
import * as collections from "./shared/collections.ts";
import * as featured from "./shared/featured.ts";
import { suggest } from "./shared/keywords.ts";
import * as licensing from "./shared/licensing.ts";
import {
  iso,
  lookup,
  presentByIds,
  presentHits,
  randomSeed,
  SIMILAR_LIMIT,
  searchId,
} from "./shared/results.ts";
import { updatedWindow } from "./shared/updates.ts";
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

  getVideoCollectionList: ({ world, origin, params }) => collections.list(world, "videos", origin, params),
  createVideoCollection: ({ world, body, now }) => collections.create(world, "videos", body.name, now),
  getVideoCollection: ({ world, origin, params }) =>
    collections.presentCollection(
      collections.find(world, "videos", params.id, params.share_code),
      "videos",
      origin,
      params.embed,
    ),
  renameVideoCollection: ({ world, params, body, now }) =>
    collections.rename(world, "videos", params.id, body.name, now),
  deleteVideoCollection: ({ world, params }) => collections.remove(world, "videos", params.id),
  getVideoCollectionItems: ({ world, params }) => collections.items(world, "videos", params),
  addVideoCollectionItems: ({ world, params, body, now }) =>
    collections.addItems(world, "videos", params.id, body.items, now),
  deleteVideoCollectionItems: ({ world, params, now }) =>
    collections.removeItems(world, "videos", params.id, params.item_id, now),

  getFeaturedVideoCollectionList: ({ world, origin, params }) => {
    const list = world.catalog.featured.filter((record) => record.kind === "video");
    return {
      data: list.map((record) => featured.present(record, origin, params)),
      page: 1,
      per_page: list.length,
      total_count: list.length,
    };
  },
  getFeaturedVideoCollection: ({ world, origin, params }) =>
    featured.present(featured.find(world, params.id, "video"), origin, params),
  getFeaturedVideoCollectionItems: ({ world, params }) =>
    featured.items(featured.find(world, params.id, "video"), params),

  licenseVideos: async ({ world, origin, params, body, now }) => {
    const requests = body.videos.map((item): licensing.LicenseRequest => {
      const video = world.catalog.videoById.get(item.video_id);
      const size = item.size ?? params.size ?? "web";
      const subscriptionId = item.subscription_id ?? params.subscription_id;
      const problem =
        video === undefined
          ? `Video not found: ${item.video_id}`
          : !videoSizes(video).includes(size)
            ? `Video ${item.video_id} is not available in size ${size}`
            : video.isEditorial && item.editorial_acknowledgement !== true
              ? `Video ${item.video_id} is editorial: set editorial_acknowledgement to true`
              : undefined;
      return {
        kind: "videos",
        assetId: item.video_id,
        license: licensing.subscriptionLicense(world.queue.state, "videos", subscriptionId),
        size,
        format: "mov",
        subscriptionId,
        metadata: licensing.metadataOf(item.metadata),
        searchId: item.search_id ?? params.search_id,
        problem,
      };
    });
    return licensing.results(world, origin, await licensing.licenseAll(world, requests, now), "video_id");
  },
  downloadVideos: async ({ world, origin, params, body }) => {
    const license = licensing.findLicense(world, params.id, ["videos"]);
    return { url: await licensing.signedDownloadUrl(world, origin, license, body.size ?? license.size) };
  },
  getVideoLicenseList: ({ world, params }) => licensing.history(world, ["videos"], params.video_id, params),
} satisfies HandlersOf<"videos">;
