import { type DecodedPng, decode as decodePngData, encode as encodePngData } from "fast-png";
import jpeg from "jpeg-js";
import { encodeBaselineJpeg } from "./jpeg-encoder.ts";
import type { RgbaImage } from "./picture.ts";

export { fitWithin, resizeImage } from "./resize.ts";

export type ImageFormat = "jpeg" | "png";

export type ImageDecodeFailure = "unsupported_format" | "too_large" | "corrupt";

export class ImageDecodeError extends Error {
  readonly reason: ImageDecodeFailure;
  constructor(reason: ImageDecodeFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImageDecodeError";
    this.reason = reason;
  }
}

export interface DecodeLimits {
  /** Largest accepted input in bytes (default 10 MiB). */
  maxBytes?: number;
  /** Largest accepted width x height (default 40 megapixels). */
  maxPixels?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_PIXELS = 40_000_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean => {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
};

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/** Recognises the formats this module decodes, by their magic numbers. */
export const sniffImageFormat = (bytes: Uint8Array): ImageFormat | undefined => {
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  return undefined;
};

/** Names other well-known image formats, for a clearer error message. */
const otherFormat = (bytes: Uint8Array): string | undefined => {
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "GIF";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "WebP";
  if (startsWith(bytes, ascii("BM"))) return "BMP";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return "TIFF";
  if (startsWith(bytes, ascii("ftyp"), 4)) return "HEIF/AVIF";
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return "ICO";
  return undefined;
};

// ---------------------------------------------------------------------------------------------------
// Encoding

/** Lossless PNG (RGBA, 8 bits per channel), as a tight Uint8Array. */
export const encodePng = (image: RgbaImage): Uint8Array =>
  encodePngData({
    width: image.width,
    height: image.height,
    data: image.data,
    depth: 8,
    channels: 4,
  }).slice();

/**
 * Baseline JPEG (4:4:4), always a plain Uint8Array. Encoded here rather than with jpeg-js's encoder, which
 * rebuilds its tables on every call (15-20 ms of fixed cost per image) and finishes with
 * `Buffer.from(...)` whenever it runs as CommonJS (Node, Deno's npm support, bundlers), which throws a
 * ReferenceError where no global Buffer exists (workerd, browsers). jpeg-js still does the decoding.
 */
export const encodeJpeg = (image: RgbaImage, quality = 85): Uint8Array => encodeBaselineJpeg(image, quality);

// ---------------------------------------------------------------------------------------------------
// Header inspection (before any pixel is decoded)

const readU32 = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

const readU16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;

interface Header {
  readonly width: number;
  readonly height: number;
}

const pngHeader = (bytes: Uint8Array): Header => {
  // IHDR must be the first chunk: length 13 at offset 8, type at 12, width and height at 16 and 20.
  if (bytes.length < 33 || readU32(bytes, 8) !== 13 || !startsWith(bytes, ascii("IHDR"), 12)) {
    throw new ImageDecodeError("corrupt", "PNG has no valid IHDR header");
  }
  return { width: readU32(bytes, 16), height: readU32(bytes, 20) };
};

// SOF markers jpeg-js decodes: baseline, extended sequential and progressive Huffman.
const DECODABLE_SOF = new Set([0xc0, 0xc1, 0xc2]);
// Other SOF markers (lossless, hierarchical, arithmetic coding); C4 (DHT), C8 (JPG), CC (DAC) are not frames.
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

const jpegHeader = (bytes: Uint8Array): Header => {
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new ImageDecodeError("corrupt", `JPEG marker expected at byte ${at}`);
    while (at < bytes.length && bytes[at] === 0xff) at++;
    const marker = bytes[at];
    at++;
    if (marker === undefined) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9 || marker === 0xda) {
      throw new ImageDecodeError("corrupt", "JPEG has no frame header before its image data");
    }
    if (at + 2 > bytes.length) break;
    const length = readU16(bytes, at);
    if (length < 2) throw new ImageDecodeError("corrupt", "JPEG segment with an invalid length");
    if (DECODABLE_SOF.has(marker) || OTHER_SOF.has(marker)) {
      if (at + 7 > bytes.length) break;
      if (OTHER_SOF.has(marker)) {
        throw new ImageDecodeError(
          "unsupported_format",
          `JPEG coding process 0x${marker.toString(16)} (lossless/arithmetic/hierarchical) is not supported`,
        );
      }
      return { height: readU16(bytes, at + 3), width: readU16(bytes, at + 5) };
    }
    at += length;
  }
  throw new ImageDecodeError("corrupt", "JPEG ends before its frame header");
};

const checkDimensions = (header: Header, maxPixels: number): void => {
  if (header.width < 1 || header.height < 1) {
    throw new ImageDecodeError("corrupt", `image header declares ${header.width}x${header.height} pixels`);
  }
  if (header.width * header.height > maxPixels) {
    throw new ImageDecodeError(
      "too_large",
      `image is ${header.width}x${header.height} pixels; the limit is ${maxPixels} pixels`,
    );
  }
};

// ---------------------------------------------------------------------------------------------------
// Decoding

const hasEndOfImage = (bytes: Uint8Array): boolean => {
  // Real files sometimes carry trailing bytes after EOI, so look near the end rather than at it.
  const from = Math.max(2, bytes.length - 4096);
  for (let i = bytes.length - 2; i >= from; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
};

const decodeJpeg = (bytes: Uint8Array, header: Header, maxPixels: number): RgbaImage => {
  // jpeg-js tolerates truncation (it pads with grey), so require the end marker to call a file complete.
  if (!hasEndOfImage(bytes))
    throw new ImageDecodeError("corrupt", "JPEG is truncated (no end-of-image marker)");
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: Math.max(1, maxPixels / 1e6),
      maxMemoryUsageInMB: Math.max(64, Math.ceil((maxPixels * 4 * 3) / (1024 * 1024))),
    });
  } catch (cause) {
    throw new ImageDecodeError("corrupt", `JPEG could not be decoded: ${String(cause)}`, { cause });
  }
  if (
    decoded.width !== header.width ||
    decoded.height !== header.height ||
    decoded.data.length !== decoded.width * decoded.height * 4
  ) {
    throw new ImageDecodeError("corrupt", "JPEG decoded to an unexpected size");
  }
  return {
    width: decoded.width,
    height: decoded.height,
    data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length),
  };
};

/** Expands any PNG colour type and bit depth fast-png returns to RGBA, 8 bits per channel. */
export const pngToRgba = (png: DecodedPng): RgbaImage => {
  const { width, height, depth, channels, data } = png;
  const out = new Uint8ClampedArray(width * height * 4);
  const palette = png.palette;
  const key = png.transparency;
  const maxValue = (1 << depth) - 1;
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const expected = depth < 8 ? rowBytes * height : width * height * channels;
  if (data.length < expected)
    throw new ImageDecodeError("corrupt", "PNG pixel data is shorter than its header");

  if (depth === 8 && palette === undefined && key === undefined && (channels === 3 || channels === 4)) {
    for (let i = 0, p = 0, q = 0, n = width * height; i < n; i++, p += 4, q += channels) {
      out[p] = data[q]!;
      out[p + 1] = data[q + 1]!;
      out[p + 2] = data[q + 2]!;
      out[p + 3] = channels === 4 ? data[q + 3]! : 255;
    }
    return { width, height, data: out };
  }

  /** Sample `c` of pixel (x, y) in its own scale (0..maxValue). */
  const sample = (x: number, y: number, c: number): number => {
    if (depth >= 8) return data[(y * width + x) * channels + c]!;
    const bit = (x * channels + c) * depth;
    const byte = data[y * rowBytes + (bit >> 3)]!;
    return (byte >> (8 - depth - (bit & 7))) & maxValue;
  };
  const to8 = (v: number): number =>
    depth === 8 ? v : depth === 16 ? v >> 8 : Math.round((v * 255) / maxValue);

  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p += 4) {
      if (palette !== undefined) {
        const entry = palette[sample(x, y, 0)];
        if (entry === undefined) throw new ImageDecodeError("corrupt", "PNG palette index out of range");
        out[p] = entry[0]!;
        out[p + 1] = entry[1]!;
        out[p + 2] = entry[2]!;
        out[p + 3] = entry[3] ?? 255;
        continue;
      }
      if (channels <= 2) {
        const grey = sample(x, y, 0);
        const g8 = to8(grey);
        out[p] = g8;
        out[p + 1] = g8;
        out[p + 2] = g8;
        out[p + 3] = channels === 2 ? to8(sample(x, y, 1)) : key !== undefined && key[0] === grey ? 0 : 255;
      } else {
        const r = sample(x, y, 0);
        const g = sample(x, y, 1);
        const b = sample(x, y, 2);
        out[p] = to8(r);
        out[p + 1] = to8(g);
        out[p + 2] = to8(b);
        out[p + 3] =
          channels === 4
            ? to8(sample(x, y, 3))
            : key !== undefined && key.length >= 3 && key[0] === r && key[1] === g && key[2] === b
              ? 0
              : 255;
      }
    }
  }
  return { width, height, data: out };
};

const decodePng = (bytes: Uint8Array, header: Header): RgbaImage => {
  let decoded: DecodedPng;
  try {
    decoded = decodePngData(bytes, { checkCrc: true });
  } catch (cause) {
    throw new ImageDecodeError("corrupt", `PNG could not be decoded: ${String(cause)}`, { cause });
  }
  if (decoded.width !== header.width || decoded.height !== header.height) {
    throw new ImageDecodeError("corrupt", "PNG decoded to an unexpected size");
  }
  return pngToRgba(decoded);
};

/** Decodes an upload into RGBA8, throwing ImageDecodeError for what it cannot or may not decode. */
export type ImageDecoder = (bytes: Uint8Array, limits?: DecodeLimits) => RgbaImage | Promise<RgbaImage>;

export interface ImageHeader {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

/**
 * Checks what a decoder must refuse before decoding: other formats, inputs over the byte or pixel
 * limits (read from the header, before pixels are allocated). Any decoder starts here.
 */
const inspect = (bytes: Uint8Array, limits?: DecodeLimits): { format: ImageFormat; header: Header } => {
  const maxBytes = limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxPixels = limits?.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (bytes.length > maxBytes) {
    throw new ImageDecodeError("too_large", `image is ${bytes.length} bytes; the limit is ${maxBytes} bytes`);
  }
  const format = sniffImageFormat(bytes);
  if (format === undefined) {
    const other = otherFormat(bytes);
    throw new ImageDecodeError(
      "unsupported_format",
      other === undefined
        ? "not a JPEG or PNG image"
        : `${other} images are not supported (JPEG or PNG only)`,
    );
  }
  const header = format === "png" ? pngHeader(bytes) : jpegHeader(bytes);
  checkDimensions(header, maxPixels);
  return { format, header };
};

export const inspectImage = (bytes: Uint8Array, limits?: DecodeLimits): ImageHeader => {
  const { format, header } = inspect(bytes, limits);
  return { format, width: header.width, height: header.height };
};

/**
 * Decodes a JPEG or PNG into RGBA8 in plain JavaScript (fast-png, jpeg-js), the same on every runtime.
 * Rejects other formats, inputs over the byte or pixel limits and damaged files, always with an
 * ImageDecodeError.
 */
export const decodeImage = (bytes: Uint8Array, limits?: DecodeLimits): RgbaImage => {
  const maxPixels = limits?.maxPixels ?? DEFAULT_MAX_PIXELS;
  const { format, header } = inspect(bytes, limits);
  return format === "png" ? decodePng(bytes, header) : decodeJpeg(bytes, header, maxPixels);
};
