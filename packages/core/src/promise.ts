// The same operations for code that does not use Effect: Promises, AbortSignal and async iteration.
import { Cause, Effect, Exit, Stream } from "effect";
import { type CallOptions, makeShutterstock, Shutterstock, type ShutterstockService } from "./client.ts";
import type { ShutterstockConfig } from "./config.ts";
import { operationGroups } from "./generated/index.ts";
import type { OperationDescriptor } from "./operation.ts";
import { type PageOptions, pageStream, splitArgs } from "./operations.ts";
import type { IsPaginated, ItemOf, OperationArgs, ResultOf } from "./types.ts";

export interface RequestOptions extends CallOptions {
  /** Aborts the call, including any retry in progress; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export interface IterateOptions extends PageOptions {
  /** Stops the iteration; the loop throws the signal's reason. */
  readonly signal?: AbortSignal;
}

export type PromiseOperation<D> = ((...args: OperationArgs<D, RequestOptions>) => Promise<ResultOf<D>>) &
  (IsPaginated<D> extends true
    ? {
        /** Every item of every page: `for await (const image of client.images.searchImages.all({ query }))`. */
        readonly all: (...args: OperationArgs<D, IterateOptions>) => AsyncIterable<ItemOf<D>>;
        /** Every page, fetched lazily. */
        readonly pages: (...args: OperationArgs<D, IterateOptions>) => AsyncIterable<ResultOf<D>>;
      }
    : unknown);

export type PromiseGroup<G> = { readonly [K in keyof G]: PromiseOperation<G[K]> };

/**
 * Runs a call; an aborted call rejects with the signal's reason, as `fetch` does, not with Effect's
 * interruption. The promise settles straight from the fiber's exit, as `Effect.runPromise` would one
 * promise and one turn later.
 */
const run = <A, E>(effect: Effect.Effect<A, E>, signal: AbortSignal | undefined): Promise<A> => {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<A>((resolve, reject) => {
    const fiber = Effect.runFork(effect, signal === undefined ? undefined : { signal });
    fiber.addObserver((exit) => {
      if (Exit.isSuccess(exit)) resolve(exit.value);
      else reject(signal?.aborted ? signal.reason : Cause.squash(exit.cause));
    });
  });
};

/** Async iteration over a stream; breaking out of the loop or aborting stops the fetching. */
const iterate = <A, E>(
  service: ShutterstockService,
  stream: Stream.Stream<A, E, Shutterstock>,
  signal: AbortSignal | undefined,
): AsyncIterable<A> => ({
  [Symbol.asyncIterator]: () => {
    const iterator = Stream.toAsyncIterable(Stream.provideService(stream, Shutterstock, service))[
      Symbol.asyncIterator
    ]();
    return {
      next: () => {
        if (signal?.aborted) return Promise.reject(signal.reason);
        if (signal === undefined) return iterator.next();
        return new Promise<IteratorResult<A>>((resolve, reject) => {
          const onAbort = () => {
            void iterator.return?.();
            reject(signal.reason);
          };
          signal.addEventListener("abort", onAbort, { once: true });
          iterator.next().then(
            (result) => {
              signal.removeEventListener("abort", onAbort);
              resolve(result);
            },
            (error: unknown) => {
              signal.removeEventListener("abort", onAbort);
              reject(error);
            },
          );
        });
      },
      return: async (value?: unknown) => {
        await iterator.return?.(value);
        return { done: true, value: undefined };
      },
    };
  },
});

/**
 * The items of each page, read straight from its array: one promise per item, where pulling items
 * through an Effect stream costs several microseconds and enough garbage to make V8 promote pages
 * it could have collected young.
 */
const itemsOf = <A>(
  pages: AsyncIterable<unknown>,
  options: IterateOptions | undefined,
): AsyncIterable<A> => ({
  async *[Symbol.asyncIterator]() {
    let left = options?.maxItems ?? Number.POSITIVE_INFINITY;
    if (left <= 0) return;
    for await (const page of pages) {
      for (const item of (page as { readonly data?: ReadonlyArray<A> } | undefined)?.data ?? []) {
        if (options?.signal?.aborted) throw options.signal.reason;
        yield item;
        left -= 1;
        if (left <= 0) return;
      }
    }
  },
});

const bindPromiseOperation = (service: ShutterstockService, descriptor: OperationDescriptor) => {
  const execute = (body: unknown, params: Record<string, unknown>, options: CallOptions | undefined) =>
    service.execute(descriptor, body === undefined ? { params } : { params, body }, options);
  const call = (...args: ReadonlyArray<unknown>) => {
    const { body, params, options } = splitArgs<RequestOptions>(descriptor, args);
    return run(execute(body, params, options), options?.signal);
  };
  if (!descriptor.paginated) return call;
  const pages = (args: ReadonlyArray<unknown>) => {
    const { body, params, options } = splitArgs<IterateOptions>(descriptor, args);
    return {
      stream: pageStream(descriptor, (page) => execute(body, page, options), params, options),
      options,
    };
  };
  return Object.assign(call, {
    pages: (...args: ReadonlyArray<unknown>) => {
      const { stream, options } = pages(args);
      return iterate(service, stream, options?.signal);
    },
    all: (...args: ReadonlyArray<unknown>) => {
      const { stream, options } = pages(args);
      return itemsOf(iterate(service, stream, options?.signal), options);
    },
  });
};

const bindPromiseGroup = <G extends Readonly<Record<string, OperationDescriptor>>>(
  service: ShutterstockService,
  group: G,
): PromiseGroup<G> =>
  Object.fromEntries(
    Object.entries(group).map(([name, descriptor]) => [name, bindPromiseOperation(service, descriptor)]),
  ) as unknown as PromiseGroup<G>;

type Groups = typeof operationGroups;

export type ShutterstockClient = { readonly [K in keyof Groups]: PromiseGroup<Groups[K]> } & {
  /** The resolved configuration (credentials stay `Redacted`). */
  readonly config: ShutterstockService["config"];
  /** The underlying Effect service, to mix Promise and Effect code over one client. */
  readonly service: ShutterstockService;
};

/**
 * A Promise client with the same groups and operation names as the Effect API:
 * `await client.computerVision.getSimilarImages({ asset_id })`. Errors reject as the same tagged
 * classes, so `instanceof NotFound` works.
 */
export const createShutterstock = (config: ShutterstockConfig = {}): ShutterstockClient => {
  const service = makeShutterstock(config);
  const groups = Object.fromEntries(
    Object.entries(operationGroups).map(([name, group]) => [name, bindPromiseGroup(service, group)]),
  ) as { readonly [K in keyof Groups]: PromiseGroup<Groups[K]> };
  return { ...groups, config: service.config, service };
};
