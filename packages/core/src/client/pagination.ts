// Pages of a paginated operation as an Effect stream, walked with the one rule (wire/pagination.ts).
import * as Effect from "effect/Effect";
import * as Option from "effect/Option";
import * as Stream from "effect/Stream";
import type { OperationDescriptor } from "../operation.ts";
import { type PageLimits, type PageShape, pageWalk } from "../wire/pagination.ts";

/** Where pagination starts and when it stops, besides the listing's end. */
export type PageOptions = PageLimits;

/** Lazily walks pages from `params.page` (default 1) until the listing ends or a limit is reached. */
export const pageStream = <E, R>(
  operation: OperationDescriptor,
  params: Readonly<Record<string, unknown>> | undefined,
  options: PageOptions | undefined,
  fetchPage: (params: Readonly<Record<string, unknown>>) => Effect.Effect<unknown, E, R>,
): Stream.Stream<unknown, E, R> => {
  const walk = pageWalk(operation, params, options);
  if (walk.first === undefined) return Stream.empty;
  return Stream.paginate(walk.first, (page: number) =>
    Effect.map(fetchPage({ ...params, page }), (result) => {
      const next = walk.next(result as PageShape | undefined, page);
      return [[result], next === undefined ? Option.none<number>() : Option.some(next)] as const;
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
