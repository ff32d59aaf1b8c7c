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
