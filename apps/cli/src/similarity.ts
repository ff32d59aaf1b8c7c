// A visual similarity score between two pictures, for showing next to search results: the API ranks
// similar images but gives no score. Both pictures are reduced to a coarse grid of average colours
// (a "colour layout"), compared cell by cell.
import { inflateSync } from "node:zlib";
import { detectImageType } from "@shutterkit/core/wire";
import jpeg from "jpeg-js";

export interface Rgba {
  readonly width: number;
  readonly height: number;
  /** 4 bytes per pixel, row-major. */
  readonly data: Uint8Array;
}

const GRID = 8;
const MAX_DISTANCE = Math.sqrt(3 * 255 * 255);

const paeth = (left: number, up: number, upLeft: number) => {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
};

/** Decodes 8-bit, non-interlaced grey, grey+alpha, RGB and RGBA PNGs; undefined for anything else. */
export const decodePng = (bytes: Uint8Array): Rgba | undefined => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const compressed: Uint8Array[] = [];
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const depth = data[8];
      colorType = data[9] ?? -1;
      if (depth !== 8 || data[12] !== 0) return undefined;
    } else if (type === "IDAT") compressed.push(data);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (channels === undefined || width === 0 || height === 0) return undefined;
  const raw = inflateSync(Buffer.concat(compressed));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) return undefined;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const predicted =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index++) {
    const source = index * channels;
    const grey = channels <= 2;
    data[index * 4] = pixels[source] ?? 0;
    data[index * 4 + 1] = pixels[source + (grey ? 0 : 1)] ?? 0;
    data[index * 4 + 2] = pixels[source + (grey ? 0 : 2)] ?? 0;
    data[index * 4 + 3] =
      channels === 2 ? (pixels[source + 1] ?? 255) : channels === 4 ? (pixels[source + 3] ?? 255) : 255;
  }
  return { width, height, data };
};

/** Decodes a JPEG or PNG; undefined when the format or its variant is not supported. */
export const decodeImage = (bytes: Uint8Array): Rgba | undefined => {
  const type = detectImageType(bytes);
  try {
    if (type === "png") return decodePng(bytes);
    if (type === "jpeg") {
      const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 50 });
      return { width: image.width, height: image.height, data: image.data };
    }
  } catch {
    // A picture we cannot decode simply gets no score.
  }
  return undefined;
};

/** The average colour of each cell of a GRID×GRID grid, transparent pixels counted as white. */
export const colourLayout = (image: Rgba): Float64Array => {
  const sums = new Float64Array(GRID * GRID * 4);
  for (let y = 0; y < image.height; y++) {
    const row = Math.min(GRID - 1, Math.floor((y * GRID) / image.height));
    for (let x = 0; x < image.width; x++) {
      const cell = row * GRID + Math.min(GRID - 1, Math.floor((x * GRID) / image.width));
      const index = (y * image.width + x) * 4;
      const alpha = (image.data[index + 3] ?? 255) / 255;
      for (let channel = 0; channel < 3; channel++)
        sums[cell * 4 + channel] =
          (sums[cell * 4 + channel] ?? 0) + (image.data[index + channel] ?? 0) * alpha + 255 * (1 - alpha);
      sums[cell * 4 + 3] = (sums[cell * 4 + 3] ?? 0) + 1;
    }
  }
  const layout = new Float64Array(GRID * GRID * 3);
  for (let cell = 0; cell < GRID * GRID; cell++) {
    const count = sums[cell * 4 + 3] || 1;
    for (let channel = 0; channel < 3; channel++)
      layout[cell * 3 + channel] = (sums[cell * 4 + channel] ?? 0) / count;
  }
  return layout;
};

/** 1 for the same colour layout, falling towards 0 as the cells' colours drift apart. */
export const layoutSimilarity = (a: Float64Array, b: Float64Array): number => {
  let total = 0;
  for (let cell = 0; cell < GRID * GRID; cell++) {
    let squared = 0;
    for (let channel = 0; channel < 3; channel++) {
      const difference = (a[cell * 3 + channel] ?? 0) - (b[cell * 3 + channel] ?? 0);
      squared += difference * difference;
    }
    total += Math.sqrt(squared) / MAX_DISTANCE;
  }
  return 1 - total / (GRID * GRID);
};
