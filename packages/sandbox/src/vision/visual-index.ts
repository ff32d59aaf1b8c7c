import { DESCRIPTOR_LENGTH, type VisualDescriptor } from "./descriptor.ts";

export interface Neighbour {
  readonly id: string;
  readonly score: number;
}

/**
 * Exact nearest neighbours by dot product. All descriptors live in one contiguous Float32Array laid out
 * dimension by dimension (`capacity` values per dimension, grown by doubling), so a query only streams
 * through the dimensions where it is non-zero (descriptors are sparse), accumulating every row's score
 * in one pass; a bounded heap then keeps the top k. Deterministic: equal scores are ordered by id.
 */
export class VisualIndex {
  readonly #dim: number;
  #capacity: number;
  #columns: Float32Array;
  #ids: string[] = [];
  #rows = new Map<string, number>();
  #scores: Float32Array;

  constructor(initialCapacity = 1024, dimension = DESCRIPTOR_LENGTH) {
    this.#dim = dimension;
    this.#capacity = Math.max(1, Math.floor(initialCapacity));
    this.#columns = new Float32Array(this.#capacity * dimension);
    this.#scores = new Float32Array(this.#capacity);
  }

  get size(): number {
    return this.#ids.length;
  }

  #grow(): void {
    const capacity = this.#capacity * 2;
    const columns = new Float32Array(capacity * this.#dim);
    for (let j = 0; j < this.#dim; j++) {
      columns.set(
        this.#columns.subarray(j * this.#capacity, j * this.#capacity + this.#ids.length),
        j * capacity,
      );
    }
    this.#capacity = capacity;
    this.#columns = columns;
    this.#scores = new Float32Array(capacity);
  }

  /** Adds a descriptor, or replaces the one already stored under `id`. */
  add(id: string, descriptor: VisualDescriptor): void {
    if (descriptor.length !== this.#dim) {
      throw new RangeError(`VisualIndex.add: descriptor length ${descriptor.length}, expected ${this.#dim}`);
    }
    let row = this.#rows.get(id);
    if (row === undefined) {
      if (this.#ids.length === this.#capacity) this.#grow();
      row = this.#ids.length;
      this.#ids.push(id);
      this.#rows.set(id, row);
    }
    const capacity = this.#capacity;
    const columns = this.#columns;
    for (let j = 0, at = row; j < this.#dim; j++, at += capacity) columns[at] = descriptor[j]!;
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  /** A copy of the stored descriptor. */
  descriptorOf(id: string): VisualDescriptor | undefined {
    const row = this.#rows.get(id);
    if (row === undefined) return undefined;
    const out = new Float32Array(this.#dim);
    for (let j = 0, at = row; j < this.#dim; j++, at += this.#capacity) out[j] = this.#columns[at]!;
    return out;
  }

  /**
   * The k stored descriptors most similar to `query` (among those `accept` lets through), best first;
   * scores are dot products clamped to [0, 1], ties ordered by id.
   */
  nearest(query: VisualDescriptor, k: number, accept?: (id: string) => boolean): Neighbour[] {
    if (query.length !== this.#dim) {
      throw new RangeError(`VisualIndex.nearest: query length ${query.length}, expected ${this.#dim}`);
    }
    const n = this.#ids.length;
    const limit = Math.min(Math.max(0, Math.floor(k)), n);
    if (limit === 0) return [];

    const scores = this.#scores;
    scores.fill(0, 0, n);
    const columns = this.#columns;
    const capacity = this.#capacity;
    for (let j = 0; j < this.#dim; j++) {
      const q = query[j]!;
      if (q === 0) continue;
      const base = j * capacity;
      for (let r = 0; r < n; r++) scores[r] = scores[r]! + q * columns[base + r]!;
    }
    return this.#topK(scores, n, limit, accept);
  }

  #topK(scores: Float32Array, n: number, limit: number, accept?: (id: string) => boolean): Neighbour[] {
    const ids = this.#ids;
    // Min-heap (worst at the root): lower score is worse; for equal scores the later id is worse.
    const heapRows = new Int32Array(limit);
    const heapScores = new Float64Array(limit);
    let count = 0;
    const worse = (i: number, j: number): boolean => {
      const a = heapScores[i]!;
      const b = heapScores[j]!;
      return a < b || (a === b && ids[heapRows[i]!]! > ids[heapRows[j]!]!);
    };
    const swap = (i: number, j: number): void => {
      const r = heapRows[i]!;
      const s = heapScores[i]!;
      heapRows[i] = heapRows[j]!;
      heapScores[i] = heapScores[j]!;
      heapRows[j] = r;
      heapScores[j] = s;
    };

    for (let row = 0; row < n; row++) {
      const raw = scores[row]!;
      const score = raw < 0 ? 0 : Math.min(raw, 1);
      if (count === limit) {
        const rootScore = heapScores[0]!;
        if (score < rootScore || (score === rootScore && ids[row]! > ids[heapRows[0]!]!)) continue;
      }
      if (accept !== undefined && !accept(ids[row]!)) continue;
      if (count < limit) {
        let i = count++;
        heapRows[i] = row;
        heapScores[i] = score;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!worse(i, parent)) break;
          swap(i, parent);
          i = parent;
        }
      } else {
        heapRows[0] = row;
        heapScores[0] = score;
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= count) break;
          const right = left + 1;
          const child = right < count && worse(right, left) ? right : left;
          if (!worse(child, i)) break;
          swap(child, i);
          i = child;
        }
      }
    }

    const out: Neighbour[] = [];
    for (let i = 0; i < count; i++) out.push({ id: ids[heapRows[i]!]!, score: heapScores[i]! });
    out.sort((p, q) => q.score - p.score || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
    return out;
  }
}
