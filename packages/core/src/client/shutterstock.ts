// The Effect API: the `Shutterstock` service, provided by a layer, runs any operation given to it:
// `Shutterstock.send(getSimilarImages, { asset_id })`. Pagination streams are standalone
// (`pages`, `items` in ./pages.ts) so a program that never paginates does not ship Effect's Stream.
import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Layer from "effect/Layer";
import { resolveConfig, type ShutterstockConfig } from "../config.ts";
import type { ShutterstockError } from "../errors.ts";
import type { OperationDescriptor } from "../operation.ts";
import type { OperationArgs, ResultOf } from "../types.ts";
import type { OperationOptions } from "./dispatch.ts";
import { makePipeline, type WithResponse } from "./pipeline.ts";
import type { RawInputOf, RawOptions, RawResultOf, RouteKey } from "./raw.ts";
import { type ShutterstockService, serviceOf } from "./service.ts";

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

  /** A raw request with the provided client. */
  static readonly request = <R extends RouteKey | (string & {}), O extends RawOptions = RawOptions>(
    route: R,
    input?: RawInputOf<R>,
    options?: O,
  ): Effect.Effect<WithResponse<RawResultOf<R, O>>, ShutterstockError, Shutterstock> =>
    Shutterstock.use((client) => client.request(route, input, options));
}
