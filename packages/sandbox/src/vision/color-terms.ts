/**
 * Colour "terms": a soft assignment of a Lab colour to reference colours. Two colours' assignments have a
 * dot product that behaves like a Gaussian kernel on their Lab distance, so nearby shades match and
 * distinct hues (blue vs purple, black vs white) do not.
 */
import { rgbToLab } from "../imaging/color.ts";
import { COLORS } from "../imaging/palette.ts";

// The catalog palette plus a few shades that fill its gaps for arbitrary uploads.
const EXTRA_HEX = ["8B0000", "1E4D2B", "808000", "00B7EB", "D0209E", "C8B6E6", "D2B48C", "5C3A1E", "FFB07C"];

const REFERENCES: Float32Array = (() => {
  const hexes = [...Object.values(COLORS), ...EXTRA_HEX];
  const out = new Float32Array(hexes.length * 3);
  hexes.forEach((hex, i) => {
    const [l, a, b] = rgbToLab(
      Number.parseInt(hex.slice(0, 2), 16),
      Number.parseInt(hex.slice(2, 4), 16),
      Number.parseInt(hex.slice(4, 6), 16),
    );
    out[i * 3] = l;
    out[i * 3 + 1] = a;
    out[i * 3 + 2] = b;
  });
  return out;
})();

export const COLOR_TERMS = REFERENCES.length / 3;

const SIGMA = 10;

/**
 * Adds `weight` times the (unit-length) affinity of a Lab colour to every reference colour into
 * out[offset .. offset + COLOR_TERMS). Affinities are taken relative to the nearest reference, so an
 * unusual colour still maps onto its closest terms.
 */
export const addColorTerms = (
  out: Float32Array,
  offset: number,
  l: number,
  a: number,
  b: number,
  weight: number,
): void => {
  const d2 = new Float64Array(COLOR_TERMS);
  let nearest = Number.POSITIVE_INFINITY;
  for (let k = 0; k < COLOR_TERMS; k++) {
    const dl = l - REFERENCES[k * 3]!;
    const da = a - REFERENCES[k * 3 + 1]!;
    const db = b - REFERENCES[k * 3 + 2]!;
    const d = dl * dl + da * da + db * db;
    d2[k] = d;
    if (d < nearest) nearest = d;
  }
  let norm = 0;
  for (let k = 0; k < COLOR_TERMS; k++) {
    const w = Math.exp(-(d2[k]! - nearest) / (2 * SIGMA * SIGMA));
    d2[k] = w;
    norm += w * w;
  }
  const scale = weight / Math.sqrt(norm);
  for (let k = 0; k < COLOR_TERMS; k++) out[offset + k]! += d2[k]! * scale;
};
