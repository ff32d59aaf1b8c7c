// Catalog records as the API shows them. URLs point at the sandbox's own media routes on the origin
// the request came in on, so every preview, thumbnail and waveform is a real file.
import type { schemas } from "@shutterkit/core/generated";
import type {
  AudioRecord,
  ContributorRecord,
  EditorialRecord,
  ImageRecord,
  SfxRecord,
  VideoRecord,
} from "../catalog/types.ts";
import {
  EDITORIAL_VARIANTS,
  type EditorialVariant,
  estimateJpegBytes,
  IMAGE_VARIANTS,
  type ImageVariant,
  type Size,
  VIDEO_FRAME_COUNT,
  VIDEO_RESOLUTIONS,
  type VideoSizeName,
  variantSize,
  videoRenditionSize,
} from "./sizes.ts";

export type View = "minimal" | "full";

const iso = (time: number): string => new Date(time).toISOString();
const day = (time: number): string => iso(time).slice(0, 10);
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export const mediaBase = (origin: string): string => `${origin}/sandbox/media`;

const thumbnail = (url: string, size: Size): schemas.Thumbnail => ({
  url,
  width: size.width,
  height: size.height,
});

const fullSize = (record: {
  readonly picture: { readonly width: number; readonly height: number };
}): Size => ({
  width: record.picture.width,
  height: record.picture.height,
});

const jpgDetails = (display: string, size: Size, licensable = true): schemas.ImageSizeDetails => ({
  display_name: display,
  width: size.width,
  height: size.height,
  dpi: 300,
  format: "jpg",
  file_size: estimateJpegBytes(size),
  is_licensable: licensable,
});

export const imageAssetUrl = (origin: string, id: string, variant: ImageVariant): string =>
  `${mediaBase(origin)}/images/${id}/${variant}.jpg`;

export const presentImage = (record: ImageRecord, origin: string, view: View = "minimal"): schemas.Image => {
  const full = fullSize(record);
  const previews = Object.fromEntries(
    (Object.keys(IMAGE_VARIANTS) as ImageVariant[]).map((variant) => [
      variant,
      thumbnail(imageAssetUrl(origin, record.id, variant), variantSize(full, IMAGE_VARIANTS[variant])),
    ]),
  ) as Record<ImageVariant, schemas.Thumbnail>;
  const base = {
    id: record.id,
    media_type: "image",
    aspect: round3(full.width / full.height),
    contributor: { id: record.contributorId },
    description: record.picture.title,
    image_type: record.imageType,
    has_model_release: record.hasModelRelease,
  };
  if (view === "minimal") return { ...base, assets: previews };
  const small = variantSize(full, { maxSide: 500 });
  const medium = variantSize(full, { maxSide: 1000 });
  return {
    ...base,
    added_date: day(record.added),
    assets: {
      ...previews,
      small_jpg: jpgDetails("Small", small),
      medium_jpg: jpgDetails("Med", medium),
      huge_jpg: jpgDetails("Huge", full),
      ...(record.imageType === "vector"
        ? {
            vector_eps: {
              display_name: "Vector",
              format: "eps",
              width: full.width,
              height: full.height,
              file_size: estimateJpegBytes(full),
              is_licensable: true,
            },
          }
        : {}),
    },
    categories: record.categories.map((category) => ({ id: category.id, name: category.name })),
    has_property_release: record.hasPropertyRelease,
    is_adult: record.isAdult,
    is_editorial: record.isEditorial,
    is_illustration: record.imageType !== "photo",
    keywords: [...record.picture.keywords],
    models: record.models.map((id) => ({ id })),
    model_releases: record.models.map((id) => ({ id })),
    releases: [],
    insights: { labels: [...record.picture.keywords.slice(0, 5)] },
  };
};

export const videoStillUrl = (origin: string, id: string, still: "thumb" | "preview"): string =>
  `${mediaBase(origin)}/videos/${id}/${still}.jpg`;

export const videoFrameUrl = (origin: string, id: string, frame: number): string =>
  `${mediaBase(origin)}/videos/${id}/frames/${frame}.jpg`;

const aspectRatioText = (size: Size): string => {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const divisor = gcd(size.width, size.height);
  return `${size.width / divisor}:${size.height / divisor}`;
};

/** The renditions a video offers, smallest first, up to its original resolution. */
export const videoSizes = (record: VideoRecord): VideoSizeName[] => {
  const order: VideoSizeName[] = ["web", "sd", "hd", "4k"];
  return order.slice(0, order.indexOf(record.resolution) + 1);
};

export const videoFullSize = (record: VideoRecord): Size =>
  videoRenditionSize(fullSize(record), record.resolution);

export const presentVideo = (record: VideoRecord, origin: string, view: View = "minimal"): schemas.Video => {
  const full = videoFullSize(record);
  const stills = {
    thumb_jpg: { url: videoStillUrl(origin, record.id, "thumb") },
    preview_jpg: { url: videoStillUrl(origin, record.id, "preview") },
    thumb_jpgs: {
      urls: Array.from({ length: VIDEO_FRAME_COUNT }, (_, frame) => videoFrameUrl(origin, record.id, frame)),
    },
  };
  const base = {
    id: record.id,
    media_type: "video",
    aspect: round3(full.width / full.height),
    aspect_ratio: aspectRatioText(full),
    contributor: { id: record.contributorId },
    description: record.picture.title,
    duration: record.duration,
    has_model_release: record.hasModelRelease,
  };
  if (view === "minimal") return { ...base, assets: stills };
  const renditions: Partial<Record<VideoSizeName, schemas.VideoSizeDetails>> = {};
  for (const name of videoSizes(record)) {
    const size = videoRenditionSize(full, name);
    renditions[name] = {
      display_name: VIDEO_RESOLUTIONS[name].display,
      format: VIDEO_RESOLUTIONS[name].format,
      fps: record.fps,
      width: size.width,
      height: size.height,
      file_size: Math.round(size.width * size.height * record.duration * 0.6),
      is_licensable: true,
    };
  }
  return {
    ...base,
    added_date: day(record.added),
    assets: { ...stills, ...renditions },
    categories: record.categories.map((category) => ({ id: category.id, name: category.name })),
    has_property_release: record.hasPropertyRelease,
    is_adult: record.isAdult,
    is_editorial: record.isEditorial,
    keywords: [...record.picture.keywords],
    models: record.models.map((id) => ({ id })),
  };
};

export const audioPreviewUrl = (origin: string, kind: "audio" | "sfx", id: string): string =>
  `${mediaBase(origin)}/${kind}/${id}/preview.wav`;

export const waveformUrl = (origin: string, kind: "audio" | "sfx", id: string): string =>
  `${mediaBase(origin)}/${kind}/${id}/waveform.png`;

/** Preview length in seconds: the whole clip for short ones, 30 s for songs. */
export const previewSeconds = (duration: number): number => Math.min(duration, 30);

const wavBytes = (seconds: number): number => 44 + Math.round(seconds * 16_000) * 2;

export const presentAudio = (record: AudioRecord, origin: string, view: View = "minimal"): schemas.Audio => {
  const assets: schemas.AudioAssets = {
    preview_mp3: {
      url: audioPreviewUrl(origin, "audio", record.id),
      file_size: wavBytes(previewSeconds(record.duration)),
    },
    waveform: { url: waveformUrl(origin, "audio", record.id) },
    clean_audio: { file_size: wavBytes(record.duration) },
  };
  const base = {
    id: record.id,
    media_type: "audio",
    contributor: { id: record.contributorId },
    title: record.title,
    description: record.description,
    duration: record.duration,
    bpm: record.bpm,
    genres: [...record.genres],
    moods: [...record.moods],
    instruments: [...record.instruments],
    is_instrumental: record.isInstrumental,
    assets,
  };
  if (view === "minimal") return base;
  return {
    ...base,
    added_date: day(record.added),
    published_time: iso(record.added),
    updated_time: iso(record.updated),
    album: { id: record.album.id, title: record.album.title },
    artists: record.artists.map((name) => ({ name })),
    keywords: [...record.keywords],
    is_adult: record.isAdult,
    language: "en",
    lyrics: "",
    isrc: "",
    recording_version: "",
    releases: [],
    similar_artists: [],
    vocal_description: record.vocalDescription,
  };
};

export const presentSfx = (record: SfxRecord, origin: string, view: View = "minimal"): schemas.SFX => {
  const base = {
    id: record.id,
    media_type: "sfx",
    contributor: { id: record.contributorId },
    title: record.title,
    description: record.description,
    duration: record.duration,
    assets: {
      preview_mp3: { url: audioPreviewUrl(origin, "sfx", record.id), file_size: wavBytes(record.duration) },
      waveform: { url: waveformUrl(origin, "sfx", record.id) },
    },
  };
  if (view === "minimal") return base;
  return {
    ...base,
    added_date: day(record.added),
    updated_time: iso(record.updated),
    artist: record.artist,
    keywords: [...record.keywords],
    releases: [],
  };
};

export const editorialAssetUrl = (origin: string, id: string, variant: EditorialVariant): string =>
  `${mediaBase(origin)}/editorial/${id}/${variant}.jpg`;

const editorialImageAssets = (record: EditorialRecord, origin: string): schemas.EditorialAssets => {
  const full = fullSize(record);
  const out: Record<string, schemas.Thumbnail | schemas.ImageSizeDetails> = {};
  for (const variant of Object.keys(EDITORIAL_VARIANTS) as EditorialVariant[]) {
    out[variant] = thumbnail(
      editorialAssetUrl(origin, record.id, variant),
      variantSize(full, EDITORIAL_VARIANTS[variant]),
    );
  }
  const sized = (display: string, size: Size) => ({
    display_name: display,
    width: size.width,
    height: size.height,
    is_licensable: true,
  });
  return {
    ...(out as Pick<schemas.EditorialAssets, EditorialVariant>),
    small_jpg: sized("Small", variantSize(full, { maxSide: 500 })),
    medium_jpg: sized("Med", variantSize(full, { maxSide: 1000 })),
    original: sized("Original", full),
  };
};

export const presentEditorial = (record: EditorialRecord, origin: string): schemas.EditorialContent => ({
  id: record.id,
  title: record.title,
  description: record.description,
  caption: record.caption,
  byline: record.byline,
  aspect: round3(record.picture.width / record.picture.height),
  categories: [{ name: record.category }],
  date_taken: iso(record.taken),
  keywords: [...record.keywords],
  special_instructions: "",
  assets: editorialImageAssets(record, origin),
});

export const editorialVideoFullSize = (record: EditorialRecord): Size =>
  videoRenditionSize({ width: record.picture.width, height: record.picture.height }, "hd");

export const presentEditorialVideo = (
  record: EditorialRecord,
  origin: string,
): schemas.EditorialVideoContent => {
  const full = editorialVideoFullSize(record);
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    caption: record.caption,
    byline: record.byline,
    aspect: round3(full.width / full.height),
    categories: [{ name: record.category }],
    date_taken: iso(record.taken),
    keywords: [...record.keywords],
    assets: {
      original: {
        display_name: "HD",
        format: "avc1",
        fps: record.fps ?? 25,
        width: full.width,
        height: full.height,
        file_size: Math.round(full.width * full.height * (record.duration ?? 10) * 0.6),
        is_licensable: true,
      },
      thumb_jpg: { url: `${mediaBase(origin)}/editorial/${record.id}/thumb_220.jpg` },
    },
  };
};

export const presentEditorialUpdated = (
  record: EditorialRecord,
  origin: string,
): schemas.EditorialUpdatedContent => ({
  ...presentEditorial(record, origin),
  created_time: iso(record.created),
  updated_time: iso(record.updated),
  updates: [...record.updates],
  supplier_code: record.supplierCode,
  commercial_status: record.updates.includes("takedown")
    ? { status: "unavailable", reason: "takedown" }
    : { status: "available" },
  rights: {
    countries:
      record.restrictedIn.length === 0
        ? "+*"
        : `${record.restrictedIn.map((code) => `-${code}`).join(",")},+*`,
  },
});

export const presentContributor = (record: ContributorRecord): schemas.ContributorProfile => ({
  id: record.id,
  display_name: record.displayName,
  about: record.about,
  contributor_type: [...record.types],
  equipment: [...record.equipment],
  styles: [...record.styles],
  subjects: [...record.subjects],
  location: record.country,
  portfolio_url: `https://example.com/portfolio/${record.slug}`,
  website: `https://example.com/${record.slug}`,
  social_media: {},
});
