// The Effect API: the `Shutterstock` service runs any operation given to it, so a program pulls in
// only the operations it imports (`Shutterstock.send(getSimilarImages, { asset_id })`).
import { Context, Effect, Layer, Stream } from "effect";
import { type ResolvedConfig, resolveConfig, type ShutterstockConfig } from "../config.ts";
import type { ShutterstockError } from "../errors.ts";
import type { OperationDescriptor } from "../operation.ts";
import type { ItemOf, OperationArgs, ResultOf } from "../types.ts";
import { invalidRequest } from "./context.ts";
import { type OperationOptions, runOperation, splitArgs } from "./dispatch.ts";
import { itemStream, type PageOptions, pageStream } from "./pagination.ts";
import { makePipeline, type Pipeline, type WithResponse } from "./pipeline.ts";
import { type RawInputOf, type RawOptions, type RawResultOf, type RouteKey, rawDispatch } from "./raw.ts";

/** An operation that takes `page` and `per_page`. */
export type PaginatedOperation = OperationDescriptor & { readonly paginated: true };

/** Options of the paginating calls: the call's own, and where to stop. */
export type PageCallOptions<D> = OperationOptions<D> & PageOptions;

export interface ShutterstockService {
  /** The resolved configuration (credentials stay `Redacted`). */
  readonly config: ResolvedConfig;
  /** Runs one operation: validates, sends, retries, decodes. */
  readonly send: <D extends OperationDescriptor>(
    operation: D,
    ...args: OperationArgs<D, OperationOptions<D>>
  ) => Effect.Effect<ResultOf<D>, ShutterstockError>;
  /** As `send`, with the response's status, headers, request id and attempt count. */
  readonly sendWithResponse: <D extends OperationDescriptor>(
    operation: D,
    ...args: OperationArgs<D, OperationOptions<D>>
  ) => Effect.Effect<WithResponse<ResultOf<D>>, ShutterstockError>;
  /** Pages of a paginated operation, fetched lazily one at a time. */
  readonly pages: <D extends PaginatedOperation>(
    operation: D,
    ...args: OperationArgs<D, PageCallOptions<D>>
  ) => Stream.Stream<ResultOf<D>, ShutterstockError>;
  /** The items of every page, one at a time; memory stays flat however many pages there are. */
  readonly items: <D extends PaginatedOperation>(
    operation: D,
    ...args: OperationArgs<D, PageCallOptions<D>>
  ) => Stream.Stream<ItemOf<D>, ShutterstockError>;
  /** Any method and path through the same pipeline, unchecked; see {@link RawOptions}. */
  readonly request: <R extends RouteKey | (string & {}), O extends RawOptions = RawOptions>(
    route: R,
    input?: RawInputOf<R>,
    options?: O,
  ) => Effect.Effect<WithResponse<RawResultOf<R, O>>, ShutterstockError>;
}

const paramsOf = (params: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof params === "object" && params !== null ? (params as Readonly<Record<string, unknown>>) : undefined;

/** A service over one pipeline; the Promise clients run on the same one. */
export const serviceOf = (pipeline: Pipeline): ShutterstockService => {
  const withResponse = (operation: OperationDescriptor, args: ReadonlyArray<unknown>) =>
    Effect.suspend(() => runOperation(pipeline, operation, splitArgs<OperationOptions>(operation, args)));
  const pages = (operation: OperationDescriptor, args: ReadonlyArray<unknown>) => {
    const call = splitArgs<PageCallOptions<unknown>>(operation, args);
    return pageStream(operation, paramsOf(call.params), call.options, (params) =>
      Effect.map(runOperation(pipeline, operation, { ...call, params }), (result) => result.data),
    );
  };
  return {
    config: pipeline.config,
    send: (operation, ...args) => Effect.map(withResponse(operation, args), (result) => result.data) as never,
    sendWithResponse: (operation, ...args) => withResponse(operation, args) as never,
    pages: (operation, ...args) => pages(operation, args) as never,
    items: (operation, ...args) =>
      itemStream(pages(operation, args), splitArgs<PageOptions>(operation, args).options) as never,
    request: (route, input, options) =>
      Effect.suspend(() => {
        const raw = rawDispatch(pipeline, route, input, options);
        if ("issues" in raw) return Effect.fail(invalidRequest(raw.context, raw.issues));
        return pipeline.run(raw.dispatch, options);
      }) as never,
  };
};

/** Builds the service from plain configuration; invalid configuration throws at once. */
export const makeShutterstock = (config: ShutterstockConfig = {}): ShutterstockService =>
  serviceOf(makePipeline(resolveConfig(config)));

/**
 * The Shutterstock API client as an Effect service. Provide it with `Shutterstock.layer(config)`,
 * then run operations with `Shutterstock.send(operation, ...args)`.
 */
export class Shutterstock extends Context.Service<Shutterstock, ShutterstockService>()(
  "@shutterkit/core/Shutterstock",
) {
  /** A layer from plain configuration. */
  static readonly layer = (config: ShutterstockConfig = {}): Layer.Layer<Shutterstock> =>
    Layer.sync(Shutterstock, () => makeShutterstock(config));

  /** A layer whose configuration is itself an Effect (an Effect `Config`, a secret store), read once. */
  static readonly layerEffect = <E, R>(
    config: Effect.Effect<ShutterstockConfig, E, R>,
  ): Layer.Layer<Shutterstock, E, R> => Layer.effect(Shutterstock, Effect.map(config, makeShutterstock));

  /** Runs one operation with the provided client. */
  static readonly send = <D extends OperationDescriptor>(
    operation: D,
    ...args: OperationArgs<D, OperationOptions<D>>
  ): Effect.Effect<ResultOf<D>, ShutterstockError, Shutterstock> =>
    Shutterstock.use((client) => client.send(operation, ...args));

  /** As `send`, with the response metadata. */
  static readonly sendWithResponse = <D extends OperationDescriptor>(
    operation: D,
    ...args: OperationArgs<D, OperationOptions<D>>
  ): Effect.Effect<WithResponse<ResultOf<D>>, ShutterstockError, Shutterstock> =>
    Shutterstock.use((client) => client.sendWithResponse(operation, ...args));

  /** Pages of a paginated operation. */
  static readonly pages = <D extends PaginatedOperation>(
    operation: D,
    ...args: OperationArgs<D, PageCallOptions<D>>
  ): Stream.Stream<ResultOf<D>, ShutterstockError, Shutterstock> =>
    Stream.unwrap(Shutterstock.useSync((client) => client.pages(operation, ...args)));

  /** The items of every page of a paginated operation. */
  static readonly items = <D extends PaginatedOperation>(
    operation: D,
    ...args: OperationArgs<D, PageCallOptions<D>>
  ): Stream.Stream<ItemOf<D>, ShutterstockError, Shutterstock> =>
    Stream.unwrap(Shutterstock.useSync((client) => client.items(operation, ...args)));

  /** A raw request with the provided client. */
  static readonly request = <R extends RouteKey | (string & {}), O extends RawOptions = RawOptions>(
    route: R,
    input?: RawInputOf<R>,
    options?: O,
  ): Effect.Effect<WithResponse<RawResultOf<R, O>>, ShutterstockError, Shutterstock> =>
    Shutterstock.use((client) => client.request(route, input, options));
}
