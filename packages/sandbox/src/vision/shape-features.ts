/**
 * Rotation-, scale- and translation-invariant measures of a soft object mask, and a soft assignment of
 * those measures to a vocabulary of reference shapes (measured once, lazily, from rendered examples).
 */
import type { PictureSpec, ShapeKind } from "../imaging/picture.ts";
import { SHAPE_KINDS } from "../imaging/picture.ts";

export interface ShapeMeasures {
  /** Polar moment relative to a disc of the same area (1 for a disc, larger for anything else). */
  readonly polar: number;
  /** Coverage of a small disc around the centroid (0 for a ring). */
  readonly core: number;
  /** Minor/major axis variance ratio (1 for shapes with 3+ fold symmetry). */
  readonly elongation: number;
  /** Angular harmonics |sum w r^2 e^{i n theta}| / sum w r^2 for n in HARMONICS. */
  readonly harmonics: readonly number[];
  /** Centroid in pixels. */
  readonly cx: number;
  readonly cy: number;
}

export const HARMONICS = [2, 3, 4, 5, 6, 8] as const;

const clamp01 = (v: number): number => (v < 0 ? 0 : Math.min(v, 1));

export const measureShape = (
  mask: Float32Array,
  width: number,
  height: number,
  area: number,
): ShapeMeasures => {
  let sx = 0;
  let sy = 0;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const w = mask[i]!;
      if (w === 0) continue;
      sx += w * (x + 0.5);
      sy += w * (y + 0.5);
    }
  }
  const cx = sx / area;
  const cy = sy / area;
  const maxN = HARMONICS[HARMONICS.length - 1]!;
  const re = new Float64Array(maxN + 1);
  const im = new Float64Array(maxN + 1);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let sr2 = 0;
  const coreRadius = 0.35 * Math.sqrt(area / Math.PI);
  let coreCover = 0;
  let coreArea = 0;
  const y0 = Math.max(0, Math.floor(cy - coreRadius - 1));
  const y1 = Math.min(height - 1, Math.ceil(cy + coreRadius + 1));
  const x0 = Math.max(0, Math.floor(cx - coreRadius - 1));
  const x1 = Math.min(width - 1, Math.ceil(cx + coreRadius + 1));
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      // Pixels count by how much of them lies inside the core disc.
      const inCore = clamp01(coreRadius + 0.5 - Math.sqrt(dx * dx + dy * dy));
      coreArea += inCore;
      coreCover += inCore * mask[y * width + x]!;
    }
  }
  for (let y = 0, i = 0; y < height; y++) {
    const dy = y + 0.5 - cy;
    for (let x = 0; x < width; x++, i++) {
      const w = mask[i]!;
      if (w === 0) continue;
      const dx = x + 0.5 - cx;
      const r2 = dx * dx + dy * dy;
      sxx += w * dx * dx;
      syy += w * dy * dy;
      sxy += w * dx * dy;
      sr2 += w * r2;
      if (r2 < 1e-12) continue;
      // w * r^2 * e^{i n theta} = w * (dx + i dy)^n / r^(n - 2), built up by repeated multiplication.
      const r = Math.sqrt(r2);
      const ux = dx / r;
      const uy = dy / r;
      let pr = ux;
      let pi = uy;
      const wr = w * r2;
      for (let k = 1; k <= maxN; k++) {
        if (k > 1) {
          const nr = pr * ux - pi * uy;
          pi = pr * uy + pi * ux;
          pr = nr;
        }
        re[k]! += wr * pr;
        im[k]! += wr * pi;
      }
    }
  }
  const trace = sxx + syy;
  const det = Math.sqrt(Math.max(0, (sxx - syy) * (sxx - syy) + 4 * sxy * sxy));
  const major = (trace + det) / 2;
  const minor = (trace - det) / 2;
  return {
    polar: area > 0 ? (2 * Math.PI * sr2) / (area * area) : 1,
    core: coreArea > 0 ? coreCover / coreArea : 0,
    elongation: major > 0 ? minor / major : 1,
    harmonics: HARMONICS.map((k) => (sr2 > 0 ? Math.hypot(re[k]!, im[k]!) / sr2 : 0)),
    cx,
    cy,
  };
};

/** A point in "shape space": scaled so that a distance of about 0.1 is the measurement noise. */
export const shapeVector = (m: ShapeMeasures): Float64Array => {
  const v = new Float64Array(3 + HARMONICS.length);
  v[0] = Math.log(m.polar);
  v[1] = m.core * 0.5;
  v[2] = m.elongation * 0.5;
  m.harmonics.forEach((h, i) => {
    v[3 + i] = Math.sqrt(h);
  });
  return v;
};

const PROTOTYPE_SIGMA = 0.1;

type Measurer = (spec: PictureSpec) => ShapeMeasures | undefined;

let prototypes: ReadonlyArray<{ kind: ShapeKind; vector: Float64Array }> | undefined;

/**
 * Reference shape vectors, measured from each kind rendered at a few rotations (rotation changes the
 * pixel grid, not the measures, so averaging smooths out rasterisation).
 */
const loadPrototypes = (measure: Measurer): ReadonlyArray<{ kind: ShapeKind; vector: Float64Array }> => {
  if (prototypes !== undefined) return prototypes;
  prototypes = SHAPE_KINDS.map((kind) => {
    const sum = new Float64Array(3 + HARMONICS.length);
    let count = 0;
    for (const rotation of [0, 13, -21]) {
      const m = measure({
        version: 1,
        orientation: "horizontal",
        width: 96,
        height: 64,
        background: { kind: "solid", color: "white" },
        shapes: [{ kind, color: "black", x: 0.5, y: 0.5, size: 0.8, rotation }],
      });
      if (m === undefined) continue;
      const v = shapeVector(m);
      for (let i = 0; i < v.length; i++) sum[i]! += v[i]!;
      count++;
    }
    for (let i = 0; i < sum.length; i++) sum[i]! /= Math.max(1, count);
    return { kind, vector: sum };
  });
  return prototypes;
};

export const PROTOTYPE_COUNT = SHAPE_KINDS.length;

/** Gaussian affinity of a shape to each reference shape, written to out[offset .. offset + PROTOTYPE_COUNT). */
export const prototypeAffinity = (
  m: ShapeMeasures,
  measure: Measurer,
  out: Float32Array,
  offset: number,
): void => {
  const protos = loadPrototypes(measure);
  const v = shapeVector(m);
  const dist2 = protos.map((p) => {
    let d = 0;
    for (let i = 0; i < v.length; i++) d += (v[i]! - p.vector[i]!) ** 2;
    return d;
  });
  // Relative to the nearest reference, so an unfamiliar shape still points at its closest matches.
  const nearest = Math.min(...dist2);
  dist2.forEach((d, k) => {
    out[offset + k] = Math.exp(-(d - nearest) / (2 * PROTOTYPE_SIGMA * PROTOTYPE_SIGMA));
  });
};
