// Search over images and videos: text relevance plus the filters and sort orders the API defines.
import type { Catalog } from "../../catalog/build.ts";
import type { ImageRecord, VideoRecord } from "../../catalog/types.ts";
import { videoFullSize } from "../../present/assets.ts";
import { addedRange, checkColor, colorMatch, inRange, seededShuffle } from "../../search/common.ts";
import { byScore } from "./results.ts";

export interface CommonFilters {
  readonly query?: string | undefined;
  readonly category?: string | undefined;
  readonly contributor?: ReadonlyArray<string> | undefined;
  readonly contributor_country?: ReadonlyArray<string> | undefined;
  readonly license?: ReadonlyArray<string> | undefined;
  readonly model?: ReadonlyArray<string> | undefined;
  readonly safe?: boolean | undefined;
  readonly people_number?: number | undefined;
  readonly people_age?: string | undefined;
  readonly people_gender?: string | undefined;
  readonly people_ethnicity?: ReadonlyArray<string> | undefined;
  readonly people_model_released?: boolean | undefined;
  readonly added_date?: string | undefined;
  readonly added_date_start?: string | undefined;
  readonly added_date_end?: string | undefined;
  readonly sort?: string | undefined;
}

export interface ImageFilters extends CommonFilters {
  readonly image_type?: ReadonlyArray<string> | undefined;
  readonly orientation?: string | undefined;
  readonly color?: string | undefined;
  readonly width?: number | undefined;
  readonly width_from?: number | undefined;
  readonly width_to?: number | undefined;
  readonly height?: number | undefined;
  readonly height_from?: number | undefined;
  readonly height_to?: number | undefined;
  readonly aspect_ratio?: number | undefined;
  readonly aspect_ratio_min?: number | undefined;
  readonly aspect_ratio_max?: number | undefined;
}

export interface VideoFilters extends CommonFilters {
  readonly aspect_ratio?: string | undefined;
  readonly duration?: number | undefined;
  readonly duration_from?: number | undefined;
  readonly duration_to?: number | undefined;
  readonly fps?: number | undefined;
  readonly fps_from?: number | undefined;
  readonly fps_to?: number | undefined;
  readonly resolution?: string | undefined;
}

type Asset = ImageRecord | VideoRecord;

const between = (value: number, from: number | undefined, to: number | undefined): boolean =>
  (from === undefined || value >= from) && (to === undefined || value <= to);

/** Filters every asset kind shares; the generated catalog has no people, so people filters say so. */
const commonPredicates = (filters: CommonFilters, catalog: Catalog): Array<(asset: Asset) => boolean> => {
  const out: Array<(asset: Asset) => boolean> = [];
  if (filters.safe !== false) out.push((asset) => !asset.isAdult);
  if (filters.category !== undefined) {
    const wanted = filters.category.toLowerCase();
    out.push((asset) =>
      asset.categories.some((category) => category.id === wanted || category.name.toLowerCase() === wanted),
    );
  }
  if (filters.contributor !== undefined && filters.contributor.length > 0) {
    const wanted = new Set(filters.contributor.map((value) => value.toLowerCase()));
    out.push((asset) => {
      const name = catalog.contributorById.get(asset.contributorId)?.displayName.toLowerCase();
      return wanted.has(asset.contributorId) || (name !== undefined && wanted.has(name));
    });
  }
  if (filters.contributor_country !== undefined && filters.contributor_country.length > 0) {
    const include = filters.contributor_country
      .filter((code) => !code.startsWith("NOT "))
      .map((c) => c.toUpperCase());
    const exclude = filters.contributor_country
      .filter((code) => code.startsWith("NOT "))
      .map((code) => code.slice(4).trim().toUpperCase());
    out.push(
      (asset) =>
        (include.length === 0 || include.includes(asset.contributorCountry)) &&
        !exclude.includes(asset.contributorCountry),
    );
  }
  if (filters.license !== undefined && filters.license.length > 0) {
    const licenses = filters.license;
    out.push((asset) =>
      licenses.some((license) => (license === "editorial" ? asset.isEditorial : !asset.isEditorial)),
    );
  }
  if (filters.model !== undefined && filters.model.length > 0) {
    const models = filters.model;
    out.push((asset) => models.some((model) => asset.models.includes(model)));
  }
  if (filters.people_number !== undefined) {
    const count = filters.people_number;
    out.push((asset) => asset.peopleNumber === count);
  }
  if (filters.people_model_released === true) out.push((asset) => asset.hasModelRelease);
  if (filters.people_age !== undefined || filters.people_gender !== undefined) {
    out.push((asset) => asset.peopleNumber > 0);
  }
  if (filters.people_ethnicity?.some((value) => !value.startsWith("NOT "))) {
    out.push((asset) => asset.peopleNumber > 0);
  }
  const range = addedRange(filters);
  if (range.from !== undefined || range.to !== undefined) out.push((asset) => inRange(asset.added, range));
  return out;
};

interface Ranked<T> {
  readonly records: T[];
}

const rank = <T extends Asset>(
  candidates: Array<{ record: T; text: number }>,
  sort: string | undefined,
  randomKey: string,
  defaultSort: string,
): Ranked<T> => {
  const order = sort ?? defaultSort;
  if (order === "random")
    return { records: seededShuffle(candidates, randomKey).map((entry) => entry.record) };
  type Entry = { readonly id: string; readonly record: T; readonly text: number };
  const score =
    order === "newest"
      ? (entry: Entry) => entry.record.added + entry.record.popularity
      : order === "relevance" || order === "relevant"
        ? (entry: Entry) => entry.text * 10 + entry.record.popularity
        : (entry: Entry) => entry.record.popularity;
  const keyed: Entry[] = candidates.map((entry) => ({ ...entry, id: entry.record.id }));
  keyed.sort(byScore(score));
  return { records: keyed.map((entry) => entry.record) };
};

export const searchImageRecords = (
  catalog: Catalog,
  filters: ImageFilters,
  randomKey: string,
): ImageRecord[] => {
  checkColor(filters.color);
  const predicates: Array<(asset: ImageRecord) => boolean> = commonPredicates(filters, catalog);
  if (filters.image_type !== undefined && filters.image_type.length > 0) {
    const types = filters.image_type;
    predicates.push((image) => types.includes(image.imageType));
  }
  if (filters.orientation !== undefined) {
    const horizontal = filters.orientation === "horizontal";
    predicates.push((image) =>
      horizontal ? image.picture.width > image.picture.height : image.picture.height > image.picture.width,
    );
  }
  const color = filters.color;
  if (color !== undefined) {
    predicates.push(
      (image) =>
        colorMatch(
          color,
          image.picture.colors.map((entry) => entry.rgb),
        ) !== undefined,
    );
  }
  if (filters.width !== undefined) predicates.push((image) => image.picture.width === filters.width);
  if (filters.height !== undefined) predicates.push((image) => image.picture.height === filters.height);
  if (filters.width_from !== undefined || filters.width_to !== undefined) {
    predicates.push((image) => between(image.picture.width, filters.width_from, filters.width_to));
  }
  if (filters.height_from !== undefined || filters.height_to !== undefined) {
    predicates.push((image) => between(image.picture.height, filters.height_from, filters.height_to));
  }
  const aspect = (image: ImageRecord) => image.picture.width / image.picture.height;
  if (filters.aspect_ratio !== undefined) {
    const wanted = filters.aspect_ratio;
    predicates.push((image) => Math.abs(aspect(image) - wanted) <= 0.01);
  }
  if (filters.aspect_ratio_min !== undefined || filters.aspect_ratio_max !== undefined) {
    predicates.push((image) => between(aspect(image), filters.aspect_ratio_min, filters.aspect_ratio_max));
  }
  const scores = filters.query === undefined ? undefined : catalog.textIndex("images").search(filters.query);
  const candidates: Array<{ record: ImageRecord; text: number }> = [];
  const consider = (record: ImageRecord, text: number) => {
    if (predicates.every((predicate) => predicate(record))) candidates.push({ record, text });
  };
  if (scores === undefined) for (const record of catalog.images) consider(record, 0);
  else for (const [index, text] of scores) consider(catalog.images[index] as ImageRecord, text);
  return rank(candidates, filters.sort, randomKey, "popular").records;
};

const VIDEO_RESOLUTION_RANK = { sd: 0, hd: 1, "4k": 2 } as const;

export const searchVideoRecords = (
  catalog: Catalog,
  filters: VideoFilters,
  randomKey: string,
): VideoRecord[] => {
  const predicates: Array<(asset: VideoRecord) => boolean> = commonPredicates(filters, catalog);
  if (filters.aspect_ratio !== undefined) {
    const wanted = filters.aspect_ratio;
    predicates.push((video) => {
      const size = videoFullSize(video);
      const ratio = size.width / size.height;
      const named: Record<string, number> = { "4_3": 4 / 3, "16_9": 16 / 9, nonstandard: Number.NaN };
      const target = named[wanted];
      return target === undefined || Number.isNaN(target)
        ? Math.abs(ratio - 4 / 3) > 0.01 && Math.abs(ratio - 16 / 9) > 0.01
        : Math.abs(ratio - target) <= 0.01;
    });
  }
  if (filters.duration !== undefined) predicates.push((video) => video.duration === filters.duration);
  if (filters.duration_from !== undefined || filters.duration_to !== undefined) {
    predicates.push((video) => between(video.duration, filters.duration_from, filters.duration_to));
  }
  if (filters.fps !== undefined) predicates.push((video) => Math.abs(video.fps - (filters.fps ?? 0)) < 0.01);
  if (filters.fps_from !== undefined || filters.fps_to !== undefined) {
    predicates.push((video) => between(video.fps, filters.fps_from, filters.fps_to));
  }
  if (filters.resolution !== undefined) {
    const wanted =
      filters.resolution === "high_definition"
        ? "hd"
        : filters.resolution === "standard_definition"
          ? "sd"
          : filters.resolution;
    const minimum = VIDEO_RESOLUTION_RANK[wanted as keyof typeof VIDEO_RESOLUTION_RANK] ?? 0;
    predicates.push((video) => VIDEO_RESOLUTION_RANK[video.resolution] >= minimum);
  }
  const scores = filters.query === undefined ? undefined : catalog.textIndex("videos").search(filters.query);
  const candidates: Array<{ record: VideoRecord; text: number }> = [];
  const consider = (record: VideoRecord, text: number) => {
    if (predicates.every((predicate) => predicate(record))) candidates.push({ record, text });
  };
  if (scores === undefined) for (const record of catalog.videos) consider(record, 0);
  else for (const [index, text] of scores) consider(catalog.videos[index] as VideoRecord, text);
  return rank(candidates, filters.sort, randomKey, "popular").records;
};
