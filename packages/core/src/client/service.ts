// What a client can do with any operation given to it, over one pipeline: the Effect API's service
// and the Promise client are both this. A program pulls in only the operations it imports.
import * as Effect from "effect/Effect";
import type { ResolvedConfig } from "../config.ts";
import type { ShutterstockError } from "../errors.ts";
import type { OperationDescriptor } from "../operation.ts";
import type { OperationArgs, ResultOf } from "../types.ts";
import { invalidRequest } from "./context.ts";
import { type OperationOptions, runOperation, splitArgs } from "./dispatch.ts";
import type { PageOptions } from "./pagination.ts";
import type { Pipeline, WithResponse } from "./pipeline.ts";
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
  /** Any method and path through the same pipeline, unchecked; see {@link RawOptions}. */
  readonly request: <R extends RouteKey | (string & {}), O extends RawOptions = RawOptions>(
    route: R,
    input?: RawInputOf<R>,
    options?: O,
  ) => Effect.Effect<WithResponse<RawResultOf<R, O>>, ShutterstockError>;
}

/** A service over one pipeline; the Promise clients run on the same one. */
export const serviceOf = (pipeline: Pipeline): ShutterstockService => {
  const withResponse = (operation: OperationDescriptor, args: ReadonlyArray<unknown>) =>
    Effect.suspend(() => runOperation(pipeline, operation, splitArgs<OperationOptions>(operation, args)));
  return {
    config: pipeline.config,
    send: (operation, ...args) => Effect.map(withResponse(operation, args), (result) => result.data) as never,
    sendWithResponse: (operation, ...args) => withResponse(operation, args) as never,
    request: (route, input, options) =>
      Effect.suspend(() => {
        const raw = rawDispatch(pipeline, route, input, options);
        if ("issues" in raw) return Effect.fail(invalidRequest(raw.context, raw.issues));
        return pipeline.run(raw.dispatch, options);
      }) as never,
  };
};
