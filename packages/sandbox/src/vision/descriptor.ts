import { rgbaToLabPlanes } from "../imaging/color.ts";
import type { PictureSpec, RgbaImage } from "../imaging/picture.ts";
import { renderPicture } from "../imaging/render.ts";
import { fitWithin, resizeImage } from "../imaging/resize.ts";
import { addColorTerms, COLOR_TERMS } from "./color-terms.ts";
import { type LabPlanes, segment } from "./segment.ts";
import {
  HARMONICS,
  measureShape,
  PROTOTYPE_COUNT,
  prototypeAffinity,
  type ShapeMeasures,
} from "./shape-features.ts";

export type { ShapeMeasures } from "./shape-features.ts";

/**
 * A fixed-length, L2-normalised, non-negative (and mostly zero) feature vector computed from pixels
 * only; its dot product with another descriptor is their similarity in [0, 1]. Blocks, each normalised
 * then weighted (weights squared sum to 1): the main object's colour; foreground and background colour
 * histograms; the border's colours; the object's shape (rotation/scale/translation invariant measures,
 * and their affinity to reference shapes); its placement, the foreground layout and the object's
 * silhouette; the background's texture. Shape and object colour carry most weight, so a red circle's
 * nearest neighbours are red circles, ordered by how alike their backdrops are.
 */
export type VisualDescriptor = Float32Array;

/** Images are analysed at this longer side (smaller images are used as they are). */
export const WORKING_SIZE = 64;

// Colour histograms bin pixels this coarsely (Lab units) before mapping bins onto colour terms.
const HIST_BIN = 5;

const RBF_BINS = 8;
const SHAPE_FEATURES = 3 + HARMONICS.length;
const PLACEMENT_FEATURES = 3;
const ORIENT_BINS = 8;
const LAYOUT_GRID = 4;
const SILHOUETTE_GRID = 6;

/** A run of a descriptor's entries normalised together, carrying `weight` of the descriptor's norm. */
export interface DescriptorBlock {
  readonly offset: number;
  readonly length: number;
  readonly weight: number;
}

type Block = DescriptorBlock;

const BLOCK_SIZES = {
  objectColor: [COLOR_TERMS, 0.25],
  foregroundHist: [COLOR_TERMS, 0.05],
  backgroundHist: [COLOR_TERMS, 0.09],
  backgroundColor: [COLOR_TERMS, 0.09],
  shapeMeasures: [SHAPE_FEATURES * RBF_BINS, 0.12],
  shapeKind: [PROTOTYPE_COUNT, 0.28],
  placement: [PLACEMENT_FEATURES * RBF_BINS, 0.03],
  layout: [LAYOUT_GRID * LAYOUT_GRID, 0.03],
  silhouette: [SILHOUETTE_GRID * SILHOUETTE_GRID, 0.03],
  texture: [RBF_BINS + ORIENT_BINS, 0.04],
} as const satisfies Record<string, readonly [number, number]>;

type BlockName = keyof typeof BLOCK_SIZES;

const BLOCKS: Readonly<Record<BlockName, Block>> = (() => {
  let offset = 0;
  const out = {} as Record<BlockName, Block>;
  for (const [name, [length, weightSquared]] of Object.entries(BLOCK_SIZES) as Array<
    [BlockName, readonly [number, number]]
  >) {
    out[name] = { offset, length, weight: Math.sqrt(weightSquared) };
    offset += length;
  }
  return out;
})();

const USED = Object.values(BLOCKS).reduce((end, b) => Math.max(end, b.offset + b.length), 0);

/** Length of every descriptor (padded to a multiple of 8). */
export const DESCRIPTOR_LENGTH = Math.ceil(USED / 8) * 8;

/** The descriptor's blocks, heaviest first: what a search may score first and bound the rest of. */
export const DESCRIPTOR_BLOCKS: ReadonlyArray<DescriptorBlock> = Object.values(BLOCKS).sort(
  (a, b) => b.weight - a.weight || a.offset - b.offset,
);

const clamp01 = (v: number): number => (v < 0 ? 0 : Math.min(v, 1));

/**
 * Colour-term histograms of the foreground and background: pixels are pooled into small Lab bins, then
 * each bin's mean colour is spread over the colour terms with its weight.
 */
const addColorHistograms = (
  v: Float32Array,
  lab: LabPlanes,
  foreground: Float32Array,
  fgOffset: number,
  bgOffset: number,
): void => {
  const { l, a, b } = lab;
  const bins = new Map<number, [number, number, number, number, number, number]>();
  let lastKey = -1;
  let lastBin: [number, number, number, number, number, number] | undefined;
  for (let i = 0; i < l.length; i++) {
    const pl = l[i]!;
    const pa = a[i]!;
    const pb = b[i]!;
    const key =
      (Math.floor(pl / HIST_BIN) + 64) * 65536 +
      (Math.floor(pa / HIST_BIN) + 128) * 256 +
      Math.floor(pb / HIST_BIN) +
      128;
    // Neighbouring pixels usually share a bin, so remember the last one.
    let bin = key === lastKey ? lastBin : bins.get(key);
    if (bin === undefined) {
      bin = [0, 0, 0, 0, 0, 0];
      bins.set(key, bin);
    }
    lastKey = key;
    lastBin = bin;
    const f = foreground[i]!;
    bin[0] += pl;
    bin[1] += pa;
    bin[2] += pb;
    bin[3] += 1;
    bin[4] += f;
    bin[5] += 1 - f;
  }
  for (const bin of bins.values()) {
    const ml = bin[0] / bin[3];
    const ma = bin[1] / bin[3];
    const mb = bin[2] / bin[3];
    if (bin[4] > 0) addColorTerms(v, fgOffset, ml, ma, mb, bin[4]);
    if (bin[5] > 0) addColorTerms(v, bgOffset, ml, ma, mb, bin[5]);
  }
};

/** Encodes a scalar as Gaussian bumps over [min, max] so that dot products act like an RBF kernel. */
const rbf = (out: Float32Array, offset: number, value: number, min: number, max: number): void => {
  const step = (max - min) / (RBF_BINS - 1);
  const sigma = step * 0.8;
  const v = Math.min(max + step, Math.max(min - step, value));
  let norm = 0;
  for (let k = 0; k < RBF_BINS; k++) {
    const d = (v - (min + k * step)) / sigma;
    const w = Math.exp(-0.5 * d * d);
    out[offset + k] = w;
    norm += w * w;
  }
  const inv = 1 / Math.sqrt(norm);
  for (let k = 0; k < RBF_BINS; k++) out[offset + k]! *= inv;
};

const normaliseBlock = (v: Float32Array, block: Block): void => {
  let sum = 0;
  for (let i = block.offset; i < block.offset + block.length; i++) sum += v[i]! * v[i]!;
  if (sum <= 0) return;
  const scale = block.weight / Math.sqrt(sum);
  for (let i = block.offset; i < block.offset + block.length; i++) v[i]! *= scale;
};

/** Alpha is composited over white, as a viewer shows a transparent picture. */
const toLab = (image: RgbaImage): LabPlanes => {
  const { width, height } = image;
  const n = width * height;
  let data = image.data;
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] !== 255) {
      const flat = new Uint8ClampedArray(data.length);
      for (let p = 0; p < data.length; p += 4) {
        const alpha = data[p + 3]! / 255;
        const white = 255 * (1 - alpha);
        flat[p] = data[p]! * alpha + white;
        flat[p + 1] = data[p + 1]! * alpha + white;
        flat[p + 2] = data[p + 2]! * alpha + white;
        flat[p + 3] = 255;
      }
      data = flat;
      break;
    }
  }
  const l = new Float32Array(n);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  rgbaToLabPlanes(data, n, l, a, b);
  return { width, height, l, a, b };
};

const workingLab = (image: RgbaImage): LabPlanes => {
  const size = fitWithin(image.width, image.height, WORKING_SIZE);
  const small =
    size.width === image.width && size.height === image.height
      ? image
      : resizeImage(image, size.width, size.height);
  return toLab(small);
};

const MIN_OBJECT_AREA = 6;
const SPARSE_BELOW = 2e-3;

interface ObjectAnalysis {
  readonly color: readonly [number, number, number];
  readonly shape: ShapeMeasures;
  /** Area in working-size pixels. */
  readonly area: number;
}

const analyse = (lab: LabPlanes) => {
  const seg = segment(lab);
  const object: ObjectAnalysis | undefined =
    seg.objectColor === undefined || seg.objectArea < MIN_OBJECT_AREA
      ? undefined
      : {
          color: seg.objectColor,
          shape: measureShape(seg.mask, lab.width, lab.height, seg.objectArea),
          area: seg.objectArea,
        };
  return { seg, object };
};

/** Measures the reference shapes are built from: each kind drawn alone, in black on white. */
const measureSpec = (spec: PictureSpec): ShapeMeasures | undefined =>
  analyse(workingLab(renderPicture(spec, spec.width, spec.height))).object?.shape;

/** The main object's colour (Lab) and shape measures as the descriptor sees them (for diagnostics). */
export const analyseObject = (image: RgbaImage): ObjectAnalysis | undefined =>
  analyse(workingLab(image)).object;

/** Describes an image's look: what colour the main object is, its shape, the backdrop and the layout. */
export const describeVisual = (image: RgbaImage): VisualDescriptor => {
  const lab = workingLab(image);
  const { width, height, l } = lab;
  const { seg, object } = analyse(lab);
  const v = new Float32Array(DESCRIPTOR_LENGTH);

  const fgHist = BLOCKS.foregroundHist.offset;
  const bgHist = BLOCKS.backgroundHist.offset;
  addColorHistograms(v, lab, seg.foreground, fgHist, bgHist);
  // Square roots damp the largest bins so one big area does not drown the rest.
  for (let i = fgHist; i < fgHist + COLOR_TERMS; i++) v[i] = Math.sqrt(v[i]!);
  for (let i = bgHist; i < bgHist + COLOR_TERMS; i++) v[i] = Math.sqrt(v[i]!);

  for (let k = 0; k < seg.backgroundShare.length; k++) {
    const share = seg.backgroundShare[k]!;
    if (share < 0.05) continue;
    const o = k * 3;
    addColorTerms(
      v,
      BLOCKS.backgroundColor.offset,
      seg.background[o]!,
      seg.background[o + 1]!,
      seg.background[o + 2]!,
      share,
    );
  }

  if (object !== undefined) {
    const s = object.shape;
    addColorTerms(v, BLOCKS.objectColor.offset, object.color[0], object.color[1], object.color[2], 1);
    let o = BLOCKS.shapeMeasures.offset;
    rbf(v, o, Math.log(s.polar), 0, 1.2);
    o += RBF_BINS;
    rbf(v, o, s.core, 0, 1);
    o += RBF_BINS;
    rbf(v, o, s.elongation, 0, 1);
    o += RBF_BINS;
    for (const h of s.harmonics) {
      rbf(v, o, Math.sqrt(h), 0, 0.8);
      o += RBF_BINS;
    }
    prototypeAffinity(s, measureSpec, v, BLOCKS.shapeKind.offset);
    // The object's silhouette around its centroid, scaled to its size but not turned: tells apart two
    // otherwise identical shapes at different rotations.
    const reach = 1.25 * Math.sqrt(object.area / Math.PI);
    const silhouette = BLOCKS.silhouette.offset;
    for (let y = 0, i = 0; y < height; y++) {
      const gy = Math.floor(((y + 0.5 - s.cy) / reach + 1) * (SILHOUETTE_GRID / 2));
      for (let x = 0; x < width; x++, i++) {
        const m = seg.mask[i]!;
        if (m === 0 || gy < 0 || gy >= SILHOUETTE_GRID) continue;
        const gx = Math.floor(((x + 0.5 - s.cx) / reach + 1) * (SILHOUETTE_GRID / 2));
        if (gx >= 0 && gx < SILHOUETTE_GRID) v[silhouette + gy * SILHOUETTE_GRID + gx]! += m;
      }
    }
    const short = Math.min(width, height);
    o = BLOCKS.placement.offset;
    rbf(v, o, s.cx / width, 0, 1);
    rbf(v, o + RBF_BINS, s.cy / height, 0, 1);
    rbf(v, o + 2 * RBF_BINS, Math.sqrt(object.area) / short, 0, 0.8);
  }

  // Where the foreground (all shapes) sits: its mass in a coarse grid.
  const layoutOffset = BLOCKS.layout.offset;
  for (let y = 0, i = 0; y < height; y++) {
    const row = Math.min(LAYOUT_GRID - 1, Math.floor((y * LAYOUT_GRID) / height)) * LAYOUT_GRID;
    for (let x = 0; x < width; x++, i++) {
      const f = seg.foreground[i]!;
      if (f > 0)
        v[layoutOffset + row + Math.min(LAYOUT_GRID - 1, Math.floor((x * LAYOUT_GRID) / width))]! += f;
    }
  }
  for (let k = layoutOffset; k < layoutOffset + LAYOUT_GRID * LAYOUT_GRID; k++) v[k] = Math.sqrt(v[k]!);

  // Background texture: gradient energy and orientation away from the foreground.
  const fg = seg.foreground;
  let energy = 0;
  let counted = 0;
  const orient = new Float32Array(ORIENT_BINS);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, i = y * width + 1; x < width - 1; x++, i++) {
      if (fg[i]! > 0 || fg[i - 1]! > 0 || fg[i + 1]! > 0 || fg[i - width]! > 0 || fg[i + width]! > 0)
        continue;
      const gx = (l[i + 1]! - l[i - 1]!) / 2;
      const gy = (l[i + width]! - l[i - width]!) / 2;
      const mag = Math.sqrt(gx * gx + gy * gy);
      energy += mag;
      counted++;
      if (mag < 1) continue;
      let theta = Math.atan2(gy, gx);
      if (theta < 0) theta += Math.PI;
      const pos = (theta / Math.PI) * ORIENT_BINS - 0.5;
      const lo = Math.floor(pos);
      const t = pos - lo;
      orient[(lo + ORIENT_BINS) % ORIENT_BINS]! += mag * (1 - t);
      orient[(lo + 1) % ORIENT_BINS]! += mag * t;
    }
  }
  const meanEnergy = counted > 0 ? energy / counted : 0;
  rbf(v, BLOCKS.texture.offset, Math.log1p(meanEnergy), 0, 3);
  let orientNorm = 0;
  for (const o of orient) orientNorm += o * o;
  if (orientNorm > 0) {
    // Orientation counts only as much as there is texture to orient.
    const scale = clamp01(meanEnergy / 4) / Math.sqrt(orientNorm);
    for (let k = 0; k < ORIENT_BINS; k++) v[BLOCKS.texture.offset + RBF_BINS + k] = orient[k]! * scale;
  }

  for (const block of Object.values(BLOCKS)) normaliseBlock(v, block);
  // Negligible entries (far Gaussian tails) are dropped: sparse queries make the index scan faster.
  let total = 0;
  for (let i = 0; i < USED; i++) {
    if (v[i]! < SPARSE_BELOW) v[i] = 0;
    total += v[i]! * v[i]!;
  }
  if (total > 0) {
    const inv = 1 / Math.sqrt(total);
    for (let i = 0; i < USED; i++) v[i]! *= inv;
  }
  return v;
};

/** Cosine similarity of two descriptors, in [0, 1] (1 = identical look). */
export const similarity = (p: VisualDescriptor, q: VisualDescriptor): number => {
  if (p.length !== q.length) throw new RangeError("similarity: descriptors of different lengths");
  let dot = 0;
  for (let i = 0; i < p.length; i++) dot += p[i]! * q[i]!;
  return dot < 0 ? 0 : Math.min(dot, 1);
};
