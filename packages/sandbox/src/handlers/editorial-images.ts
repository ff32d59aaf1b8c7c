// Editorial images and videos: cursor-paged search, details, livefeeds, categories and the updates
// feed. Every call names the country of use; items not cleared there are hidden from it.
import type { schemas } from "@shutterkit/core/generated";
import type { EditorialRecord, LivefeedRecord } from "../catalog/types.ts";
import { EDITORIAL_CATEGORIES } from "../catalog/vocab.ts";
import { decodeBase64, encodeBase64 } from "../media/base64.ts";
import {
  editorialAssetUrl,
  presentEditorial,
  presentEditorialUpdated,
  presentEditorialVideo,
} from "../present/assets.ts";
import { EDITORIAL_VARIANTS, variantSize } from "../present/sizes.ts";
import { DAY_MS, paginate, parseDateTime } from "../search/common.ts";
import { invalidField, notFound } from "../server/errors.ts";
import type { Handlers, World } from "../world.ts";
import { byScore, iso, searchId } from "./shared/results.ts";

const available = (record: EditorialRecord, country: string): boolean =>
  !record.restrictedIn.includes(country.toUpperCase()) && !record.updates.includes("takedown");

const encodeCursor = (offset: number): string =>
  encodeBase64(new TextEncoder().encode(`offset:${offset}`)).replace(/=+$/, "");

const decodeCursor = (cursor: string | undefined): number => {
  if (cursor === undefined) return 0;
  const bytes = decodeBase64(cursor);
  const match = bytes === undefined ? null : /^offset:(\d+)$/.exec(new TextDecoder().decode(bytes));
  if (match === null) throw invalidField("$.query.cursor", "Invalid cursor at $.query.cursor", cursor);
  return Number(match[1]);
};

/** Slices a result list at a cursor, with `next` / `prev` cursors as the API pages editorial results. */
const cursorPage = <T>(items: ReadonlyArray<T>, cursor: string | undefined, perPage: number) => {
  const offset = decodeCursor(cursor);
  const data = items.slice(offset, offset + perPage);
  return {
    data,
    per_page: perPage,
    ...(offset + perPage < items.length ? { next: encodeCursor(offset + perPage) } : {}),
    ...(offset > 0 ? { prev: encodeCursor(Math.max(0, offset - perPage)) } : {}),
  };
};

const dayBound = (name: string, value: string | undefined, end: boolean): number | undefined => {
  if (value === undefined) return undefined;
  const time = parseDateTime(name, value);
  return end && !value.includes("T") ? time + DAY_MS : time;
};

interface EditorialSearch {
  readonly query?: string | undefined;
  readonly sort?: string | undefined;
  readonly category?: string | undefined;
  readonly country: string;
  readonly supplier_code?: ReadonlyArray<string> | undefined;
  readonly date_start?: string | undefined;
  readonly date_end?: string | undefined;
  readonly resolution?: string | undefined;
  readonly fps?: number | undefined;
}

const search = (world: World, kind: "editorial-images" | "editorial-videos", params: EditorialSearch) => {
  const list = kind === "editorial-images" ? world.catalog.editorialImages : world.catalog.editorialVideos;
  const scores = params.query === undefined ? undefined : world.catalog.textIndex(kind).search(params.query);
  const from = dayBound("date_start", params.date_start, false);
  const to = dayBound("date_end", params.date_end, true);
  const category = params.category?.toLowerCase();
  const suppliers = params.supplier_code?.map((code) => code.toUpperCase());
  const candidates =
    scores === undefined
      ? list.map((record) => ({ record, text: 0, id: record.id }))
      : [...scores].map(([index, text]) => {
          const record = list[index] as EditorialRecord;
          return { record, text, id: record.id };
        });
  const found = candidates.filter(
    ({ record }) =>
      available(record, params.country) &&
      (category === undefined || record.category.toLowerCase() === category) &&
      (suppliers === undefined || suppliers.length === 0 || suppliers.includes(record.supplierCode)) &&
      (from === undefined || record.taken >= from) &&
      (to === undefined || record.taken < to) &&
      (params.fps === undefined || Math.abs((record.fps ?? 0) - params.fps) < 0.01) &&
      // Editorial clips are HD: a 4K filter finds none, lower resolutions find them all.
      params.resolution !== "4k",
  );
  const sort = params.sort ?? "relevant";
  found.sort(
    byScore(
      sort === "newest"
        ? (entry) => entry.record.taken
        : sort === "oldest"
          ? (entry) => -entry.record.taken
          : (entry) => entry.text * 10 + entry.record.popularity,
    ),
  );
  return found.map((entry) => entry.record);
};

const findItem = (
  world: World,
  id: string,
  country: string,
  kind: "editorial-image" | "editorial-video",
): EditorialRecord => {
  const record = world.catalog.editorialById.get(id);
  if (record === undefined || record.kind !== kind || !available(record, country)) {
    throw notFound(`Editorial ${kind === "editorial-image" ? "image" : "video"} not found: ${id}`);
  }
  return record;
};

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
    return record !== undefined && available(record, country) ? [record] : [];
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
    return record !== undefined && available(record, params.country)
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
  const from = dayBound("date_updated_start", params.date_updated_start, false) ?? 0;
  const to = dayBound("date_updated_end", params.date_updated_end, true) ?? Number.POSITIVE_INFINITY;
  const takenFrom = dayBound("date_taken_start", params.date_taken_start, false);
  const takenTo = dayBound("date_taken_end", params.date_taken_end, true);
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
  const page = cursorPage(list, params.cursor, params.per_page ?? 500);
  return { ...page, data: page.data.map((record) => presentEditorialUpdated(record, origin)) };
};

const categories = () => ({ data: EDITORIAL_CATEGORIES.map((name) => ({ name })) });

export const editorialHandlers = {
  searchEditorialImages: ({ world, origin, params }) => {
    const found = search(world, "editorial-images", params);
    const page = cursorPage(found, params.cursor, params.per_page ?? 20);
    return {
      ...page,
      data: page.data.map((record) => presentEditorial(record, origin)),
      total_count: found.length,
      search_id: searchId(),
    };
  },
  searchEditorial: ({ world, origin, params }) => {
    const found = search(world, "editorial-images", params);
    const page = cursorPage(found, params.cursor, params.per_page ?? 20);
    return {
      ...page,
      data: page.data.map((record) => presentEditorial(record, origin)),
      total_count: found.length,
      search_id: searchId(),
    };
  },
  searchEditorialVideos: ({ world, origin, params }) => {
    const found = search(world, "editorial-videos", params);
    const page = cursorPage(found, params.cursor, params.per_page ?? 20);
    return {
      ...page,
      data: page.data.map((record) => presentEditorialVideo(record, origin)),
      total_count: found.length,
      search_id: searchId(),
    };
  },
  getEditorialImage: ({ world, origin, params }) =>
    presentEditorial(findItem(world, params.id, params.country, "editorial-image"), origin),
  getEditorial: ({ world, origin, params }) =>
    presentEditorial(findItem(world, params.id, params.country, "editorial-image"), origin),
  getEditorialVideo: ({ world, origin, params }) =>
    presentEditorialVideo(findItem(world, params.id, params.country, "editorial-video"), origin),
  listEditorialImageCategories: categories,
  getEditorialCategories: categories,
  listEditorialVideoCategories: categories,
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
} satisfies Partial<Handlers>;
