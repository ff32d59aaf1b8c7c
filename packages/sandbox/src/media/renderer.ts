// Renders the bytes behind every media URL on demand and keeps recent ones in a byte-bounded LRU.

import { LRUCache } from "lru-cache";
import type { AudioRecord, EditorialRecord, ImageRecord, SfxRecord, VideoRecord } from "../catalog/types.ts";
import { encodeJpeg, encodePng } from "../imaging/codec.ts";
import type { PictureSpec, RgbaImage } from "../imaging/picture.ts";
import { renderPicture, renderVideoFrames } from "../imaging/render.ts";
import { editorialVideoFullSize, previewSeconds, videoFullSize } from "../present/assets.ts";
import {
  EDITORIAL_VARIANTS,
  type EditorialVariant,
  IMAGE_VARIANTS,
  type ImageVariant,
  type Size,
  VIDEO_FRAME_COUNT,
  VIDEO_STILLS,
  variantSize,
} from "../present/sizes.ts";
import { encodeWav, peaks, SAMPLE_RATE, synthesize } from "./audio.ts";

export interface MediaFile {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

const jpeg = (image: RgbaImage, quality = 85): MediaFile => ({
  bytes: encodeJpeg(image, quality),
  contentType: "image/jpeg",
});

const png = (image: RgbaImage): MediaFile => ({ bytes: encodePng(image), contentType: "image/png" });

const wav = (samples: Float32Array): MediaFile => ({ bytes: encodeWav(samples), contentType: "audio/wav" });

const WAVEFORM: Size = { width: 600, height: 80 };

/** Draws a waveform strip (bars of the peak amplitude per column) as RGBA. */
const drawWaveform = (samples: Float32Array): RgbaImage => {
  const { width, height } = WAVEFORM;
  const data = new Uint8ClampedArray(width * height * 4);
  const columns = peaks(samples, width);
  const middle = height / 2;
  for (let x = 0; x < width; x++) {
    const reach = Math.max(1, (columns[x] ?? 0) * middle);
    for (let y = 0; y < height; y++) {
      const inside = Math.abs(y + 0.5 - middle) <= reach;
      const offset = (y * width + x) * 4;
      data[offset] = inside ? 40 : 255;
      data[offset + 1] = inside ? 110 : 255;
      data[offset + 2] = inside ? 200 : 255;
      data[offset + 3] = inside ? 255 : 0;
    }
  }
  return { width, height, data };
};

export class MediaRenderer {
  /**
   * Rendered files by key, bounded by total bytes. `fetch` renders a missing file once however many
   * requests ask for it at the same time; the render to run travels as the fetch context.
   */
  private readonly cache: LRUCache<string, MediaFile, () => Promise<MediaFile> | MediaFile>;

  constructor(maxBytes = 96 * 1024 * 1024) {
    this.cache = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (file) => Math.max(1, file.bytes.byteLength),
      fetchMethod: async (_key, _stale, { context }) => context(),
    });
  }

  get cachedEntries(): number {
    return this.cache.size;
  }

  private cached(key: string, render: () => Promise<MediaFile> | MediaFile): Promise<MediaFile> {
    return this.cache.fetch(key, { context: render }).then((file) => {
      if (file === undefined) throw new Error(`rendering ${key} produced nothing`);
      return file;
    });
  }

  picture(key: string, spec: PictureSpec, size: Size, quality = 85): Promise<MediaFile> {
    return this.cached(`${key}@${size.width}x${size.height}q${quality}`, () =>
      jpeg(renderPicture(spec, size.width, size.height), quality),
    );
  }

  imageVariant(record: ImageRecord, variant: ImageVariant): Promise<MediaFile> {
    const size = variantSize(record.picture, IMAGE_VARIANTS[variant]);
    return this.picture(`image/${record.id}`, record.picture.spec, size);
  }

  editorialVariant(record: EditorialRecord, variant: EditorialVariant): Promise<MediaFile> {
    const full = record.kind === "editorial-video" ? editorialVideoFullSize(record) : record.picture;
    const size = variantSize(full, EDITORIAL_VARIANTS[variant]);
    return this.picture(`editorial/${record.id}`, { ...record.picture.spec, ...full }, size);
  }

  videoStill(record: VideoRecord, still: "thumb" | "preview"): Promise<MediaFile> {
    const size = variantSize(videoFullSize(record), VIDEO_STILLS[still]);
    return this.picture(`video/${record.id}`, record.picture.spec, size);
  }

  videoFrame(record: VideoRecord, frame: number): Promise<MediaFile> {
    const size = variantSize(videoFullSize(record), VIDEO_STILLS.frame);
    return this.cached(`video/${record.id}/frame/${frame}`, () => {
      const frames = renderVideoFrames(record.picture.spec, VIDEO_FRAME_COUNT, size.width, size.height);
      return jpeg(frames[Math.min(frame, frames.length - 1)] ?? frames[0]!);
    });
  }

  audioPreview(record: AudioRecord | SfxRecord): Promise<MediaFile> {
    return this.cached(`${record.kind}/${record.id}/preview`, () =>
      wav(this.samples(record, record.kind === "audio" ? previewSeconds(record.duration) : record.duration)),
    );
  }

  audioFull(record: AudioRecord | SfxRecord): Promise<MediaFile> {
    return this.cached(`${record.kind}/${record.id}/full`, () => wav(this.samples(record, record.duration)));
  }

  waveform(record: AudioRecord | SfxRecord): Promise<MediaFile> {
    return this.cached(`${record.kind}/${record.id}/waveform`, () =>
      png(
        drawWaveform(
          this.samples(record, record.kind === "audio" ? previewSeconds(record.duration) : record.duration),
        ),
      ),
    );
  }

  /** A custom-music render: a tune seeded by the render id. */
  renderedMusic(id: string, seconds: number, bpm: number): Promise<MediaFile> {
    return this.cached(`render/${id}`, () => wav(synthesize({ seed: id, kind: "music", seconds, bpm })));
  }

  private samples(record: AudioRecord | SfxRecord, seconds: number): Float32Array {
    return synthesize({
      seed: `${record.kind}/${record.id}`,
      kind: record.kind === "audio" ? "music" : "sfx",
      seconds,
      ...(record.kind === "audio" ? { bpm: record.bpm } : {}),
    });
  }
}

export const AUDIO_SAMPLE_RATE = SAMPLE_RATE;
