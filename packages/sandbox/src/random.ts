/**
 * Seeded pseudo-random numbers (sfc32 seeded by a cyrb128 string hash).
 *
 * Streams are keyed by a string so `fork(label)` can derive an independent
 * stream without consuming from the parent: adding a new consumer never shifts
 * the numbers any other consumer sees.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, maxInclusive]. */
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** An independent stream derived from this stream's seed and `label` (not from its position). */
  fork(label: string): Rng;
}

const cyrb128 = (text: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
};

const seedKey = (seed: number | string): string => (typeof seed === "number" ? `n:${seed}` : `s:${seed}`);

const fromKey = (key: string): Rng => {
  let [a, b, c, d] = cyrb128(key);
  const nextUint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up so similar keys do not start with correlated outputs.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 4294967296;
  const int = (min: number, maxInclusive: number): number => {
    if (!Number.isFinite(min) || !Number.isFinite(maxInclusive) || maxInclusive < min) {
      throw new RangeError(`Rng.int: invalid range [${min}, ${maxInclusive}]`);
    }
    const lo = Math.ceil(min);
    const span = Math.floor(maxInclusive) - lo + 1;
    return lo + Math.floor(next() * span);
  };
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError("Rng.pick: empty list");
      return items[int(0, items.length - 1)] as T;
    },
    chance: (p: number): boolean => next() < p,
    fork: (label: string): Rng => fromKey(`${key}/${label}`),
  };
};

export const makeRng = (seed: number | string): Rng => fromKey(seedKey(seed));
