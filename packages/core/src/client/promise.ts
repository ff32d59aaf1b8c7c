// The Promise API over the same pipeline: `client.send(operation, ...args)`, pagination as async
// iteration, and the raw request; errors reject as the same tagged classes (`instanceof NotFound`).
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { checkedBaseUrl, type ResolvedConfig, resolveConfig, type ShutterstockConfig } from "../config.ts";
import type { OperationDescriptor } from "../operation.ts";
import type { ItemOf, OperationArgs, ResultOf } from "../types.ts";
import { type PageShape, pageWalk } from "../wire/pagination.ts";
import { APIPromise } from "./api-promise.ts";
import { joinArgs, type OperationOptions, splitArgs } from "./dispatch.ts";
import type { PageOptions } from "./pagination.ts";
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

/**
 * Pages of one listing as async iteration, walked with the one rule (wire/pagination.ts). Each page
 * is one `send`; breaking out of the loop stops the fetching, and the call's signal aborts the page
 * in flight (the loop throws the signal's reason).
 */
async function* pagesOf(
  operation: OperationDescriptor,
  call: { readonly body: unknown; readonly params: unknown; readonly options: PageOptions | undefined },
  send: (args: ReadonlyArray<unknown>) => Promise<unknown>,
): AsyncGenerator<unknown, void, undefined> {
  const params = (typeof call.params === "object" && call.params !== null ? call.params : {}) as Readonly<
    Record<string, unknown>
  >;
  const walk = pageWalk(operation, params, call.options);
  let page = walk.first;
  while (page !== undefined) {
    const result = await send(joinArgs(operation, { ...call, params: { ...params, page } }));
    yield result;
    page = walk.next(result as PageShape | undefined, page);
  }
}

async function* itemsOf(
  pages: AsyncIterable<unknown>,
  options: (PageOptions & { readonly signal?: AbortSignal | undefined }) | undefined,
): AsyncGenerator<unknown, void, undefined> {
  let left = options?.maxItems ?? Number.POSITIVE_INFINITY;
  if (left <= 0) return;
  for await (const page of pages)
    for (const item of (page as PageShape | undefined)?.data ?? []) {
      // Items of a page already here are not yielded once the caller has aborted.
      options?.signal?.throwIfAborted();
      yield item;
      left -= 1;
      if (left <= 0) return;
    }
}

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
    return { args: joinArgs(operation, { ...call, options }), signal: options?.signal };
  };
  const run = service.sendWithResponse as (
    operation: OperationDescriptor,
    ...args: unknown[]
  ) => Effect.Effect<WithResponse<unknown>, unknown>;
  const paged = (operation: OperationDescriptor, args: ReadonlyArray<unknown>) => {
    const call = splitArgs<PageCallOptions<unknown>>(operation, args);
    return { ...call, options: merged(defaults, call.options) as PageCallOptions<unknown> | undefined };
  };
  const sendData = (operation: OperationDescriptor) => (args: ReadonlyArray<unknown>) => {
    const options = args[args.length - 1] as CallOptions | undefined;
    return runPromise(run(operation, ...args), options?.signal).then((result) => result.data);
  };
  return {
    config: service.config,
    service,
    send: (operation, ...args) => {
      const call = withDefaults(operation, args);
      return new APIPromise(runPromise(run(operation, ...call.args), call.signal)) as never;
    },
    pages: (operation, ...args) => pagesOf(operation, paged(operation, args), sendData(operation)) as never,
    all: (operation, ...args) => {
      const call = paged(operation, args);
      return itemsOf(pagesOf(operation, call, sendData(operation)), call.options) as never;
    },
    request: (route, input, options) => {
      const callOptions = merged(defaults, options) as typeof options;
      return new APIPromise(runPromise(service.request(route, input, callOptions), callOptions?.signal));
    },
    withOptions: (options) => {
      const next = merged(defaults, options);
      // The client's identity (React query keys, caches) follows the base URL its calls use.
      const baseUrl = next?.baseUrl === undefined ? undefined : checkedBaseUrl(next.baseUrl);
      const client = clientOf(service, next);
      return baseUrl === undefined ? client : { ...client, config: { ...service.config, baseUrl } };
    },
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
