import { accumulateColumns } from "./column-scan.ts";
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

/** How many of the heaviest blocks every query scores over every row first. */
const SCREEN_BLOCKS = 2;
/** Rows are visited in this many bands of their screening score, best band first. */
const BANDS = 1024;
/**
 * Added to every bound: float rounding of the screening sums and of the exact sums (a few 1e-6 for
 * unit vectors) must never prune a row that its exact score would have kept.
 */
const BOUND_SLACK = 1e-4;
/** Added rows wait in a row-major buffer of this many and are copied into the columns together. */
const STAGED_ROWS = 256;

/**
 * Exact nearest neighbours by dot product, without scoring every row in full. Descriptors live twice:
 * in a column-major Float32Array (`capacity` values per dimension, grown by doubling), for sums over
 * every row, and in a row-major one, for exact scores of single rows. The descriptor is
 * made of blocks whose norms are fixed by their weights; a query first sums, over every row, only the
 * two heaviest (the object's shape kind and colour, about half the norm). Each other block can add at
 * most |query block| * max |row block| (Cauchy-Schwarz), so rows are then scored exactly in order of
 * that screening sum until the best remaining one plus the bound falls below the k-th best exact
 * score: the rows left cannot enter the top k. A query unlike the catalog (its k-th best score low)
 * prunes little: once the bands that could still reach its k-th best hold more rows than a budget,
 * it sums every dimension over every row instead (eight columns at a time in float64, fast but rounded
 * differently) and scores exactly only the rows within rounding of the k-th best. Exact scores add the query's non-zero entries in dimension order,
 * rounding to float32 at each step, so results equal a plain scan's bit for bit; ties go by id.
 */
export class VisualIndex {
  readonly #dim: number;
  /** The dimensions every query sums over every row first. */
  readonly #screen: Uint8Array;
  /** Every other dimension's block (dimensions in no block form one more), and each block's largest norm. */
  readonly #groupOf: Int32Array;
  readonly #groupMax: Float64Array;
  readonly #norms: Float64Array;
  readonly #staged: Float32Array;
  /** Rows from here on are still in `#staged`. */
  #stagedFrom = 0;
  #capacity: number;
  #columns: Float32Array;
  #matrix: Float32Array;
  #partial: Float64Array;
  #order: Int32Array;
  #ids: string[] = [];
  #rows = new Map<string, number>();

  /**
   * `blocks` partition the descriptor (default: the visual descriptor's own for its length, none for
   * any other length, which makes every query an exact scan).
   */
  constructor(
    initialCapacity = 1024,
    dimension = DESCRIPTOR_LENGTH,
    blocks: ReadonlyArray<DescriptorBlock> = dimension === DESCRIPTOR_LENGTH ? DESCRIPTOR_BLOCKS : [],
  ) {
    this.#dim = dimension;
    const heaviest = [...blocks].sort((a, b) => b.weight - a.weight || a.offset - b.offset);
    this.#screen = new Uint8Array(dimension);
    for (const block of heaviest.slice(0, SCREEN_BLOCKS)) {
      this.#screen.fill(
        1,
        Math.min(block.offset, dimension),
        Math.min(block.offset + block.length, dimension),
      );
    }
    const rest = heaviest.slice(SCREEN_BLOCKS);
    this.#groupOf = new Int32Array(dimension).fill(rest.length);
    rest.forEach((block, group) => {
      this.#groupOf.fill(
        group,
        Math.min(block.offset, dimension),
        Math.min(block.offset + block.length, dimension),
      );
    });
    for (let j = 0; j < dimension; j++) if (this.#screen[j] === 1) this.#groupOf[j] = -1;
    this.#groupMax = new Float64Array(rest.length + 1);
    this.#norms = new Float64Array(rest.length + 1);
    this.#staged = new Float32Array(STAGED_ROWS * dimension);
    this.#capacity = Math.max(1, Math.floor(initialCapacity));
    this.#columns = new Float32Array(this.#capacity * dimension);
    this.#matrix = new Float32Array(this.#capacity * dimension);
    this.#partial = new Float64Array(this.#capacity);
    this.#order = new Int32Array(this.#capacity);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Copies the staged rows into the columns, one column at a time. */
  #flush(): void {
    const from = this.#stagedFrom;
    const to = this.#ids.length;
    if (to === from) return;
    const dim = this.#dim;
    const staged = this.#staged;
    const columns = this.#columns;
    for (let j = 0; j < dim; j++) {
      const base = j * this.#capacity;
      for (let r = from, at = j; r < to; r++, at += dim) columns[base + r] = staged[at]!;
    }
    this.#stagedFrom = to;
  }

  #grow(): void {
    this.#flush();
    const capacity = this.#capacity * 2;
    const columns = new Float32Array(capacity * this.#dim);
    for (let j = 0; j < this.#dim; j++) {
      columns.set(
        this.#columns.subarray(j * this.#capacity, j * this.#capacity + this.#ids.length),
        j * capacity,
      );
    }
    const matrix = new Float32Array(capacity * this.#dim);
    matrix.set(this.#matrix);
    this.#capacity = capacity;
    this.#columns = columns;
    this.#matrix = matrix;
    this.#partial = new Float64Array(capacity);
    this.#order = new Int32Array(capacity);
  }

  /** Adds a descriptor, or replaces the one already stored under `id`. */
  add(id: string, descriptor: VisualDescriptor): void {
    const dim = this.#dim;
    if (descriptor.length !== dim) {
      throw new RangeError(`VisualIndex.add: descriptor length ${descriptor.length}, expected ${dim}`);
    }
    const existing = this.#rows.get(id);
    if (existing === undefined) {
      if (this.#ids.length === this.#capacity) this.#grow();
      if (this.#ids.length - this.#stagedFrom === STAGED_ROWS) this.#flush();
      const row = this.#ids.length;
      this.#staged.set(descriptor, (row - this.#stagedFrom) * dim);
      this.#ids.push(id);
      this.#rows.set(id, row);
      this.#matrix.set(descriptor, row * dim);
    } else {
      this.#flush();
      for (let j = 0, at = existing; j < dim; j++, at += this.#capacity) this.#columns[at] = descriptor[j]!;
      this.#matrix.set(descriptor, existing * dim);
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
    this.#flush();

    // The query's non-zero entries in dimension order (the order exact scores add them in), those of
    // the screen, and the most the other blocks can add to any row's score.
    const wanted = {
      dims: new Int32Array(dim),
      values: new Float32Array(dim),
      count: 0,
    };
    const screen = { dims: new Int32Array(dim), values: new Float32Array(dim), count: 0 };
    const groupNorms = new Float64Array(this.#groupMax.length);
    for (let j = 0; j < dim; j++) {
      const q = query[j]!;
      if (q === 0) continue;
      wanted.dims[wanted.count] = j;
      wanted.values[wanted.count++] = q;
      if (this.#screen[j] === 1) {
        screen.dims[screen.count] = j;
        screen.values[screen.count++] = q;
      }
      const group = this.#groupOf[j]!;
      if (group >= 0) groupNorms[group]! += q * q;
    }
    let reach = BOUND_SLACK;
    for (let group = 0; group < groupNorms.length; group++) {
      reach += Math.sqrt(groupNorms[group]!) * this.#groupMax[group]!;
    }

    const walk = (bound: number, budget: number) =>
      this.#walk(n, bound, budget, limit, wanted.dims, wanted.values, wanted.count, accept);
    const partial = this.#partial;
    const columns = this.#columns;
    // A query with nothing in the screen (no object found) would screen nothing out.
    if (screen.count > 0) {
      accumulateColumns(columns, this.#capacity, screen.dims, screen.values, screen.count, n, partial);
      const screened = walk(reach, Math.max(8 * limit, n >> 4));
      if (screened !== undefined) return screened;
    }
    accumulateColumns(columns, this.#capacity, wanted.dims, wanted.values, wanted.count, n, partial);
    return walk(BOUND_SLACK, Number.POSITIVE_INFINITY) ?? [];
  }

  /**
   * Scores rows exactly in bands of `#partial`, best first, until the band's top plus `bound` is below
   * the k-th best exact score; undefined once more than `budget` rows were scored before that.
   */
  #walk(
    n: number,
    bound: number,
    budget: number,
    limit: number,
    dims: Int32Array,
    values: Float32Array,
    count: number,
    accept: ((id: string) => boolean) | undefined,
  ): Neighbour[] | undefined {
    const { order, starts, low, high, width } = this.#bands(n);
    const ids = this.#ids;
    const dim = this.#dim;
    const matrix = this.#matrix;
    const best = new TopK(ids, limit);
    const topOf = (band: number): number => (band === BANDS - 1 ? high : low + (band + 1) * width);
    let scored = 0;
    let foreseen = false;
    for (let band = BANDS - 1; band >= 0; band--) {
      // Scores clamp at 0, so below a k-th best of 0 the rows left tie with it and go by id: no pruning.
      if (best.full && best.threshold > 0) {
        if (topOf(band) + bound < best.threshold) break;
        if (!foreseen) {
          // The k-th best only rises from here, so the rows of the bands that can still reach it now
          // are all that can be left to score: past the budget, give up before scoring them.
          foreseen = true;
          let last = band;
          while (last > 0 && topOf(last - 1) + bound >= best.threshold) last--;
          if (scored + starts[band + 1]! - starts[last]! > budget) return undefined;
        }
      }
      for (let at = starts[band]!; at < starts[band + 1]!; at++) {
        const row = order[at]!;
        if (accept !== undefined && !accept(ids[row]!)) continue;
        if (++scored > budget) return undefined;
        let score = 0;
        const base = row * dim;
        for (let i = 0; i < count; i++) score = Math.fround(score + values[i]! * matrix[base + dims[i]!]!);
        best.offer(row, score < 0 ? 0 : Math.min(score, 1));
      }
    }
    return best.sorted();
  }

  /** Rows grouped into bands of equal width by `#partial` (a counting sort), lowest band first. */
  #bands(n: number) {
    const partial = this.#partial;
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
    for (let r = 0; r < n; r++) {
      order[next[Math.min(BANDS - 1, Math.floor((partial[r]! - low) * scale))]!++] = r;
    }
    return { order, starts, low, high, width };
  }
}
