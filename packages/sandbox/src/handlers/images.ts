// Images: search, details, similar images, recommendations, suggestions, updates and categories; the
// user's image collections; featured image collections; image licences, downloads and history.
import { IMAGE_CATEGORIES } from "../catalog/vocab.ts";
import { presentImage } from "../present/assets.ts";
import { paginate } from "../search/common.ts";
import type { HandlersOf } from "../world.ts";
import * as collections from "./shared/collections.ts";
import * as featured from "./shared/featured.ts";
import { keywordsInText, suggest } from "./shared/keywords.ts";
import * as licensing from "./shared/licensing.ts";
import {
  byScore,
  iso,
  lookup,
  presentByIds,
  presentHits,
  randomSeed,
  SIMILAR_LIMIT,
  searchId,
} from "./shared/results.ts";
import { updatedWindow } from "./shared/updates.ts";
import { searchImageRecords } from "./shared/visual-filters.ts";

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

  getImageCollectionList: ({ world, origin, params }) => collections.list(world, "images", origin, params),
  createImageCollection: ({ world, body, now }) => collections.create(world, "images", body.name, now),
  getImageCollection: ({ world, origin, params }) =>
    collections.presentCollection(
      collections.find(world, "images", params.id, params.share_code),
      "images",
      origin,
      params.embed,
    ),
  renameImageCollection: ({ world, params, body, now }) =>
    collections.rename(world, "images", params.id, body.name, now),
  deleteImageCollection: ({ world, params }) => collections.remove(world, "images", params.id),
  getImageCollectionItems: ({ world, params }) => collections.items(world, "images", params),
  addImageCollectionItems: ({ world, params, body, now }) =>
    collections.addItems(world, "images", params.id, body.items, now),
  deleteImageCollectionItems: ({ world, params, now }) =>
    collections.removeItems(world, "images", params.id, params.item_id, now),

  getFeaturedImageCollectionList: ({ world, origin, params }) => {
    const types = params.type;
    const list = world.catalog.featured.filter(
      (record) =>
        record.kind === "image" &&
        (types === undefined ||
          types.length === 0 ||
          record.itemIds.some((id) => {
            const image = world.catalog.imageById.get(id);
            return (
              image !== undefined &&
              types.some((type) =>
                type === "editorial"
                  ? image.isEditorial
                  : type === "vector"
                    ? image.imageType === "vector"
                    : image.imageType === "photo",
              )
            );
          })),
    );
    return {
      data: list.map((record) => featured.present(record, origin, params)),
      page: 1,
      per_page: list.length,
      total_count: list.length,
    };
  },
  getFeaturedImageCollection: ({ world, origin, params }) =>
    featured.present(featured.find(world, params.id, "image"), origin, params),
  getFeaturedImageCollectionItems: ({ world, params }) =>
    featured.items(featured.find(world, params.id, "image"), params),

  licenseImages: async ({ world, origin, params, body, now }) => {
    const requests = body.images.map((item): licensing.LicenseRequest => {
      const image = world.catalog.imageById.get(item.image_id);
      const size =
        item.size ?? params.size ?? (item.format === "eps" || params.format === "eps" ? "vector" : "huge");
      const subscriptionId = item.subscription_id ?? params.subscription_id;
      const editorialOk =
        image === undefined || !image.isEditorial || item.editorial_acknowledgement === true;
      const problem =
        image === undefined
          ? `Image not found: ${item.image_id}`
          : size === "vector" && image.imageType !== "vector"
            ? `Image ${item.image_id} is not available as a vector`
            : size === "custom" && !("custom_dimensions" in item && item.custom_dimensions !== undefined)
              ? "custom_dimensions is required for size custom"
              : !editorialOk
                ? `Image ${item.image_id} is editorial: set editorial_acknowledgement to true`
                : undefined;
      return {
        kind: "images",
        assetId: item.image_id,
        license: licensing.subscriptionLicense(world.queue.state, "images", subscriptionId),
        size,
        format: size === "vector" ? "eps" : "jpg",
        subscriptionId,
        metadata: licensing.metadataOf(item.metadata),
        searchId: item.search_id ?? params.search_id,
        problem,
      };
    });
    return licensing.results(world, origin, await licensing.licenseAll(world, requests, now), "image_id");
  },
  downloadImage: async ({ world, origin, params, body }) => {
    const license = licensing.findLicense(world, params.id, ["images"]);
    return { url: await licensing.signedDownloadUrl(world, origin, license, body.size ?? license.size) };
  },
  getImageLicenseList: ({ world, params }) => licensing.history(world, ["images"], params.image_id, params),
} satisfies HandlersOf<"images">;
