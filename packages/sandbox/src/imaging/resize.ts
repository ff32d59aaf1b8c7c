import type { RgbaImage } from "./picture.ts";

interface AxisTaps {
  /** For output index o, taps are start[o] .. start[o + 1] - 1 in `index` / `weight`. */
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly weight: Float32Array;
}

/** Area averaging when shrinking (each source pixel weighted by its overlap), bilinear when enlarging. */
const axisTaps = (src: number, dst: number): AxisTaps => {
  const scale = src / dst;
  const start = new Int32Array(dst + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < dst; o++) {
    start[o] = index.length;
    if (scale >= 1) {
      const lo = o * scale;
      const hi = lo + scale;
      const first = Math.floor(lo);
      const last = Math.min(src - 1, Math.ceil(hi) - 1);
      for (let s = first; s <= last; s++) {
        const overlap = Math.min(hi, s + 1) - Math.max(lo, s);
        if (overlap > 1e-9) {
          index.push(s);
          weight.push(overlap / scale);
        }
      }
    } else {
      const centre = (o + 0.5) * scale - 0.5;
      const base = Math.floor(centre);
      const frac = centre - base;
      const a = Math.min(src - 1, Math.max(0, base));
      const b = Math.min(src - 1, Math.max(0, base + 1));
      index.push(a, b);
      weight.push(1 - frac, frac);
    }
  }
  start[dst] = index.length;
  return { start, index: Int32Array.from(index), weight: Float32Array.from(weight) };
};

/** Resamples an RGBA image (channels independently, alpha not premultiplied). */
export const resizeImage = (image: RgbaImage, width: number, height: number): RgbaImage => {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`resize target must be positive integers, got ${width}x${height}`);
  }
  const { width: sw, height: sh, data: src } = image;
  if (sw === width && sh === height) return { width, height, data: new Uint8ClampedArray(src) };

  const tx = axisTaps(sw, width);
  const ty = axisTaps(sh, height);
  // Horizontal pass: sh rows of `width` pixels.
  const mid = new Float32Array(sh * width * 4);
  for (let y = 0; y < sh; y++) {
    const rowIn = y * sw * 4;
    let q = y * width * 4;
    for (let x = 0; x < width; x++, q += 4) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let t = tx.start[x]!, end = tx.start[x + 1]!; t < end; t++) {
        const w = tx.weight[t]!;
        const p = rowIn + tx.index[t]! * 4;
        r += src[p]! * w;
        g += src[p + 1]! * w;
        b += src[p + 2]! * w;
        a += src[p + 3]! * w;
      }
      mid[q] = r;
      mid[q + 1] = g;
      mid[q + 2] = b;
      mid[q + 3] = a;
    }
  }
  const out = new Uint8ClampedArray(width * height * 4);
  const stride = width * 4;
  const acc = new Float32Array(stride);
  for (let y = 0; y < height; y++) {
    acc.fill(0);
    for (let t = ty.start[y]!, end = ty.start[y + 1]!; t < end; t++) {
      const w = ty.weight[t]!;
      const rowIn = ty.index[t]! * stride;
      for (let i = 0; i < stride; i++) acc[i] = acc[i]! + mid[rowIn + i]! * w;
    }
    out.set(acc, y * stride);
  }
  return { width, height, data: out };
};

/** The largest size with the same aspect ratio whose longer side is at most `maxSide` (never enlarges). */
export const fitWithin = (
  width: number,
  height: number,
  maxSide: number,
): { width: number; height: number } => {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
};
