import {
  DESCRIPTOR_BLOCKS,
  DESCRIPTOR_LENGTH,
  type DescriptorBlock,
  type VisualDescriptor,
} from "./descriptor.ts";
import { TopK } from "./top-k.ts";

export interface Neighbour {
  readonly id: string;
  readonly score: number;
}

/** How many of the heaviest blocks every query scores over every row (the rest only for candidates). */
const SCREEN_BLOCKS = 2;
/** Rows are visited in this many bands of their screening score, best band first. */
const BANDS = 1024;
/**
 * Added to every bound: float32 rounding of the partial and exact sums (a few 1e-6 for unit vectors)
 * must never prune a row that the exact score would have kept.
 */
const BOUND_SLACK = 1e-4;

/**
 * Exact nearest neighbours by dot product, without scoring every row in full. The descriptor is made
 * of blocks whose norms are fixed by their weights; the two heaviest (the object's shape kind and
 * colour, about half the norm) are kept column by column and scored over every row first. Every other
 * block can add at most |query block| * max |row block| (Cauchy-Schwarz), so rows are then scored in
 * full from a row-major matrix in order of their screening score, until the best remaining screening
 * score plus that bound falls below the k-th best exact score: the rows left cannot enter the top k.
 * Exact scores add the query's non-zero entries in dimension order, rounding to float32 at each step,
 * so results equal a plain scan's, bit for bit; equal scores are ordered by id.
 */
export class VisualIndex {
  readonly #dim: number;
  /** The dimensions scored over every row, and each dimension's column among them (or -1). */
  readonly #screenDims: Int32Array;
  readonly #screenSlot: Int32Array;
  /** Every other dimension's block (blocks the layout leaves out form one more), and each block's largest norm. */
  readonly #groupOf: Int32Array;
  readonly #groupMax: Float64Array;
  readonly #norms: Float64Array;
  #capacity: number;
  #matrix: Float32Array;
  #screen: Float32Array;
  #partial: Float32Array;
  #order: Int32Array;
  #ids: string[] = [];
  #rows = new Map<string, number>();

  /**
   * `blocks` partition the descriptor (default: the visual descriptor's own for its length, none for
   * any other, which makes every query a plain exact scan).
   */
  constructor(
    initialCapacity = 1024,
    dimension = DESCRIPTOR_LENGTH,
    blocks: ReadonlyArray<DescriptorBlock> = dimension === DESCRIPTOR_LENGTH ? DESCRIPTOR_BLOCKS : [],
  ) {
    this.#dim = dimension;
    const heaviest = [...blocks].sort((a, b) => b.weight - a.weight || a.offset - b.offset);
    const screen = heaviest.slice(0, SCREEN_BLOCKS);
    this.#groupOf = new Int32Array(dimension).fill(-1);
    this.#screenSlot = new Int32Array(dimension).fill(-1);
    const screenDims: number[] = [];
    for (const block of screen) {
      for (let j = block.offset; j < block.offset + block.length && j < dimension; j++) {
        this.#screenSlot[j] = screenDims.length;
        screenDims.push(j);
      }
    }
    this.#screenDims = Int32Array.from(screenDims);
    const rest = heaviest.slice(SCREEN_BLOCKS);
    rest.forEach((block, group) => {
      for (let j = block.offset; j < block.offset + block.length && j < dimension; j++) {
        if (this.#screenSlot[j] === -1) this.#groupOf[j] = group;
      }
    });
    for (let j = 0; j < dimension; j++) {
      if (this.#screenSlot[j] === -1 && this.#groupOf[j] === -1) this.#groupOf[j] = rest.length;
    }
    this.#groupMax = new Float64Array(rest.length + 1);
    this.#norms = new Float64Array(rest.length + 1);
    this.#capacity = Math.max(1, Math.floor(initialCapacity));
    this.#matrix = new Float32Array(this.#capacity * dimension);
    this.#screen = new Float32Array(this.#capacity * this.#screenDims.length);
    this.#partial = new Float32Array(this.#capacity);
    this.#order = new Int32Array(this.#capacity);
  }

  get size(): number {
    return this.#ids.length;
  }

  #grow(): void {
    const capacity = this.#capacity * 2;
    const matrix = new Float32Array(capacity * this.#dim);
    matrix.set(this.#matrix);
    const screen = new Float32Array(capacity * this.#screenDims.length);
    for (let slot = 0; slot < this.#screenDims.length; slot++) {
      const from = slot * this.#capacity;
      screen.set(this.#screen.subarray(from, from + this.#ids.length), slot * capacity);
    }
    this.#capacity = capacity;
    this.#matrix = matrix;
    this.#screen = screen;
    this.#partial = new Float32Array(capacity);
    this.#order = new Int32Array(capacity);
  }

  /** Adds a descriptor, or replaces the one already stored under `id`. */
  add(id: string, descriptor: VisualDescriptor): void {
    const dim = this.#dim;
    if (descriptor.length !== dim) {
      throw new RangeError(`VisualIndex.add: descriptor length ${descriptor.length}, expected ${dim}`);
    }
    let row = this.#rows.get(id);
    if (row === undefined) {
      if (this.#ids.length === this.#capacity) this.#grow();
      row = this.#ids.length;
      this.#ids.push(id);
      this.#rows.set(id, row);
    }
    this.#matrix.set(descriptor, row * dim);
    const screenDims = this.#screenDims;
    for (let slot = 0; slot < screenDims.length; slot++) {
      this.#screen[slot * this.#capacity + row] = descriptor[screenDims[slot]!]!;
    }
    // A replaced row's old norms stay in the maxima: a looser bound, never a wrong one.
    const norms = this.#norms.fill(0);
    for (let j = 0; j < dim; j++) {
      const group = this.#groupOf[j]!;
      if (group >= 0) norms[group]! += descriptor[j]! * descriptor[j]!;
    }
    for (let group = 0; group < norms.length; group++) {
      this.#groupMax[group] = Math.max(this.#groupMax[group]!, Math.sqrt(norms[group]!));
    }
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  /** A copy of the stored descriptor. */
  descriptorOf(id: string): VisualDescriptor | undefined {
    const row = this.#rows.get(id);
    if (row === undefined) return undefined;
    return this.#matrix.slice(row * this.#dim, (row + 1) * this.#dim);
  }

  /**
   * The k stored descriptors most similar to `query` (among those `accept` lets through), best first;
   * scores are dot products clamped to [0, 1], ties ordered by id.
   */
  nearest(query: VisualDescriptor, k: number, accept?: (id: string) => boolean): Neighbour[] {
    const dim = this.#dim;
    if (query.length !== dim) {
      throw new RangeError(`VisualIndex.nearest: query length ${query.length}, expected ${dim}`);
    }
    const n = this.#ids.length;
    const limit = Math.min(Math.max(0, Math.floor(k)), n);
    if (limit === 0) return [];

    // The query's non-zero entries in dimension order (the order exact scores add them in), and the
    // most the blocks outside the screen can add to any row's score.
    const dims = new Int32Array(dim);
    const values = new Float32Array(dim);
    const groupNorms = new Float64Array(this.#groupMax.length);
    let nonZero = 0;
    for (let j = 0; j < dim; j++) {
      const q = query[j]!;
      if (q === 0) continue;
      dims[nonZero] = j;
      values[nonZero++] = q;
      const group = this.#groupOf[j]!;
      if (group >= 0) groupNorms[group]! += q * q;
    }
    let reach = BOUND_SLACK;
    for (let group = 0; group < groupNorms.length; group++) {
      reach += Math.sqrt(groupNorms[group]!) * this.#groupMax[group]!;
    }

    const partial = this.#screenScores(query, n);
    const { order, starts, low, high, width } = this.#bands(partial, n);

    const ids = this.#ids;
    const matrix = this.#matrix;
    const best = new TopK(ids, limit);
    for (let band = BANDS - 1; band >= 0; band--) {
      if (best.full) {
        const top = band === BANDS - 1 ? high : low + (band + 1) * width;
        if (top + reach < best.threshold) break;
      }
      for (let at = starts[band]!; at < starts[band + 1]!; at++) {
        const row = order[at]!;
        if (accept !== undefined && !accept(ids[row]!)) continue;
        let score = 0;
        const base = row * dim;
        for (let i = 0; i < nonZero; i++) score = Math.fround(score + values[i]! * matrix[base + dims[i]!]!);
        best.offer(row, score < 0 ? 0 : Math.min(score, 1));
      }
    }
    return best.sorted();
  }

  /** Every row's score over the screening dimensions. */
  #screenScores(query: VisualDescriptor, n: number): Float32Array {
    const partial = this.#partial;
    partial.fill(0, 0, n);
    const screen = this.#screen;
    for (let slot = 0; slot < this.#screenDims.length; slot++) {
      const q = query[this.#screenDims[slot]!]!;
      if (q === 0) continue;
      const base = slot * this.#capacity;
      for (let r = 0; r < n; r++) partial[r] = partial[r]! + q * screen[base + r]!;
    }
    return partial;
  }

  /** Rows grouped into bands of equal width by screening score (a counting sort), lowest band first. */
  #bands(partial: Float32Array, n: number) {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < n; r++) {
      const p = partial[r]!;
      if (p < low) low = p;
      if (p > high) high = p;
    }
    const width = high > low ? (high - low) / BANDS : 0;
    const scale = width > 0 ? 1 / width : 0;
    const starts = new Int32Array(BANDS + 1);
    for (let r = 0; r < n; r++) {
      starts[Math.min(BANDS - 1, Math.floor((partial[r]! - low) * scale)) + 1]!++;
    }
    for (let band = 0; band < BANDS; band++) starts[band + 1]! += starts[band]!;
    const next = starts.slice(0, BANDS);
    const order = this.#order;
    for (let r = 0; r < n; r++)
      order[next[Math.min(BANDS - 1, Math.floor((partial[r]! - low) * scale))]!++] = r;
    return { order, starts, low, high, width };
  }
}
