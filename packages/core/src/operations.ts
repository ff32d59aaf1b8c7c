// Every operation as a function returning an Effect that needs the `Shutterstock` service.
import { Effect, Option, Stream } from "effect";
import { type CallOptions, Shutterstock } from "./client.ts";
import type { ShutterstockError } from "./errors.ts";
import { operationGroups } from "./generated/index.ts";
import type { OperationDescriptor } from "./operation.ts";
import type { IsPaginated, ItemOf, OperationArgs, ResultOf } from "./types.ts";

/** Options of the paginating streams: where to start and when to stop, besides `total_count`. */
export interface PageOptions extends CallOptions {
  /** Stop after this many pages. */
  readonly maxPages?: number;
  /** Stop after this many items (the `items` stream only takes what it needs). */
  readonly maxItems?: number;
}

export type PaginatedMembers<D, E, R> =
  IsPaginated<D> extends true
    ? {
        /** Pages, fetched lazily one at a time, from `params.page` (default 1) until `total_count` or a cap. */
        readonly pages: (...args: OperationArgs<D, PageOptions>) => Stream.Stream<ResultOf<D>, E, R>;
        /** The items of every page, one at a time; memory stays constant however many pages there are. */
        readonly items: (...args: OperationArgs<D, PageOptions>) => Stream.Stream<ItemOf<D>, E, R>;
      }
    : unknown;

export type EffectOperation<D> = ((
  ...args: OperationArgs<D, CallOptions>
) => Effect.Effect<ResultOf<D>, ShutterstockError, Shutterstock>) & {
  readonly descriptor: D;
} & PaginatedMembers<D, ShutterstockError, Shutterstock>;

export type EffectGroup<G> = { readonly [K in keyof G]: EffectOperation<G[K]> };

interface SplitArgs<O> {
  readonly body: unknown;
  readonly params: Record<string, unknown>;
  readonly options: O | undefined;
}

/** Undoes the calling convention: body first when the operation has one, then params, then options. */
export const splitArgs = <O>(descriptor: OperationDescriptor, args: ReadonlyArray<unknown>): SplitArgs<O> => {
  const offset = descriptor.body === undefined ? 0 : 1;
  return {
    body: offset === 1 ? args[0] : undefined,
    params: (args[offset] ?? {}) as Record<string, unknown>,
    options: args[offset + 1] as O | undefined,
  };
};

const defaultPerPage = (descriptor: OperationDescriptor): number | undefined => {
  const value = descriptor.parameters.find((parameter) => parameter.name === "per_page")?.default;
  return typeof value === "number" ? value : undefined;
};

interface PageShape {
  readonly data?: ReadonlyArray<unknown>;
  readonly total_count?: number;
}

/**
 * Lazily walks `page = start, start+1, …`. Stops on an empty page, once `page * per_page` reaches
 * `total_count`, or at `maxPages`.
 */
export const pageStream = (
  descriptor: OperationDescriptor,
  run: (params: Record<string, unknown>) => Effect.Effect<unknown, ShutterstockError, Shutterstock>,
  params: Record<string, unknown>,
  options: PageOptions | undefined,
): Stream.Stream<unknown, ShutterstockError, Shutterstock> => {
  const start = typeof params["page"] === "number" ? params["page"] : 1;
  const maxPages = options?.maxPages ?? Number.POSITIVE_INFINITY;
  const maxItems = options?.maxItems ?? Number.POSITIVE_INFINITY;
  return Stream.paginate(start, (page: number) =>
    run({ ...params, page }).pipe(
      Effect.map((result) => {
        const shape = (result ?? {}) as PageShape;
        const size = shape.data?.length ?? 0;
        const perPage =
          typeof params["per_page"] === "number" ? params["per_page"] : (defaultPerPage(descriptor) ?? size);
        const fetched = (page - start + 1) * perPage;
        const reachedTotal =
          typeof shape.total_count === "number" && (page - 1) * perPage + size >= shape.total_count;
        const done = size === 0 || reachedTotal || page - start + 1 >= maxPages || fetched >= maxItems;
        return [[result], done ? Option.none<number>() : Option.some(page + 1)] as const;
      }),
    ),
  );
};

export const itemStream = (
  pages: Stream.Stream<unknown, ShutterstockError, Shutterstock>,
  options: PageOptions | undefined,
): Stream.Stream<unknown, ShutterstockError, Shutterstock> => {
  const items = pages.pipe(Stream.flatMap((page) => Stream.fromIterable((page as PageShape).data ?? [])));
  return options?.maxItems === undefined ? items : items.pipe(Stream.take(options.maxItems));
};

const bindOperation = (descriptor: OperationDescriptor) => {
  const run = (body: unknown, params: Record<string, unknown>, options: CallOptions | undefined) =>
    Effect.flatMap(Shutterstock, (client) =>
      client.execute(descriptor, body === undefined ? { params } : { params, body }, options),
    );
  const call = (...args: ReadonlyArray<unknown>) => {
    const { body, params, options } = splitArgs<CallOptions>(descriptor, args);
    return run(body, params, options);
  };
  const members: Record<string, unknown> = { descriptor };
  if (descriptor.paginated) {
    const pages = (...args: ReadonlyArray<unknown>) => {
      const { body, params, options } = splitArgs<PageOptions>(descriptor, args);
      return pageStream(descriptor, (page) => run(body, page, options), params, options);
    };
    members["pages"] = pages;
    members["items"] = (...args: ReadonlyArray<unknown>) =>
      itemStream(pages(...args), splitArgs<PageOptions>(descriptor, args).options);
  }
  return Object.assign(call, members);
};

/** Binds a generated group of descriptors to Effect functions, keeping names and doc comments. */
export const bindEffectGroup = <G extends Readonly<Record<string, OperationDescriptor>>>(
  group: G,
): EffectGroup<G> =>
  Object.fromEntries(
    Object.entries(group).map(([name, descriptor]) => [name, bindOperation(descriptor)]),
  ) as unknown as EffectGroup<G>;

export const Audio = /* @__PURE__ */ bindEffectGroup(operationGroups.audio);
export const Catalog = /* @__PURE__ */ bindEffectGroup(operationGroups.catalog);
export const ComputerVision = /* @__PURE__ */ bindEffectGroup(operationGroups.computerVision);
export const Contributors = /* @__PURE__ */ bindEffectGroup(operationGroups.contributors);
export const CustomMusic = /* @__PURE__ */ bindEffectGroup(operationGroups.customMusic);
export const EditorialImages = /* @__PURE__ */ bindEffectGroup(operationGroups.editorialImages);
export const EditorialVideo = /* @__PURE__ */ bindEffectGroup(operationGroups.editorialVideo);
export const Images = /* @__PURE__ */ bindEffectGroup(operationGroups.images);
export const OAuth = /* @__PURE__ */ bindEffectGroup(operationGroups.oauth);
export const SoundEffects = /* @__PURE__ */ bindEffectGroup(operationGroups.soundEffects);
export const Test = /* @__PURE__ */ bindEffectGroup(operationGroups.test);
export const Users = /* @__PURE__ */ bindEffectGroup(operationGroups.users);
export const Videos = /* @__PURE__ */ bindEffectGroup(operationGroups.videos);
