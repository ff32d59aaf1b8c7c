// Rendition sizes the API reports for each asset, shared by the JSON presenters and the media routes
// that serve the pixels, so a thumbnail's declared width is the width of the bytes served.
import { fitWithin } from "../imaging/resize.ts";

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Image previews and thumbnails, by the asset key the API uses. */
export const IMAGE_VARIANTS = {
  small_thumb: { maxSide: 100 },
  large_thumb: { maxSide: 150 },
  huge_thumb: { maxHeight: 260 },
  preview: { maxSide: 450 },
  preview_1000: { maxSide: 1000 },
  preview_1500: { maxSide: 1500 },
} as const;
export type ImageVariant = keyof typeof IMAGE_VARIANTS;

/** Editorial previews. */
export const EDITORIAL_VARIANTS = {
  thumb_170: { maxSide: 170 },
  thumb_220: { maxSide: 220 },
  watermark_450: { maxSide: 450 },
  watermark_1500: { maxSide: 1500 },
} as const;
export type EditorialVariant = keyof typeof EDITORIAL_VARIANTS;

/** Video stills: `thumb` is small, `preview` large; frames are key frames for scrubbing. */
export const VIDEO_STILLS = {
  thumb: { maxSide: 320 },
  preview: { maxSide: 960 },
  frame: { maxSide: 320 },
} as const;
export type VideoStill = keyof typeof VIDEO_STILLS;
export const VIDEO_FRAME_COUNT = 6;

export const variantSize = (
  full: Size,
  variant: { readonly maxSide: number } | { readonly maxHeight: number },
): Size => {
  if ("maxHeight" in variant) {
    const height = Math.min(full.height, variant.maxHeight);
    return { width: Math.max(1, Math.round((full.width * height) / full.height)), height };
  }
  return fitWithin(full.width, full.height, variant.maxSide);
};

/** Licensable image sizes: longest side in pixels (`undefined` is the full original). */
export const IMAGE_DOWNLOAD_SIZES = {
  small: 500,
  medium: 1000,
  huge: undefined,
  supersize: undefined,
  custom: undefined,
  vector: undefined,
} as const;

export const VIDEO_RESOLUTIONS = {
  web: { height: 360, display: "Web", format: "mov" },
  sd: { height: 480, display: "Standard Definition MPEG", format: "mov" },
  hd: { height: 1080, display: "Original HD", format: "mov" },
  "4k": { height: 2160, display: "4K Ultra HD", format: "mov" },
} as const;
export type VideoSizeName = keyof typeof VIDEO_RESOLUTIONS;

/** The size of a video rendition: `height` is the short side, as video resolutions are named. */
export const videoRenditionSize = (full: Size, name: VideoSizeName): Size => {
  const short = Math.min(full.width, full.height);
  const scale = Math.min(1, VIDEO_RESOLUTIONS[name].height / short);
  return { width: Math.round(full.width * scale), height: Math.round(full.height * scale) };
};

/** A plausible JPEG size for the metadata; the real file is rendered on download. */
export const estimateJpegBytes = (size: Size): number => Math.round(size.width * size.height * 0.045 + 2048);
