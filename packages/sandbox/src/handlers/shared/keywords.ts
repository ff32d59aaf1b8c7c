// Keyword suggestions from the catalog's own keywords: by prefix (search suggestions) and by the
// keywords a text mentions (keyword suggestions for a description).
import { tokenize, words } from "../../search/text.ts";

/** Distinct keywords with how many assets carry them, most common first. */
const keywordCounts = (lists: Iterable<ReadonlyArray<string>>): Array<[string, number]> => {
  const counts = new Map<string, number>();
  for (const list of lists) for (const keyword of list) counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
};

export const suggest = (lists: Iterable<ReadonlyArray<string>>, query: string, limit: number): string[] => {
  const prefix = query.trim().toLowerCase();
  if (prefix.length === 0) return [];
  return keywordCounts(lists)
    .filter(
      ([keyword]) => keyword.startsWith(prefix) || keyword.split(" ").some((word) => word.startsWith(prefix)),
    )
    .slice(0, limit)
    .map(([keyword]) => keyword);
};

/** Catalog keywords that occur in a text, most specific (longest) first. */
export const keywordsInText = (lists: Iterable<ReadonlyArray<string>>, text: string): string[] => {
  const present = new Set(tokenize(text));
  const raw = new Set(words(text));
  return keywordCounts(lists)
    .map(([keyword]) => keyword)
    .filter((keyword) => {
      const parts = tokenize(keyword);
      return parts.length > 0 && parts.every((part) => present.has(part) || raw.has(part));
    })
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
};
