import type { ShapeKind } from "./picture.ts";

/**
 * Signed distance (negative inside) from a point to each shape, in a local frame where the shape's
 * enclosing circle has radius 1 and y points UP. Exact (or exact near the boundary, which is all the
 * anti-aliasing needs). Formulas after Inigo Quilez's 2D distance functions.
 */
export type Sdf = (x: number, y: number) => number;

const SQRT3 = Math.sqrt(3);

const box = (x: number, y: number, bx: number, by: number): number => {
  const qx = Math.abs(x) - bx;
  const qy = Math.abs(y) - by;
  const ox = Math.max(qx, 0);
  const oy = Math.max(qy, 0);
  const inside = Math.max(qx, qy);
  return Math.sqrt(ox * ox + oy * oy) + Math.min(inside, 0);
};

const circle: Sdf = (x, y) => Math.sqrt(x * x + y * y) - 1;

const HALF_SQUARE = Math.SQRT1_2;
const square: Sdf = (x, y) => box(x, y, HALF_SQUARE, HALF_SQUARE);

// Equilateral triangle, apex up, circumradius 1, centroid at the origin.
const TRI_R = SQRT3 / 2;
const triangle: Sdf = (x0, y0) => {
  let px = Math.abs(x0) - TRI_R;
  let py = y0 + TRI_R / SQRT3;
  if (px + SQRT3 * py > 0) {
    const nx = (px - SQRT3 * py) / 2;
    const ny = (-SQRT3 * px - py) / 2;
    px = nx;
    py = ny;
  }
  px -= Math.min(0, Math.max(-2 * TRI_R, px));
  return -Math.sqrt(px * px + py * py) * Math.sign(py);
};

const STAR_K1X = 0.809016994375;
const STAR_K1Y = -0.587785252292;
const STAR_INNER = 0.45;
// Five-pointed star, one point up, outer radius 1.
const star: Sdf = (x0, y0) => {
  let px = Math.abs(x0);
  let py = y0;
  let d = Math.max(STAR_K1X * px + STAR_K1Y * py, 0);
  px -= 2 * d * STAR_K1X;
  py -= 2 * d * STAR_K1Y;
  d = Math.max(-STAR_K1X * px + STAR_K1Y * py, 0);
  px -= 2 * d * -STAR_K1X;
  py -= 2 * d * STAR_K1Y;
  px = Math.abs(px);
  py -= 1;
  const bax = STAR_INNER * -STAR_K1Y;
  const bay = STAR_INNER * STAR_K1X - 1;
  const h = Math.min(1, Math.max(0, (px * bax + py * bay) / (bax * bax + bay * bay)));
  const dx = px - bax * h;
  const dy = py - bay * h;
  return Math.sqrt(dx * dx + dy * dy) * Math.sign(py * bax - px * bay);
};

export const RING_INNER = 0.6;
const ring: Sdf = (x, y) => Math.abs(Math.sqrt(x * x + y * y) - (1 + RING_INNER) / 2) - (1 - RING_INNER) / 2;

// Rhombus taller than wide, so it never looks like a rotated square.
const RHOMBUS_X = 0.62;
const RHOMBUS_Y = 1;
const diamond: Sdf = (x0, y0) => {
  const px = Math.abs(x0);
  const py = Math.abs(y0);
  const bb = RHOMBUS_X * RHOMBUS_X + RHOMBUS_Y * RHOMBUS_Y;
  const ndot = (RHOMBUS_X - 2 * px) * RHOMBUS_X - (RHOMBUS_Y - 2 * py) * RHOMBUS_Y;
  const h = Math.min(1, Math.max(-1, ndot / bb));
  const dx = px - 0.5 * RHOMBUS_X * (1 - h);
  const dy = py - 0.5 * RHOMBUS_Y * (1 + h);
  return Math.sqrt(dx * dx + dy * dy) * Math.sign(px * RHOMBUS_Y + py * RHOMBUS_X - RHOMBUS_X * RHOMBUS_Y);
};

const HEX_KX = -0.866025404;
const HEX_KY = 0.5;
const HEX_KZ = 0.577350269;
const HEX_APOTHEM = SQRT3 / 2;
// Regular hexagon with flat top and bottom, circumradius 1.
const hexagon: Sdf = (x0, y0) => {
  let px = Math.abs(x0);
  let py = Math.abs(y0);
  const d = Math.min(HEX_KX * px + HEX_KY * py, 0);
  px -= 2 * d * HEX_KX;
  py -= 2 * d * HEX_KY;
  const lim = HEX_KZ * HEX_APOTHEM;
  px -= Math.min(lim, Math.max(-lim, px));
  py -= HEX_APOTHEM;
  return Math.sqrt(px * px + py * py) * Math.sign(py);
};

// Quilez's heart spans y 0..1.1 and |x| <= 0.6; scale it so it fits the unit circle around its middle.
const HEART_SCALE = 0.64;
const HEART_MID = 0.55;
const heart: Sdf = (x0, y0) => {
  const px = Math.abs(x0 * HEART_SCALE);
  const py = y0 * HEART_SCALE + HEART_MID;
  let d: number;
  if (py + px > 1) {
    const dx = px - 0.25;
    const dy = py - 0.75;
    d = Math.sqrt(dx * dx + dy * dy) - Math.SQRT2 / 4;
  } else {
    const ax = px;
    const ay = py - 1;
    const m = 0.5 * Math.max(px + py, 0);
    const bx = px - m;
    const by = py - m;
    d = Math.sqrt(Math.min(ax * ax + ay * ay, bx * bx + by * by)) * Math.sign(px - py);
  }
  return d / HEART_SCALE;
};

const CROSS_ARM = 0.95;
const CROSS_HALF_WIDTH = 0.3;
const cross: Sdf = (x, y) =>
  Math.min(box(x, y, CROSS_ARM, CROSS_HALF_WIDTH), box(x, y, CROSS_HALF_WIDTH, CROSS_ARM));

// A disc with a smaller disc bitten out of its right side.
const BITE_X = 0.42;
const BITE_Y = 0.12;
const BITE_R = 0.82;
const crescent: Sdf = (x, y) => {
  const outer = Math.sqrt(x * x + y * y) - 1;
  const bx = x - BITE_X;
  const by = y - BITE_Y;
  const bite = Math.sqrt(bx * bx + by * by) - BITE_R;
  return Math.max(outer, -bite);
};

export const SHAPE_SDF: Readonly<Record<ShapeKind, Sdf>> = {
  circle,
  square,
  triangle,
  star,
  ring,
  diamond,
  hexagon,
  heart,
  cross,
  crescent,
};
