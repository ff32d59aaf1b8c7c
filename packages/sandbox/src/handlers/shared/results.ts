// Helpers every handler module shares: lookups that answer 404, ids for searches, time formatting,
// orderings and the answer shapes of similar-asset and by-ids requests.
import { paginate } from "../../search/common.ts";
import { notFound } from "../../server/errors.ts";

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

/** Ascending (or descending) by a key, then by id, for stable pages. */
export const compareBy =
  <T extends { readonly id: string }>(key: (item: T) => number | string, descending: boolean) =>
  (a: T, b: T): number => {
    const left = key(a);
    const right = key(b);
    const order = left < right ? -1 : left > right ? 1 : 0;
    return (descending ? -order : order) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };

/** Inclusive range test where either bound may be absent. */
export const between = (value: number, from: number | undefined, to: number | undefined): boolean =>
  (from === undefined || value >= from) && (to === undefined || value <= to);

/** The query string without pagination, as a seed for `sort=random` (stable across pages). */
export const randomSeed = (seed: number, url: URL): string => {
  const params = new URLSearchParams(url.search);
  params.delete("page");
  params.delete("per_page");
  params.sort();
  return `${seed}/${url.pathname}?${params.toString()}`;
};

/** Similar-asset searches rank the whole catalog but report at most this many results. */
export const SIMILAR_LIMIT = 200;

/**
 * A page of ranked hits (`{ id }`, e.g. visual neighbours) as presented records, the answer shape every
 * similar-assets operation shares.
 */
export const presentHits = <R, P>(
  hits: ReadonlyArray<{ readonly id: string }>,
  page: number | undefined,
  perPage: number | undefined,
  byId: ReadonlyMap<string, R>,
  what: string,
  present: (record: R) => P,
) => {
  const slice = paginate(hits, page, perPage);
  return {
    ...slice,
    data: slice.data.map((hit) => present(lookup(byId, hit.id, what))),
    search_id: searchId(),
  };
};

/** Records by a list of ids: the found ones presented, the missing ones as API-shaped errors. */
export const presentByIds = <R, P>(
  ids: ReadonlyArray<string>,
  byId: ReadonlyMap<string, R>,
  what: string,
  present: (record: R) => P,
) => {
  const found: R[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const record = byId.get(id);
    if (record === undefined) missing.push(id);
    else found.push(record);
  }
  return {
    data: found.map(present),
    page: 1,
    per_page: found.length,
    total_count: found.length,
    ...(missing.length === 0
      ? {}
      : {
          errors: missing.map((id) => ({
            code: "NOT_FOUND",
            message: `${what} not found: ${id}`,
            path: "$.query.id",
            data: id,
          })),
        }),
  };
};
