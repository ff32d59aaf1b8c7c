/**
 * Figure/ground separation for descriptor extraction: a background model from the image border, a
 * per-pixel foreground weight, and the soft mask of the main object (the largest connected region of
 * the most common foreground colour).
 */

export interface LabPlanes {
  readonly width: number;
  readonly height: number;
  readonly l: Float32Array;
  readonly a: Float32Array;
  readonly b: Float32Array;
}

export interface Segmentation {
  /** Background colours seen on the border, Lab triples, most frequent first. */
  readonly background: Float32Array;
  /** Share of the border each background colour covers (same order, sums to 1). */
  readonly backgroundShare: Float32Array;
  /** 0..1: how much each pixel differs from every background colour. */
  readonly foreground: Float32Array;
  /** Lab of the main object's colour, if there is an object at all. */
  readonly objectColor: readonly [number, number, number] | undefined;
  /** 0..1 soft coverage of the main object (anti-aliased edges keep fractional values). */
  readonly mask: Float32Array;
  /** Sum of `mask`. */
  readonly objectArea: number;
}

const BIN = 6;
/** Below this ΔE from a background colour a pixel is background; above FG_HIGH it is foreground. */
const FG_LOW = 10;
const FG_HIGH = 22;
const MODE_RADIUS = 15;

const binKey = (l: number, a: number, b: number, size: number): number =>
  (Math.floor(l / size) + 64) * 65536 + (Math.floor(a / size) + 128) * 256 + (Math.floor(b / size) + 128);

/** Mean Lab of the border's colour clusters that hold at least ~1.5% of the border. */
const borderColors = (img: LabPlanes): { colors: Float32Array; shares: Float32Array } => {
  const { width, height, l, a, b } = img;
  const ring = Math.max(1, Math.round(Math.min(width, height) * 0.025));
  const sums = new Map<number, [number, number, number, number]>();
  let total = 0;
  const visit = (i: number) => {
    const key = binKey(l[i]!, a[i]!, b[i]!, BIN);
    let s = sums.get(key);
    if (s === undefined) {
      s = [0, 0, 0, 0];
      sums.set(key, s);
    }
    s[0] += l[i]!;
    s[1] += a[i]!;
    s[2] += b[i]!;
    s[3] += 1;
    total++;
  };
  for (let y = 0; y < height; y++) {
    const edgeRow = y < ring || y >= height - ring;
    for (let x = 0; x < width; x++) {
      if (edgeRow || x < ring || x >= width - ring) visit(y * width + x);
    }
  }
  const minCount = Math.max(2, total * 0.015);
  const kept = [...sums.values()].filter((s) => s[3] >= minCount).sort((p, q) => q[3] - p[3] || p[0] - q[0]);
  const clusters =
    kept.length > 0 ? kept.slice(0, 48) : [...sums.values()].sort((p, q) => q[3] - p[3]).slice(0, 1);
  const colors = new Float32Array(clusters.length * 3);
  const shares = new Float32Array(clusters.length);
  let keptTotal = 0;
  for (const s of clusters) keptTotal += s[3];
  clusters.forEach((s, i) => {
    colors[i * 3] = s[0] / s[3];
    colors[i * 3 + 1] = s[1] / s[3];
    colors[i * 3 + 2] = s[2] / s[3];
    shares[i] = s[3] / keptTotal;
  });
  return { colors, shares };
};

export const segment = (img: LabPlanes): Segmentation => {
  const { width, height, l, a, b } = img;
  const n = width * height;
  const { colors: background, shares: backgroundShare } = borderColors(img);
  const bgCount = background.length / 3;

  // Distance to, and index of, the nearest background colour.
  const bgDist = new Float32Array(n);
  const bgIndex = new Uint8Array(n);
  const foreground = new Float32Array(n);
  let fgMass = 0;
  for (let i = 0; i < n; i++) {
    const pl = l[i]!;
    const pa = a[i]!;
    const pb = b[i]!;
    // Flat areas: same colour as the previous pixel, same answer.
    if (i > 0 && pl === l[i - 1] && pa === a[i - 1] && pb === b[i - 1]) {
      bgDist[i] = bgDist[i - 1]!;
      bgIndex[i] = bgIndex[i - 1]!;
      foreground[i] = foreground[i - 1]!;
      fgMass += foreground[i]!;
      continue;
    }
    let best = Number.POSITIVE_INFINITY;
    let bestIndex = 0;
    for (let k = 0, o = 0; k < bgCount; k++, o += 3) {
      const dl = pl - background[o]!;
      const da = pa - background[o + 1]!;
      const db = pb - background[o + 2]!;
      const d = dl * dl + da * da + db * db;
      if (d < best) {
        best = d;
        bestIndex = k;
        // Clusters are at least a bin apart, so one this close is the nearest for every purpose here.
        if (d < 4) break;
      }
    }
    const d = Math.sqrt(best);
    bgDist[i] = d;
    bgIndex[i] = bestIndex;
    const f = d <= FG_LOW ? 0 : d >= FG_HIGH ? 1 : (d - FG_LOW) / (FG_HIGH - FG_LOW);
    foreground[i] = f;
    fgMass += f;
  }

  const mask = new Float32Array(n);
  if (fgMass < Math.max(4, n * 0.002)) {
    return { background, backgroundShare, foreground, objectColor: undefined, mask, objectArea: 0 };
  }

  // The most common foreground colour, refined by a few mean-shift steps.
  const votes = new Map<number, [number, number, number, number]>();
  for (let i = 0; i < n; i++) {
    const f = foreground[i]!;
    if (f < 0.99) continue;
    const key = binKey(l[i]!, a[i]!, b[i]!, 10);
    let s = votes.get(key);
    if (s === undefined) {
      s = [0, 0, 0, 0];
      votes.set(key, s);
    }
    s[0] += l[i]!;
    s[1] += a[i]!;
    s[2] += b[i]!;
    s[3] += 1;
  }
  let top: [number, number, number, number] | undefined;
  for (const s of votes.values()) {
    if (top === undefined || s[3] > top[3] || (s[3] === top[3] && s[0] < top[0])) top = s;
  }
  if (top === undefined)
    return { background, backgroundShare, foreground, objectColor: undefined, mask, objectArea: 0 };
  let ol = top[0] / top[3];
  let oa = top[1] / top[3];
  let ob = top[2] / top[3];
  for (let step = 0; step < 3; step++) {
    let sl = 0;
    let sa = 0;
    let sb = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (foreground[i]! < 0.99) continue;
      const dl = l[i]! - ol;
      const da = a[i]! - oa;
      const db = b[i]! - ob;
      if (dl * dl + da * da + db * db > MODE_RADIUS * MODE_RADIUS) continue;
      sl += l[i]!;
      sa += a[i]!;
      sb += b[i]!;
      count++;
    }
    if (count === 0) break;
    ol = sl / count;
    oa = sa / count;
    ob = sb / count;
  }

  // Soft coverage: project each pixel on the segment from its nearest background colour to the object
  // colour (exact for anti-aliased edges), and drop pixels that lie far off that segment.
  const soft = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Plain background: not worth projecting.
    if (bgDist[i]! < 2) continue;
    const o = bgIndex[i]! * 3;
    const gl = background[o]!;
    const ga = background[o + 1]!;
    const gb = background[o + 2]!;
    const vl = ol - gl;
    const va = oa - ga;
    const vb = ob - gb;
    const vv = vl * vl + va * va + vb * vb;
    if (vv < 1) continue;
    const pl = l[i]! - gl;
    const pa = a[i]! - ga;
    const pb = b[i]! - gb;
    let t = (pl * vl + pa * va + pb * vb) / vv;
    t = t < 0 ? 0 : Math.min(t, 1);
    const rl = pl - t * vl;
    const ra = pa - t * va;
    const rb = pb - t * vb;
    const residual = Math.sqrt(rl * rl + ra * ra + rb * rb);
    const keep = residual <= 8 ? 1 : residual >= 18 ? 0 : (18 - residual) / 10;
    soft[i] = t * keep;
  }

  // Largest 4-connected region of solid coverage, plus its anti-aliased rim.
  const label = new Int32Array(n);
  const stack = new Int32Array(n);
  let bestLabel = 0;
  let bestArea = 0;
  let next = 0;
  for (let seed = 0; seed < n; seed++) {
    if (label[seed] !== 0 || soft[seed]! <= 0.5) continue;
    next++;
    let area = 0;
    let sp = 0;
    stack[sp++] = seed;
    label[seed] = next;
    while (sp > 0) {
      const i = stack[--sp]!;
      area += soft[i]!;
      const x = i % width;
      if (x > 0 && label[i - 1] === 0 && soft[i - 1]! > 0.5) {
        label[i - 1] = next;
        stack[sp++] = i - 1;
      }
      if (x < width - 1 && label[i + 1] === 0 && soft[i + 1]! > 0.5) {
        label[i + 1] = next;
        stack[sp++] = i + 1;
      }
      if (i >= width && label[i - width] === 0 && soft[i - width]! > 0.5) {
        label[i - width] = next;
        stack[sp++] = i - width;
      }
      if (i + width < n && label[i + width] === 0 && soft[i + width]! > 0.5) {
        label[i + width] = next;
        stack[sp++] = i + width;
      }
    }
    if (area > bestArea) {
      bestArea = area;
      bestLabel = next;
    }
  }
  let objectArea = 0;
  for (let i = 0; i < n; i++) {
    const s = soft[i]!;
    if (s <= 0) continue;
    let inside = label[i] === bestLabel;
    if (!inside && s <= 0.5) {
      const x = i % width;
      inside =
        (x > 0 && label[i - 1] === bestLabel) ||
        (x < width - 1 && label[i + 1] === bestLabel) ||
        (i >= width && label[i - width] === bestLabel) ||
        (i + width < n && label[i + width] === bestLabel);
    }
    if (inside) {
      mask[i] = s;
      objectArea += s;
    }
  }
  return { background, backgroundShare, foreground, objectColor: [ol, oa, ob], mask, objectArea };
};
