/** sRGB <-> CIE Lab (D65) helpers shared by the generator (colour contrast) and the descriptor. */

const SRGB_TO_LINEAR = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  SRGB_TO_LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

const labF = (t: number): number => (t > 0.008856451679 ? Math.cbrt(t) : 7.787037037 * t + 16 / 116);

// Cube roots by table with linear interpolation (error below 1e-4 in L) for whole-image conversion.
// The table reaches a little past 1 because white's X/Xn rounds to just above 1.
const F_STEPS = 4096;
const F_LIMIT = 1.02;
const F_TABLE = new Float64Array(Math.ceil(F_STEPS * F_LIMIT) + 2);
for (let i = 0; i < F_TABLE.length; i++) F_TABLE[i] = labF(i / F_STEPS);
const labFFast = (t: number): number => {
  if (t <= 0.008856451679 || t >= F_LIMIT) return labF(t);
  const x = t * F_STEPS;
  const i = x | 0;
  const lo = F_TABLE[i]!;
  return lo + (F_TABLE[i + 1]! - lo) * (x - i);
};

export type Lab = readonly [l: number, a: number, b: number];

/** Lab of an 8-bit sRGB colour (channels are rounded and clamped to 0..255). */
export const rgbToLab = (r: number, g: number, b: number): Lab => {
  const rl = SRGB_TO_LINEAR[clampByte(r)]!;
  const gl = SRGB_TO_LINEAR[clampByte(g)]!;
  const bl = SRGB_TO_LINEAR[clampByte(b)]!;
  const x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
  const y = 0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl;
  const z = (0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl) / 1.08883;
  const fx = labF(x);
  const fy = labF(y);
  const fz = labF(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
};

export const deltaE = (p: Lab, q: Lab): number => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);

export const clampByte = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/** Writes the Lab values of the first `count` pixels of an RGBA buffer into three planes. */
export const rgbaToLabPlanes = (
  data: Uint8ClampedArray,
  count: number,
  outL: Float32Array,
  outA: Float32Array,
  outB: Float32Array,
): void => {
  for (let i = 0, p = 0; i < count; i++, p += 4) {
    const rl = SRGB_TO_LINEAR[data[p]!]!;
    const gl = SRGB_TO_LINEAR[data[p + 1]!]!;
    const bl = SRGB_TO_LINEAR[data[p + 2]!]!;
    const x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
    const y = 0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl;
    const z = (0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl) / 1.08883;
    const fx = labFFast(x);
    const fy = labFFast(y);
    const fz = labFFast(z);
    outL[i] = 116 * fy - 16;
    outA[i] = 500 * (fx - fy);
    outB[i] = 200 * (fy - fz);
  }
};
