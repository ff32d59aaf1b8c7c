// Pieces every search shares: pagination, sort orders, date and colour filters.
import { makeRng } from "../random.ts";
import { invalidField } from "../server/errors.ts";

export interface Page<T> {
  readonly data: T[];
  readonly page: number;
  readonly per_page: number;
  readonly total_count: number;
}

export const paginate = <T>(items: ReadonlyArray<T>, page = 1, perPage = 20): Page<T> => {
  const start = (page - 1) * perPage;
  return {
    data: items.slice(start, start + perPage),
    page,
    per_page: perPage,
    total_count: items.length,
  };
};

/** Deterministic shuffle: the same seed gives the same order on every page of a random search. */
export const seededShuffle = <T>(items: ReadonlyArray<T>, seed: string): T[] => {
  const rng = makeRng(seed);
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = rng.int(0, index);
    const held = out[index] as T;
    out[index] = out[other] as T;
    out[other] = held;
  }
  return out;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a `YYYY-MM-DD` parameter to the UTC start of that day (ms), or answers 400. */
export const parseDay = (name: string, value: string, where = "query"): number => {
  const match = DATE.exec(value);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  const date = new Date(time);
  if (
    !match ||
    Number.isNaN(time) ||
    date.getUTCFullYear() !== Number(match[1]) ||
    date.getUTCMonth() !== Number(match[2]) - 1
  ) {
    throw invalidField(
      `$.${where}.${name}`,
      `Invalid date at $.${where}.${name}: expected YYYY-MM-DD`,
      value,
    );
  }
  return time;
};

/** Parses a date or date-time parameter (`YYYY-MM-DD` or ISO 8601), or answers 400. */
export const parseDateTime = (name: string, value: string, where = "query"): number => {
  if (DATE.test(value)) return parseDay(name, value, where);
  const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw invalidField(
      `$.${where}.${name}`,
      `Invalid date at $.${where}.${name}: expected YYYY-MM-DD or an ISO 8601 date-time`,
      value,
    );
  }
  return time;
};

export const DAY_MS = 86_400_000;

export interface DateRange {
  readonly from?: number;
  readonly to?: number;
}

/**
 * `added_date` (on or after that day, as the API documents), `added_date_start` (inclusive) and
 * `added_date_end` (exclusive).
 */
export const addedRange = (params: {
  readonly added_date?: string | undefined;
  readonly added_date_start?: string | undefined;
  readonly added_date_end?: string | undefined;
}): DateRange => {
  let from: number | undefined;
  let to: number | undefined;
  if (params.added_date !== undefined) from = parseDay("added_date", params.added_date);
  if (params.added_date_start !== undefined) {
    const start = parseDay("added_date_start", params.added_date_start);
    from = from === undefined ? start : Math.max(from, start);
  }
  if (params.added_date_end !== undefined) to = parseDay("added_date_end", params.added_date_end);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
};

export const inRange = (time: number, range: DateRange): boolean =>
  (range.from === undefined || time >= range.from) && (range.to === undefined || time < range.to);

export type Rgb = readonly [number, number, number];

export const hexToRgb = (hex: string): Rgb | undefined => {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return undefined;
  const value = Number.parseInt(match[1] ?? "0", 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
};

/** Perceptual RGB distance ("redmean"), 0 to about 765. */
export const colorDistance = (a: Rgb, b: Rgb): number => {
  const mean = (a[0] + b[0]) / 2;
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return Math.sqrt((2 + mean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - mean) / 256) * db * db);
};

export const saturation = (rgb: Rgb): number => {
  const max = Math.max(...rgb);
  const min = Math.min(...rgb);
  return max === 0 ? 0 : (max - min) / max;
};

/** How close an asset's palette is to a colour query: 0 is a perfect match, undefined is no match. */
export const colorMatch = (query: string, palette: ReadonlyArray<Rgb>): number | undefined => {
  if (query.toLowerCase() === "grayscale") {
    const worst = Math.max(0, ...palette.map(saturation));
    return worst <= 0.18 ? worst : undefined;
  }
  const target = hexToRgb(query);
  if (target === undefined) return undefined;
  const best = Math.min(Number.POSITIVE_INFINITY, ...palette.map((color) => colorDistance(color, target)));
  return best <= 150 ? best : undefined;
};

/** Validates the `color` parameter: six hex digits or `grayscale`. */
export const checkColor = (value: string | undefined): void => {
  if (value === undefined || value.toLowerCase() === "grayscale" || hexToRgb(value) !== undefined) return;
  throw invalidField(
    "$.query.color",
    "Invalid color at $.query.color: expected a hex colour such as 4F21EA, or grayscale",
    value,
  );
};

const INTERVAL = /^(\d+)\s+(MINUTE|HOUR|DAY|WEEK|MONTH)S?$/i;
const UNIT_MS: Record<string, number> = {
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: DAY_MS,
  WEEK: 7 * DAY_MS,
  MONTH: 30 * DAY_MS,
};

/** Parses `interval` ("1 HOUR", "3 DAY") to milliseconds, or answers 400. */
export const parseInterval = (value: string): number => {
  const match = INTERVAL.exec(value.trim());
  if (!match) {
    throw invalidField(
      "$.query.interval",
      'Invalid interval at $.query.interval: expected "<number> MINUTE|HOUR|DAY|WEEK|MONTH"',
      value,
    );
  }
  return Number(match[1]) * (UNIT_MS[(match[2] ?? "").toUpperCase()] ?? 0);
};

/** A stable string hash (FNV-1a), for seeds derived from requests. */
export const hashString = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};
