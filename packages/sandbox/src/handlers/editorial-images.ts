// Editorial images: cursor-paged search and details (shared/editorial.ts, with editorial video),
// livefeeds, categories, the updates feed, and editorial image licences.
import type { schemas } from "@shutterkit/core/generated";
import type { LivefeedRecord } from "../catalog/types.ts";
import { editorialAssetUrl, presentEditorial, presentEditorialUpdated } from "../present/assets.ts";
import { EDITORIAL_VARIANTS, variantSize } from "../present/sizes.ts";
import { paginate } from "../search/common.ts";
import { notFound } from "../server/errors.ts";
import type { HandlersOf, World } from "../world.ts";
import * as editorial from "./shared/editorial.ts";
import * as licensing from "./shared/licensing.ts";
import { iso, searchId } from "./shared/results.ts";

const findFeed = (world: World, id: string): LivefeedRecord => {
  const feed = world.catalog.livefeedById.get(id);
  if (feed === undefined || feed.kind !== "editorial-image") throw notFound(`Livefeed not found: ${id}`);
  return feed;
};

const presentFeed = (
  world: World,
  feed: LivefeedRecord,
  origin: string,
  country: string,
): schemas.EditorialLivefeed => {
  const items = feed.itemIds.flatMap((id) => {
    const record = world.catalog.editorialById.get(id);
    return record !== undefined && editorial.available(record, country) ? [record] : [];
  });
  const cover = items[0];
  return {
    id: feed.id,
    name: feed.name,
    created_time: iso(feed.created),
    total_item_count: items.length,
    ...(cover === undefined
      ? {}
      : {
          cover_item: {
            id: cover.id,
            url: editorialAssetUrl(origin, cover.id, "thumb_170"),
            ...variantSize(cover.picture, EDITORIAL_VARIANTS.thumb_170),
          },
        }),
  };
};

const feedList = (
  world: World,
  origin: string,
  params: {
    readonly country: string;
    readonly page?: number | undefined;
    readonly per_page?: number | undefined;
  },
) => {
  const feeds = world.catalog.livefeeds
    .filter((feed) => feed.kind === "editorial-image")
    .sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1));
  const page = paginate(feeds, params.page, params.per_page);
  return { ...page, data: page.data.map((feed) => presentFeed(world, feed, origin, params.country)) };
};

const feedItems = (
  world: World,
  origin: string,
  params: { readonly id: string; readonly country: string },
) => {
  const feed = findFeed(world, params.id);
  const items = feed.itemIds.flatMap((id) => {
    const record = world.catalog.editorialById.get(id);
    return record !== undefined && editorial.available(record, params.country)
      ? [presentEditorial(record, origin)]
      : [];
  });
  return { data: items, page: 1, per_page: items.length, total_count: items.length };
};

interface UpdatedParams {
  readonly type: "edit" | "addition";
  readonly date_updated_start: string;
  readonly date_updated_end: string;
  readonly date_taken_start?: string | undefined;
  readonly date_taken_end?: string | undefined;
  readonly cursor?: string | undefined;
  readonly sort?: string | undefined;
  readonly supplier_code?: ReadonlyArray<string> | undefined;
  readonly country: string;
  readonly per_page?: number | undefined;
}

const updated = (world: World, origin: string, params: UpdatedParams): schemas.EditorialUpdatedResults => {
  const from = editorial.dayBound("date_updated_start", params.date_updated_start, false) ?? 0;
  const to =
    editorial.dayBound("date_updated_end", params.date_updated_end, true) ?? Number.POSITIVE_INFINITY;
  const takenFrom = editorial.dayBound("date_taken_start", params.date_taken_start, false);
  const takenTo = editorial.dayBound("date_taken_end", params.date_taken_end, true);
  const suppliers = params.supplier_code?.map((code) => code.toUpperCase());
  const list = world.catalog.editorialImages
    .filter(
      (record) =>
        record.updated >= from &&
        record.updated < to &&
        record.updates.includes(params.type) &&
        !record.restrictedIn.includes(params.country.toUpperCase()) &&
        (takenFrom === undefined || record.taken >= takenFrom) &&
        (takenTo === undefined || record.taken < takenTo) &&
        (suppliers === undefined || suppliers.length === 0 || suppliers.includes(record.supplierCode)),
    )
    .sort(
      (a, b) =>
        (params.sort === "oldest" ? a.updated - b.updated : b.updated - a.updated) || (a.id < b.id ? -1 : 1),
    );
  const page = editorial.cursorPage(list, params.cursor, params.per_page ?? 500);
  return { ...page, data: page.data.map((record) => presentEditorialUpdated(record, origin)) };
};

const searchEditorialImages: HandlersOf<"editorial_images">["searchEditorialImages"] = ({
  world,
  origin,
  params,
}) => {
  const found = editorial.search(world, "editorial-images", params);
  const page = editorial.cursorPage(found, params.cursor, params.per_page ?? 20);
  return {
    ...page,
    data: page.data.map((record) => presentEditorial(record, origin)),
    total_count: found.length,
    search_id: searchId(),
  };
};

export const editorialImageHandlers = {
  searchEditorialImages,
  // The contract's older name for the same search (deprecated), with the same parameters.
  searchEditorial: searchEditorialImages,
  getEditorialImage: ({ world, origin, params }) =>
    presentEditorial(editorial.findItem(world, params.id, params.country, "editorial-image"), origin),
  getEditorial: ({ world, origin, params }) =>
    presentEditorial(editorial.findItem(world, params.id, params.country, "editorial-image"), origin),
  listEditorialImageCategories: editorial.categories,
  getEditorialCategories: editorial.categories,
  getEditorialImageLivefeedList: ({ world, origin, params }) => feedList(world, origin, params),
  getEditorialLivefeedList: ({ world, origin, params }) => feedList(world, origin, params),
  getEditorialImageLivefeed: ({ world, origin, params }) =>
    presentFeed(world, findFeed(world, params.id), origin, params.country),
  getEditorialLivefeed: ({ world, origin, params }) =>
    presentFeed(world, findFeed(world, params.id), origin, params.country),
  getEditorialImageLivefeedItems: ({ world, origin, params }) => feedItems(world, origin, params),
  getEditorialLivefeedItems: ({ world, origin, params }) => feedItems(world, origin, params),
  getUpdatedEditorialImages: ({ world, origin, params }) => updated(world, origin, params),
  getUpdatedEditorialImage: ({ world, origin, params }) => updated(world, origin, params),

  licenseEditorialImages: async ({ world, origin, body, now }) => {
    const requests = body.editorial.map((item): licensing.LicenseRequest => {
      const record = world.catalog.editorialById.get(item.editorial_id);
      const problem =
        record === undefined || record.kind !== "editorial-image"
          ? `Editorial image not found: ${item.editorial_id}`
          : record.restrictedIn.includes(body.country.toUpperCase()) || record.updates.includes("takedown")
            ? `Editorial image ${item.editorial_id} is not available in ${body.country}`
            : undefined;
      return {
        kind: "editorial-images",
        assetId: item.editorial_id,
        license: item.license,
        size: item.size ?? "original",
        format: "jpg",
        metadata: licensing.metadataOf(item.metadata),
        problem,
      };
    });
    const outcomes = await licensing.licenseAll(world, requests, now);
    return licensing.editorialResults(world, origin, outcomes);
  },
  licenseEditorialImage: async ({ world, origin, body, now }) => {
    const requests = body.editorial.map((item): licensing.LicenseRequest => {
      const record = world.catalog.editorialById.get(item.editorial_id);
      return {
        kind: "editorial-images",
        assetId: item.editorial_id,
        license: item.license,
        size: item.size ?? "original",
        format: "jpg",
        metadata: licensing.metadataOf(item.metadata),
        problem:
          record === undefined || record.kind !== "editorial-image"
            ? `Editorial image not found: ${item.editorial_id}`
            : undefined,
      };
    });
    return licensing.editorialResults(world, origin, await licensing.licenseAll(world, requests, now));
  },
  getEditorialImageLicenseList: ({ world, params }) =>
    licensing.history(world, ["editorial-images"], params.image_id, params),
} satisfies HandlersOf<"editorial_images">;
