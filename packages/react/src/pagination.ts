// Page-number pagination for TanStack's infinite queries, from the API's page/per_page/total_count.

export interface PageShape {
  readonly data?: ReadonlyArray<unknown> | undefined;
  readonly page?: number | undefined;
  readonly per_page?: number | undefined;
  readonly total_count?: number | undefined;
}

/**
 * The next page number, or `undefined` when there is none: the last page was empty or short, or
 * the pages fetched so far cover `total_count`. The response's own `page`/`per_page` win over the
 * request's, since the API may clamp them.
 */
export const nextPageParam = (
  lastPage: PageShape,
  lastPageParam: number,
  requestedPerPage: number | undefined,
): number | undefined => {
  const size = lastPage.data?.length ?? 0;
  if (size === 0) return undefined;
  const page = lastPage.page ?? lastPageParam;
  const perPage = lastPage.per_page ?? requestedPerPage;
  if (perPage !== undefined && size < perPage) return undefined;
  const seen = (page - 1) * (perPage ?? size) + size;
  if (typeof lastPage.total_count === "number" && seen >= lastPage.total_count) return undefined;
  return page + 1;
};

/** Walking backwards stops at page 1. */
export const previousPageParam = (firstPage: PageShape, firstPageParam: number): number | undefined => {
  const page = firstPage.page ?? firstPageParam;
  return page > 1 ? page - 1 : undefined;
};
