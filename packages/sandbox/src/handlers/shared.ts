// Helpers the handlers share: lookups that answer 404, ids for searches, time formatting.
import { notFound } from "../server/errors.ts";

export const iso = (time: number): string => new Date(time).toISOString();

export const searchId = (): string => crypto.randomUUID().replace(/-/g, "");

export const lookup = <T>(map: ReadonlyMap<string, T>, id: string, what: string): T => {
  const found = map.get(id);
  if (found === undefined) throw notFound(`${what} not found: ${id}`);
  return found;
};

/** Higher first, then by id so equal scores keep a stable order across pages. */
export const byScore =
  <T extends { readonly id: string }>(score: (item: T) => number) =>
  (a: T, b: T): number =>
    score(b) - score(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The query string without pagination, as a seed for `sort=random` (stable across pages). */
export const randomSeed = (seed: number, url: URL): string => {
  const params = new URLSearchParams(url.search);
  params.delete("page");
  params.delete("per_page");
  params.sort();
  return `${seed}/${url.pathname}?${params.toString()}`;
};

export const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];
