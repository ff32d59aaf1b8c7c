// Editorial, shared by the editorial images and editorial video operations: cursor-paged search,
// details and categories. Every call names the country of use; items not cleared there are hidden.
import type { EditorialRecord } from "../../catalog/types.ts";
import { EDITORIAL_CATEGORIES } from "../../catalog/vocab.ts";
import { decodeBase64, encodeBase64 } from "../../media/base64.ts";
import { DAY_MS, parseDateTime } from "../../search/common.ts";
import { invalidField, notFound } from "../../server/errors.ts";
import type { World } from "../../world.ts";
import { byScore } from "./results.ts";

export const available = (record: EditorialRecord, country: string): boolean =>
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
export const cursorPage = <T>(items: ReadonlyArray<T>, cursor: string | undefined, perPage: number) => {
  const offset = decodeCursor(cursor);
  const data = items.slice(offset, offset + perPage);
  return {
    data,
    per_page: perPage,
    ...(offset + perPage < items.length ? { next: encodeCursor(offset + perPage) } : {}),
    ...(offset > 0 ? { prev: encodeCursor(Math.max(0, offset - perPage)) } : {}),
  };
};

export const dayBound = (name: string, value: string | undefined, end: boolean): number | undefined => {
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

export const search = (
  world: World,
  kind: "editorial-images" | "editorial-videos",
  params: EditorialSearch,
) => {
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

export const findItem = (
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

export const categories = () => ({ data: EDITORIAL_CATEGORIES.map((name) => ({ name })) });
