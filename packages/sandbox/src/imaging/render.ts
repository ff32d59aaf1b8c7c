import { colorRgb } from "./palette.ts";
import type { Background, PictureSpec, RgbaImage, ShapeSpec } from "./picture.ts";
import { SHAPE_SDF } from "./shapes.ts";

type Rgb = readonly [number, number, number];

const hash2 = (x: number, y: number, seed: number): number => {
  let h = Math.imul(x, 374761393) ^ Math.imul(y, 668265263) ^ Math.imul(seed, 2246822519);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
};

const smooth = (t: number): number => t * t * (3 - 2 * t);

/** Value noise in [0, 1): lattice values hashed once, then smoothly interpolated per pixel. */
class ValueNoise {
  readonly #values: Float32Array;
  readonly #columns: number;
  readonly #cells: number;

  /** Covers u in [0, uMax] and v in [0, vMax] with `cells` lattice cells per unit. */
  constructor(uMax: number, vMax: number, cells: number, seed: number) {
    this.#cells = cells;
    this.#columns = Math.ceil(uMax * cells) + 2;
    const rows = Math.ceil(vMax * cells) + 2;
    this.#values = new Float32Array(this.#columns * rows);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < this.#columns; x++) this.#values[y * this.#columns + x] = hash2(x, y, seed);
    }
  }

  at(u: number, v: number): number {
    const x = u * this.#cells;
    const y = v * this.#cells;
    const ix = x | 0;
    const iy = y | 0;
    const fx = smooth(x - ix);
    const fy = smooth(y - iy);
    const i = iy * this.#columns + ix;
    const values = this.#values;
    const a = values[i]!;
    const b = values[i + 1]!;
    const c = values[i + this.#columns]!;
    const d = values[i + this.#columns + 1]!;
    const top = a + (b - a) * fx;
    const bottom = c + (d - c) * fx;
    return top + (bottom - top) * fy;
  }
}

const fillRow = (data: Uint8ClampedArray, offset: number, count: number, rgb: Rgb): void => {
  for (let i = 0, p = offset; i < count; i++, p += 4) {
    data[p] = rgb[0];
    data[p + 1] = rgb[1];
    data[p + 2] = rgb[2];
    data[p + 3] = 255;
  }
};

const paintBackground = (data: Uint8ClampedArray, width: number, height: number, bg: Background): void => {
  const short = Math.min(width, height);
  switch (bg.kind) {
    case "solid": {
      fillRow(data, 0, width * height, colorRgb(bg.color));
      return;
    }
    case "linear":
    case "radial": {
      const from = colorRgb(bg.kind === "linear" ? bg.from : bg.inner);
      const to = colorRgb(bg.kind === "linear" ? bg.to : bg.outer);
      const angle = bg.kind === "linear" ? (bg.angle * Math.PI) / 180 : 0;
      const dx = Math.cos(angle);
      const dy = Math.sin(angle);
      const span = Math.abs(width * dx) + Math.abs(height * dy);
      const reach = 0.5 * Math.hypot(width, height);
      for (let y = 0, p = 0; y < height; y++) {
        const cy = y + 0.5 - height / 2;
        for (let x = 0; x < width; x++, p += 4) {
          const cx = x + 0.5 - width / 2;
          let t =
            bg.kind === "linear" ? (cx * dx + cy * dy) / span + 0.5 : Math.sqrt(cx * cx + cy * cy) / reach;
          t = t < 0 ? 0 : Math.min(t, 1);
          data[p] = from[0] + (to[0] - from[0]) * t;
          data[p + 1] = from[1] + (to[1] - from[1]) * t;
          data[p + 2] = from[2] + (to[2] - from[2]) * t;
          data[p + 3] = 255;
        }
      }
      return;
    }
    case "grain": {
      const base = colorRgb(bg.color);
      const strength = bg.amount * 70;
      const uMax = width / short;
      const vMax = height / short;
      const coarse = new ValueNoise(uMax, vMax, 24, bg.seed | 0);
      const fine = new ValueNoise(uMax, vMax, 56, (bg.seed * 31 + 7) | 0);
      for (let y = 0, p = 0; y < height; y++) {
        const v = (y + 0.5) / short;
        for (let x = 0; x < width; x++, p += 4) {
          const u = (x + 0.5) / short;
          const n = 0.65 * coarse.at(u, v) + 0.35 * fine.at(u, v);
          const shift = (n - 0.5) * strength;
          data[p] = base[0] + shift;
          data[p + 1] = base[1] + shift;
          data[p + 2] = base[2] + shift;
          data[p + 3] = 255;
        }
      }
      return;
    }
    case "checker": {
      const a = colorRgb(bg.color);
      const b = colorRgb(bg.alt);
      const cell = short / bg.cells;
      for (let y = 0, p = 0; y < height; y++) {
        const row = Math.floor((y + 0.5) / cell);
        for (let x = 0; x < width; x++, p += 4) {
          const rgb = (row + Math.floor((x + 0.5) / cell)) & 1 ? b : a;
          data[p] = rgb[0];
          data[p + 1] = rgb[1];
          data[p + 2] = rgb[2];
          data[p + 3] = 255;
        }
      }
      return;
    }
    case "stripes": {
      const a = colorRgb(bg.color);
      const b = colorRgb(bg.alt);
      const angle = (bg.angle * Math.PI) / 180;
      const period = Math.hypot(width, height) / bg.count;
      const dx = Math.cos(angle) / period;
      const dy = Math.sin(angle) / period;
      for (let y = 0, p = 0; y < height; y++) {
        const ry = (y + 0.5) * dy;
        for (let x = 0; x < width; x++, p += 4) {
          const s = (x + 0.5) * dx + ry;
          const rgb = s - Math.floor(s) < 0.5 ? a : b;
          data[p] = rgb[0];
          data[p + 1] = rgb[1];
          data[p + 2] = rgb[2];
          data[p + 3] = 255;
        }
      }
      return;
    }
  }
};

/** Draws one shape with coverage anti-aliasing (signed distance in pixels, one-pixel ramp). */
const paintShape = (data: Uint8ClampedArray, width: number, height: number, shape: ShapeSpec): void => {
  const short = Math.min(width, height);
  const radius = (shape.size * short) / 2;
  if (!(radius > 0)) return;
  const cx = shape.x * width;
  const cy = shape.y * height;
  const theta = (shape.rotation * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const sdf = SHAPE_SDF[shape.kind];
  const [r, g, b] = colorRgb(shape.color);
  const inv = 1 / radius;
  const x0 = Math.max(0, Math.floor(cx - radius - 1));
  const x1 = Math.min(width - 1, Math.ceil(cx + radius + 1));
  const y0 = Math.max(0, Math.floor(cy - radius - 1));
  const y1 = Math.min(height - 1, Math.ceil(cy + radius + 1));
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    let p = (y * width + x0) * 4;
    for (let x = x0; x <= x1; x++, p += 4) {
      const dx = x + 0.5 - cx;
      // Undo the clockwise rotation, then flip to the y-up frame of the distance functions.
      const lx = (cos * dx + sin * dy) * inv;
      const ly = -(-sin * dx + cos * dy) * inv;
      const d = sdf(lx, ly) * radius;
      const coverage = 0.5 - d;
      if (coverage <= 0) continue;
      if (coverage >= 1) {
        data[p] = r;
        data[p + 1] = g;
        data[p + 2] = b;
      } else {
        const keep = 1 - coverage;
        data[p] = data[p]! * keep + r * coverage;
        data[p + 1] = data[p + 1]! * keep + g * coverage;
        data[p + 2] = data[p + 2]! * keep + b * coverage;
      }
    }
  }
};

const checkSize = (width: number, height: number): void => {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`render size must be positive integers, got ${width}x${height}`);
  }
};

const renderShapes = (
  spec: PictureSpec,
  shapes: readonly ShapeSpec[],
  width: number,
  height: number,
): RgbaImage => {
  checkSize(width, height);
  const data = new Uint8ClampedArray(width * height * 4);
  paintBackground(data, width, height, spec.background);
  // The subject (shapes[0]) goes on top.
  for (let i = shapes.length - 1; i >= 0; i--) paintShape(data, width, height, shapes[i]!);
  return { width, height, data };
};

/** Renders the picture at any size; shapes scale with the shorter side. */
export const renderPicture = (spec: PictureSpec, width: number, height: number): RgbaImage =>
  renderShapes(spec, spec.shapes, width, height);

/** The shapes of a video at time `t` in [0, 1): each drifts in its own direction and turns a little. */
export const shapesAt = (spec: PictureSpec, t: number): ShapeSpec[] => {
  const short = Math.min(spec.width, spec.height);
  return spec.shapes.map((shape, k) => {
    const heading = 2.4 * k + shape.x * 7 + shape.y * 13;
    const reach = (k === 0 ? 0.08 : 0.12) * t;
    return {
      ...shape,
      x: shape.x + (Math.cos(heading) * reach * short) / spec.width,
      y: shape.y + (Math.sin(heading) * reach * short) / spec.height,
      rotation: shape.rotation + (k === 0 ? 30 : -45) * t,
    };
  });
};

/** Key frames of a short clip of the picture (frame 0 is the still); deterministic. */
export const renderVideoFrames = (
  spec: PictureSpec,
  frames: number,
  width: number,
  height: number,
): RgbaImage[] => {
  if (!Number.isInteger(frames) || frames < 1)
    throw new RangeError(`frames must be a positive integer, got ${frames}`);
  const out: RgbaImage[] = [];
  for (let i = 0; i < frames; i++) out.push(renderShapes(spec, shapesAt(spec, i / frames), width, height));
  return out;
};
