// Pagination in the Effect API: pages and items of a paginated operation as Effect streams that need
// the `Shutterstock` service. `Stream.runCollect(pages(searchImages, { query: "cat" }, { maxPages: 3 }))`.
import type { Effect, Stream } from "effect";
import type { ShutterstockError } from "../errors.ts";
import type { OperationDescriptor } from "../operation.ts";
import type { ItemOf, OperationArgs, ResultOf } from "../types.ts";
import { joinArgs, splitArgs } from "./dispatch.ts";
import { itemStream, pageStream } from "./pagination.ts";
import type { PageCallOptions, PaginatedOperation } from "./service.ts";
import { Shutterstock } from "./shutterstock.ts";

const paramsOf = (params: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof params === "object" && params !== null ? (params as Readonly<Record<string, unknown>>) : undefined;

const stream = (operation: OperationDescriptor, args: ReadonlyArray<unknown>) => {
  const call = splitArgs<PageCallOptions<unknown>>(operation, args);
  const send = (params: Readonly<Record<string, unknown>>) => {
    return Shutterstock.use((client) =>
      (
        client.send as (
          operation: OperationDescriptor,
          ...args: unknown[]
        ) => Effect.Effect<unknown, ShutterstockError>
      )(operation, ...joinArgs(operation, { ...call, params })),
    );
  };
  return { pages: pageStream(operation, paramsOf(call.params), call.options, send), options: call.options };
};

/** Pages of a paginated operation, fetched lazily one at a time, until the listing ends or a cap. */
export const pages = <D extends PaginatedOperation>(
  operation: D,
  ...args: OperationArgs<D, PageCallOptions<D>>
): Stream.Stream<ResultOf<D>, ShutterstockError, Shutterstock> =>
  stream(operation, args).pages as Stream.Stream<ResultOf<D>, ShutterstockError, Shutterstock>;

/** The items of every page, one at a time; memory stays flat however many pages there are. */
export const items = <D extends PaginatedOperation>(
  operation: D,
  ...args: OperationArgs<D, PageCallOptions<D>>
): Stream.Stream<ItemOf<D>, ShutterstockError, Shutterstock> => {
  const { pages, options } = stream(operation, args);
  return itemStream(pages, options) as Stream.Stream<ItemOf<D>, ShutterstockError, Shutterstock>;
};
