/// <reference types="node" />
// Uploads decoded by sharp (libvips, native) where it is installed: 6.5x faster than jpeg-js on a
// 1024x768 JPEG (12 vs 78 ms, bench/jpeg-decode.ts, 2026-12-03), which is most of an upload's time. The portable checks
// (format, byte and pixel limits) run first, so both decoders refuse the same inputs. Node only.
import {
  DEFAULT_MAX_PIXELS,
  type DecodeLimits,
  ImageDecodeError,
  type ImageDecoder,
  inspectImage,
} from "./codec.ts";
import type { RgbaImage } from "./picture.ts";

/** sharp's decoder, or undefined when the optional `sharp` package cannot be loaded here. */
export const loadSharpDecoder = async (): Promise<ImageDecoder | undefined> => {
  let sharp: typeof import("sharp")["default"];
  try {
    sharp = (await import("sharp")).default;
  } catch {
    return undefined;
  }
  return async (bytes: Uint8Array, limits?: DecodeLimits): Promise<RgbaImage> => {
    inspectImage(bytes, limits);
    try {
      const { data, info } = await sharp(bytes, {
        failOn: "truncated",
        limitInputPixels: limits?.maxPixels ?? DEFAULT_MAX_PIXELS,
      })
        .toColourspace("srgb")
        .ensureAlpha()
        .raw({ depth: "uchar" })
        .toBuffer({ resolveWithObject: true });
      return {
        width: info.width,
        height: info.height,
        data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
      };
    } catch (error) {
      throw new ImageDecodeError("corrupt", error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
  };
};
