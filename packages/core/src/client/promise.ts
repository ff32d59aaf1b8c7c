// The Promise API over the same pipeline: `client.send(operation, ...args)`, pagination as async
// iteration, and the raw request; errors reject as the same tagged classes (`instanceof NotFound`).
import { Cause, Effect, Exit, Stream } from "effect";
import { type ResolvedConfig, resolveConfig, type ShutterstockConfig } from "../config.ts";
import type { OperationDescriptor } from "../operation.ts";
import type { ItemOf, OperationArgs, ResultOf } from "../types.ts";
import { APIPromise } from "./api-promise.ts";
import { type OperationOptions, splitArgs } from "./dispatch.ts";
import { type CallOptions, makePipeline, type WithResponse } from "./pipeline.ts";
import type { RawInputOf, RawOptions, RawResultOf, RouteKey } from "./raw.ts";
import {
  type PageCallOptions,
  type PaginatedOperation,
  type ShutterstockService,
  serviceOf,
} from "./service.ts";

/** An aborted call rejects with the signal's reason, as `fetch` does, not with Effect's interruption. */
const runPromise = <A, E>(effect: Effect.Effect<A, E>, signal: AbortSignal | undefined): Promise<A> => {
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
const iterate = <A, E>(stream: Stream.Stream<A, E>, signal: AbortSignal | undefined): AsyncIterable<A> => ({
  async *[Symbol.asyncIterator]() {
    const iterator = Stream.toAsyncIterable(stream)[Symbol.asyncIterator]();
    const aborted =
      signal === undefined
        ? undefined
        : new Promise<never>((_, reject) => {
            signal.addEventListener("abort", () => reject(signal.reason), { once: true });
          });
    // The race's loser must not surface as an unhandled rejection.
    aborted?.catch(() => undefined);
    try {
      while (true) {
        if (signal?.aborted) throw signal.reason;
        const next = await (aborted === undefined
          ? iterator.next()
          : Promise.race([iterator.next(), aborted]));
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  },
});

/** Options of a paginating Promise call. */
export type IterateOptions<D = unknown> = PageCallOptions<D>;

export interface ShutterstockClient {
  /** The resolved configuration (credentials stay `Redacted`). */
  readonly config: ResolvedConfig;
  /** The Effect service over the same pipeline, to mix Promise and Effect code over one client. */
  readonly service: ShutterstockService;
  /** Runs one operation; `await` gives its data, `.withResponse()` the data with the response metadata. */
  readonly send: <D extends OperationDescriptor>(
    operation: D,
    ...args: OperationArgs<D, OperationOptions<D>>
  ) => APIPromise<ResultOf<D>>;
  /** Every page of a paginated operation, fetched lazily: `for await (const page of client.pages(searchImages, { query }))`. */
  readonly pages: <D extends PaginatedOperation>(
    operation: D,
    ...args: OperationArgs<D, IterateOptions<D>>
  ) => AsyncIterable<ResultOf<D>>;
  /** Every item of every page, one at a time. */
  readonly all: <D extends PaginatedOperation>(
    operation: D,
    ...args: OperationArgs<D, IterateOptions<D>>
  ) => AsyncIterable<ItemOf<D>>;
  /**
   * Any method and path through the same auth, retries (by method), timeouts and typed errors:
   * `client.request("GET /v2/images/{id}", { params: { id } })`. Nothing is validated; pass `schema`
   * to decode the response.
   */
  readonly request: <R extends RouteKey | (string & {}), O extends RawOptions = RawOptions>(
    route: R,
    input?: RawInputOf<R>,
    options?: O,
  ) => APIPromise<RawResultOf<R, O>>;
  /** A client with other defaults for every call (headers, timeouts, retry, base URL). */
  readonly withOptions: (options: CallOptions) => ShutterstockClient;
}

const merged = (defaults: CallOptions | undefined, options: unknown): CallOptions | undefined => {
  if (defaults === undefined) return options as CallOptions | undefined;
  const call = (options ?? {}) as CallOptions;
  return { ...defaults, ...call, headers: { ...defaults.headers, ...call.headers } };
};

const clientOf = (service: ShutterstockService, defaults: CallOptions | undefined): ShutterstockClient => {
  /** The call's args with the client's defaults merged into its options. */
  const withDefaults = (operation: OperationDescriptor, args: ReadonlyArray<unknown>) => {
    const call = splitArgs<CallOptions>(operation, args);
    const options = merged(defaults, call.options);
    const rebuilt: unknown[] =
      operation.body === undefined ? [call.params, options] : [call.body, call.params, options];
    return { args: rebuilt, signal: options?.signal };
  };
  return {
    config: service.config,
    service,
    send: (operation, ...args) => {
      const call = withDefaults(operation, args);
      const run = service.sendWithResponse as (
        operation: OperationDescriptor,
        ...args: unknown[]
      ) => Effect.Effect<WithResponse<never>, unknown>;
      return new APIPromise(runPromise(run(operation, ...call.args), call.signal));
    },
    pages: (operation, ...args) => {
      const call = withDefaults(operation, args);
      const pages = service.pages as (
        operation: OperationDescriptor,
        ...args: unknown[]
      ) => Stream.Stream<never, unknown>;
      return iterate(pages(operation, ...call.args), call.signal);
    },
    all: (operation, ...args) => {
      const call = withDefaults(operation, args);
      const items = service.items as (
        operation: OperationDescriptor,
        ...args: unknown[]
      ) => Stream.Stream<never, unknown>;
      return iterate(items(operation, ...call.args), call.signal);
    },
    request: (route, input, options) => {
      const callOptions = merged(defaults, options) as typeof options;
      return new APIPromise(runPromise(service.request(route, input, callOptions), callOptions?.signal));
    },
    withOptions: (options) => clientOf(service, merged(defaults, options)),
  };
};

/**
 * The modular Promise client: it runs the operations you import and no others, so a bundle holds
 * only what it uses. `await client.send(getSimilarImages, { asset_id })`.
 */
export const createClient = (config: ShutterstockConfig = {}): ShutterstockClient =>
  clientOf(serviceOf(makePipeline(resolveConfig(config))), undefined);

/** A Promise client over an existing Effect service (one pipeline for both APIs). */
export const clientFromService = (service: ShutterstockService): ShutterstockClient =>
  clientOf(service, undefined);
