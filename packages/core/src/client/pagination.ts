// Pages of a paginated operation as an Effect stream, walked with the one stop rule (wire/pagination.ts).
import { Effect, Option, Stream } from "effect";
import type { OperationDescriptor } from "../operation.ts";
import { defaultPageSize, nextPage, type PageShape } from "../wire/pagination.ts";

/** Where pagination starts and when it stops, besides the listing's end. */
export interface PageOptions {
  /** Stop after this many pages. */
  readonly maxPages?: number;
  /** Stop after this many items (the item streams take only what they need). */
  readonly maxItems?: number;
}

/** Lazily walks pages from `params.page` (default 1) until the listing ends or a cap is reached. */
export const pageStream = <E, R>(
  operation: OperationDescriptor,
  params: Readonly<Record<string, unknown>> | undefined,
  options: PageOptions | undefined,
  fetchPage: (params: Readonly<Record<string, unknown>>) => Effect.Effect<unknown, E, R>,
): Stream.Stream<unknown, E, R> => {
  const start = typeof params?.["page"] === "number" ? params["page"] : 1;
  const asked = typeof params?.["per_page"] === "number" ? params["per_page"] : undefined;
  const perPage = asked ?? defaultPageSize(operation);
  const maxPages = options?.maxPages ?? Number.POSITIVE_INFINITY;
  const maxItems = options?.maxItems ?? Number.POSITIVE_INFINITY;
  if (maxPages <= 0 || maxItems <= 0) return Stream.empty;
  let items = 0;
  return Stream.paginate(start, (page: number) =>
    Effect.map(fetchPage({ ...params, page }), (result) => {
      items += (result as PageShape | undefined)?.data?.length ?? 0;
      const next = nextPage(result as PageShape | undefined, page, perPage);
      const done = next === undefined || page - start + 1 >= maxPages || items >= maxItems;
      return [[result], done ? Option.none<number>() : Option.some(next)] as const;
    }),
  );
};

/** The items of every page, one at a time, up to `maxItems`. */
export const itemStream = <E, R>(
  pages: Stream.Stream<unknown, E, R>,
  options: PageOptions | undefined,
): Stream.Stream<unknown, E, R> => {
  const items = Stream.flatMap(pages, (page) =>
    Stream.fromIterable((page as PageShape | undefined)?.data ?? []),
  );
  return options?.maxItems === undefined ? items : Stream.take(items, options.maxItems);
};
