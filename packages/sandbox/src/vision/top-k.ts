/**
 * The k best of a stream of (row, score) pairs: a min-heap with the worst kept at the root, so a
 * candidate costs one comparison unless it beats the k-th best. Lower scores are worse; for equal
 * scores the later id is worse, which makes the result independent of the order rows are offered in.
 */
export class TopK {
  readonly #ids: ReadonlyArray<string>;
  readonly #limit: number;
  readonly #rows: Int32Array;
  readonly #scores: Float64Array;
  #count = 0;

  constructor(ids: ReadonlyArray<string>, limit: number) {
    this.#ids = ids;
    this.#limit = limit;
    this.#rows = new Int32Array(limit);
    this.#scores = new Float64Array(limit);
  }

  get full(): boolean {
    return this.#count === this.#limit;
  }

  /** The k-th best score so far (meaningful once `full`). */
  get threshold(): number {
    return this.#scores[0] ?? 0;
  }

  #worse(i: number, j: number): boolean {
    const a = this.#scores[i]!;
    const b = this.#scores[j]!;
    return a < b || (a === b && this.#ids[this.#rows[i]!]! > this.#ids[this.#rows[j]!]!);
  }

  #swap(i: number, j: number): void {
    const rows = this.#rows;
    const scores = this.#scores;
    const r = rows[i]!;
    const s = scores[i]!;
    rows[i] = rows[j]!;
    scores[i] = scores[j]!;
    rows[j] = r;
    scores[j] = s;
  }

  offer(row: number, score: number): void {
    if (this.#count === this.#limit) {
      const root = this.#scores[0]!;
      if (score < root || (score === root && this.#ids[row]! > this.#ids[this.#rows[0]!]!)) return;
      this.#rows[0] = row;
      this.#scores[0] = score;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        if (left >= this.#count) break;
        const right = left + 1;
        const child = right < this.#count && this.#worse(right, left) ? right : left;
        if (!this.#worse(child, i)) break;
        this.#swap(child, i);
        i = child;
      }
      return;
    }
    let i = this.#count++;
    this.#rows[i] = row;
    this.#scores[i] = score;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#worse(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** The kept rows, best first. */
  sorted(): Array<{ id: string; score: number }> {
    const out: Array<{ id: string; score: number }> = [];
    for (let i = 0; i < this.#count; i++)
      out.push({ id: this.#ids[this.#rows[i]!]!, score: this.#scores[i]! });
    return out.sort((p, q) => q.score - p.score || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  }
}
