// The one rule for when a page-numbered listing has no next page. The client's streams and
// iterators and the React infinite queries all follow it; test/wire/pagination.test.ts is its table.

/** What a paginated response says about itself (every paginated result of the API has this shape). */
export interface PageShape {
  readonly data?: ReadonlyArray<unknown> | undefined;
  readonly page?: number | undefined;
  readonly per_page?: number | undefined;
  readonly total_count?: number | undefined;
}

/**
 * The page after `page`, or undefined when the listing is exhausted: the page was empty, or shorter
 * than the page size, or the pages up to it cover `total_count`. The response's own `page` and
 * `per_page` win over what was asked, since the API may clamp them; `perPage` is what was asked
 * (or the operation's default), and without either the page's own length stands in.
 */
export const nextPage = (
  response: PageShape | undefined,
  page: number,
  perPage: number | undefined,
): number | undefined => {
  const size = response?.data?.length ?? 0;
  if (size === 0) return undefined;
  const current = response?.page ?? page;
  const pageSize = response?.per_page ?? perPage;
  if (pageSize !== undefined && size < pageSize) return undefined;
  const total = response?.total_count;
  if (typeof total === "number" && (current - 1) * (pageSize ?? size) + size >= total) return undefined;
  return current + 1;
};

/** The page size an operation uses when none is asked: its contract default. */
export const defaultPageSize = (route: {
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly default?: unknown }>;
}): number | undefined => {
  const value = route.parameters.find((parameter) => parameter.name === "per_page")?.default;
  return typeof value === "number" ? value : undefined;
};

/** Where pagination starts and when it stops, besides the listing's end. */
export interface PageLimits {
  /** Stop after this many pages. */
  readonly maxPages?: number | undefined;
  /** Stop after this many items (item iteration takes only what it needs). */
  readonly maxItems?: number | undefined;
}

/** One walk over a listing's pages: where it starts, and the page after each response. */
export interface PageWalk {
  /** The first page to fetch, or undefined when the limits allow none. */
  readonly first: number | undefined;
  /** The page to fetch after `response` (the answer for `page`), or undefined to stop. */
  readonly next: (response: PageShape | undefined, page: number) => number | undefined;
}

/**
 * A walk from `params.page` (default 1), following {@link nextPage}, stopping early at the limits.
 * The client's streams and iterators and the React infinite queries walk pages with it.
 */
export const pageWalk = (
  route: Parameters<typeof defaultPageSize>[0],
  params: Readonly<Record<string, unknown>> | undefined,
  limits: PageLimits | undefined,
): PageWalk => {
  const start = typeof params?.["page"] === "number" ? params["page"] : 1;
  const asked = typeof params?.["per_page"] === "number" ? params["per_page"] : undefined;
  const perPage = asked ?? defaultPageSize(route);
  const maxPages = limits?.maxPages ?? Number.POSITIVE_INFINITY;
  const maxItems = limits?.maxItems ?? Number.POSITIVE_INFINITY;
  let pages = 0;
  let items = 0;
  return {
    first: maxPages <= 0 || maxItems <= 0 ? undefined : start,
    next: (response, page) => {
      pages += 1;
      items += response?.data?.length ?? 0;
      if (pages >= maxPages || items >= maxItems) return undefined;
      return nextPage(response, page, perPage);
    },
  };
};
