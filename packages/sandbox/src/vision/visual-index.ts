import { DESCRIPTOR_LENGTH, type VisualDescriptor } from "./descriptor.ts";

export interface Neighbour {
  readonly id: string;
  readonly score: number;
}

/** Orders worse-first: lower score, or for equal scores the later id. */
const worse = (scoreA: number, idA: string, scoreB: number, idB: string): boolean =>
  scoreA < scoreB || (scoreA === scoreB && idA > idB);

/**
 * Brute-force nearest neighbours by dot product over descriptors stored in one contiguous Float32Array
 * (grown by doubling), with a bounded heap for the top k. Deterministic: ties are broken by id.
 */
export class VisualIndex {
  readonly #dim: number;
  #vectors: Float32Array;
  #ids: string[] = [];
  #rows = new Map<string, number>();

  constructor(initialCapacity = 1024, dimension = DESCRIPTOR_LENGTH) {
    this.#dim = dimension;
    this.#vectors = new Float32Array(Math.max(1, initialCapacity) * dimension);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Adds a descriptor, or replaces the one already stored under `id`. */
  add(id: string, descriptor: VisualDescriptor): void {
    if (descriptor.length !== this.#dim) {
      throw new RangeError(`VisualIndex.add: descriptor length ${descriptor.length}, expected ${this.#dim}`);
    }
    let row = this.#rows.get(id);
    if (row === undefined) {
      row = this.#ids.length;
      if ((row + 1) * this.#dim > this.#vectors.length) {
        const grown = new Float32Array(this.#vectors.length * 2);
        grown.set(this.#vectors);
        this.#vectors = grown;
      }
      this.#ids.push(id);
      this.#rows.set(id, row);
    }
    this.#vectors.set(descriptor, row * this.#dim);
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  /** A copy of the stored descriptor. */
  descriptorOf(id: string): VisualDescriptor | undefined {
    const row = this.#rows.get(id);
    if (row === undefined) return undefined;
    return this.#vectors.slice(row * this.#dim, (row + 1) * this.#dim);
  }

  /**
   * The k stored descriptors most similar to `query` (that `accept` lets through), best first; scores are
   * dot products clamped to [0, 1], ties ordered by id.
   */
  nearest(query: VisualDescriptor, k: number, accept?: (id: string) => boolean): Neighbour[] {
    if (query.length !== this.#dim) {
      throw new RangeError(`VisualIndex.nearest: query length ${query.length}, expected ${this.#dim}`);
    }
    const limit = Math.min(Math.max(0, Math.floor(k)), this.#ids.length);
    if (limit === 0) return [];
    const dim = this.#dim;
    const vectors = this.#vectors;
    const ids = this.#ids;
    // Min-heap (worst at the root) of row numbers and their scores.
    const heapRows = new Int32Array(limit);
    const heapScores = new Float64Array(limit);
    let count = 0;

    const siftDown = (start: number): void => {
      let i = start;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= count) return;
        const right = left + 1;
        let child = left;
        if (
          right < count &&
          worse(heapScores[right]!, ids[heapRows[right]!]!, heapScores[left]!, ids[heapRows[left]!]!)
        ) {
          child = right;
        }
        if (!worse(heapScores[child]!, ids[heapRows[child]!]!, heapScores[i]!, ids[heapRows[i]!]!)) return;
        const r = heapRows[i]!;
        const s = heapScores[i]!;
        heapRows[i] = heapRows[child]!;
        heapScores[i] = heapScores[child]!;
        heapRows[child] = r;
        heapScores[child] = s;
        i = child;
      }
    };
    const siftUp = (start: number): void => {
      let i = start;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heapScores[i]!, ids[heapRows[i]!]!, heapScores[parent]!, ids[heapRows[parent]!]!)) return;
        const r = heapRows[i]!;
        const s = heapScores[i]!;
        heapRows[i] = heapRows[parent]!;
        heapScores[i] = heapScores[parent]!;
        heapRows[parent] = r;
        heapScores[parent] = s;
        i = parent;
      }
    };

    for (let row = 0, base = 0, n = ids.length; row < n; row++, base += dim) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < dim; j += 4) {
        s0 += vectors[base + j]! * query[j]!;
        s1 += vectors[base + j + 1]! * query[j + 1]!;
        s2 += vectors[base + j + 2]! * query[j + 2]!;
        s3 += vectors[base + j + 3]! * query[j + 3]!;
      }
      for (; j < dim; j++) s0 += vectors[base + j]! * query[j]!;
      let score = s0 + s1 + s2 + s3;
      score = score < 0 ? 0 : Math.min(score, 1);
      if (count === limit && !worse(heapScores[0]!, ids[heapRows[0]!]!, score, ids[row]!)) continue;
      if (accept !== undefined && !accept(ids[row]!)) continue;
      if (count < limit) {
        heapRows[count] = row;
        heapScores[count] = score;
        count++;
        siftUp(count - 1);
      } else {
        heapRows[0] = row;
        heapScores[0] = score;
        siftDown(0);
      }
    }

    const out: Neighbour[] = [];
    for (let i = 0; i < count; i++) out.push({ id: ids[heapRows[i]!]!, score: heapScores[i]! });
    out.sort((p, q) => q.score - p.score || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
    return out;
  }
}
