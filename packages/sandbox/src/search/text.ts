// Full-text relevance over a small catalog: BM25 across weighted fields (a title word counts more
// than a description word), with the query operators the API documents: AND by default, OR, NOT / -.

const STOPWORDS = new Set([
  "a",
  "an",
  "and",
  "at",
  "by",
  "for",
  "from",
  "in",
  "into",
  "of",
  "on",
  "or",
  "the",
  "to",
  "with",
]);

/** Folds plural and possessive endings so "sunsets" finds "sunset" and "cities" finds "city". */
export const stem = (word: string): string => {
  let token = word.replace(/'s$/, "");
  if (token.length > 4 && token.endsWith("ies")) token = `${token.slice(0, -3)}y`;
  else if (token.length > 4 && /(?:ches|shes|xes|sses)$/.test(token)) token = token.slice(0, -2);
  else if (token.length > 3 && token.endsWith("s") && !token.endsWith("ss") && !token.endsWith("us"))
    token = token.slice(0, -1);
  return token;
};

export const words = (text: string): string[] =>
  text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];

export const tokenize = (text: string): string[] =>
  words(text)
    .filter((word) => !STOPWORDS.has(word))
    .map(stem);

export interface IndexedField {
  readonly text: string;
  readonly weight: number;
}

/** A parsed query: every group must match (AND); a group matches when any of its terms does (OR). */
export interface ParsedQuery {
  readonly groups: ReadonlyArray<ReadonlyArray<string>>;
  readonly excluded: ReadonlyArray<string>;
}

export const parseQuery = (query: string): ParsedQuery => {
  const raw = query.match(/-?"[^"]*"|\S+/g) ?? [];
  const groups: string[][] = [];
  const excluded: string[] = [];
  let negateNext = false;
  let orNext = false;
  for (const piece of raw) {
    if (piece === "NOT") {
      negateNext = true;
      continue;
    }
    if (piece === "OR") {
      orNext = groups.length > 0;
      continue;
    }
    if (piece === "AND") continue;
    const negated = negateNext || piece.startsWith("-");
    negateNext = false;
    const terms = tokenize(piece.replace(/^-/, "").replace(/"/g, " "));
    if (terms.length === 0) continue;
    if (negated) {
      excluded.push(...terms);
      orNext = false;
      continue;
    }
    const last = groups[groups.length - 1];
    if (orNext && last !== undefined && terms.length === 1) last.push(terms[0] ?? "");
    else for (const term of terms) groups.push([term]);
    orNext = false;
  }
  return { groups, excluded };
};

const K1 = 1.2;
const B = 0.75;

export class TextIndex {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private readonly averageLength: number;
  readonly size: number;

  constructor(documents: ReadonlyArray<ReadonlyArray<IndexedField>>) {
    this.size = documents.length;
    let total = 0;
    documents.forEach((fields, doc) => {
      let length = 0;
      for (const field of fields) {
        for (const term of tokenize(field.text)) {
          let posting = this.postings.get(term);
          if (posting === undefined) {
            posting = new Map();
            this.postings.set(term, posting);
          }
          posting.set(doc, (posting.get(doc) ?? 0) + field.weight);
          length += field.weight;
        }
      }
      this.lengths.push(length);
      total += length;
    });
    this.averageLength = documents.length === 0 ? 1 : Math.max(1, total / documents.length);
  }

  private idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  private termScores(term: string): Map<number, number> {
    const out = new Map<number, number>();
    const posting = this.postings.get(term);
    if (posting === undefined) return out;
    const idf = this.idf(term);
    for (const [doc, tf] of posting) {
      const norm = 1 - B + (B * (this.lengths[doc] ?? 0)) / this.averageLength;
      out.set(doc, (idf * tf * (K1 + 1)) / (tf + K1 * norm));
    }
    return out;
  }

  /** Scores of the matching documents; undefined when the query has no positive terms (no text filter). */
  search(query: string): Map<number, number> | undefined {
    const parsed = parseQuery(query);
    if (parsed.groups.length === 0 && parsed.excluded.length === 0) return undefined;
    let result: Map<number, number> | undefined;
    for (const group of parsed.groups) {
      const groupScores = new Map<number, number>();
      for (const term of group) {
        for (const [doc, score] of this.termScores(term)) {
          groupScores.set(doc, Math.max(groupScores.get(doc) ?? 0, score));
        }
      }
      if (result === undefined) result = groupScores;
      else {
        const merged = new Map<number, number>();
        for (const [doc, score] of result) {
          const other = groupScores.get(doc);
          if (other !== undefined) merged.set(doc, score + other);
        }
        result = merged;
      }
    }
    if (result === undefined) {
      result = new Map();
      for (let doc = 0; doc < this.size; doc++) result.set(doc, 0);
    }
    for (const term of parsed.excluded) {
      for (const doc of this.postings.get(term)?.keys() ?? []) result.delete(doc);
    }
    return result;
  }

  /** Indexed terms, for suggestions. */
  terms(): IterableIterator<string> {
    return this.postings.keys();
  }
}
