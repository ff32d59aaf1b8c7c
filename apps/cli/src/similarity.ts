// A visual similarity score between two pictures, for showing next to search results: the API ranks
// similar images but gives no score. Both pictures are reduced to a coarse grid of average colours
// (a "colour layout"), compared cell by cell. Decoding is the sandbox's (`@shutterkit/sandbox/imaging`).
import { decodeImage, ImageDecodeError, type RgbaImage } from "@shutterkit/sandbox/imaging";

/** Decoded pixels: 4 bytes per pixel, row-major. */
export type Rgba = Pick<RgbaImage, "width" | "height"> & { readonly data: ArrayLike<number> };

const GRID = 8;
const MAX_DISTANCE = Math.sqrt(3 * 255 * 255);

/** Decodes a JPEG or PNG with the sandbox's imaging; undefined for anything it cannot decode. */
export const decodePicture = (bytes: Uint8Array): Rgba | undefined => {
  try {
    return decodeImage(bytes);
  } catch (error) {
    // A picture we cannot decode simply gets no score.
    if (error instanceof ImageDecodeError) return undefined;
    throw error;
  }
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
