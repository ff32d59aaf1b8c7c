// A typed operation's call turned into a request for the pipeline: the calling convention undone
// (body first when the operation has one, then params, then options), then checked against the
// contract and written for the wire before anything is sent.
import * as Effect from "effect/Effect";
import type { ShutterstockError } from "../errors.ts";
import type { OperationDescriptor } from "../operation.ts";
import type { BodyOf } from "../types.ts";
import { modifiersOf } from "./conditional.ts";
import { type CallContext, invalidRequest } from "./context.ts";
import type { CallOptions, Dispatch, Pipeline } from "./pipeline.ts";
import { type Extra, prepareCall } from "./prepare.ts";

/** Data anyone with an application key may read: the operation accepts basic auth, or none. */
const isPublicData = (operation: OperationDescriptor): boolean =>
  operation.security.length === 0 || operation.security.some((requirement) => requirement.scheme === "basic");

/** Per-call options of an operation: the common ones, and fields the contract omits. */
export interface OperationOptions<D = unknown> extends CallOptions {
  /**
   * Fields the API takes that the contract omits (for example `metadata` on a license request), sent
   * as given and never dropped. Known fields are still validated wherever they are written.
   */
  readonly extra?: Extra<BodyOf<D>>;
}

export interface CallArgs<O> {
  readonly body: unknown;
  readonly params: unknown;
  readonly options: O | undefined;
}

export const splitArgs = <O>(operation: OperationDescriptor, args: ReadonlyArray<unknown>): CallArgs<O> => {
  const offset = operation.body === undefined ? 0 : 1;
  return {
    body: offset === 1 ? args[0] : undefined,
    params: args[offset],
    options: args[offset + 1] as O | undefined,
  };
};

/** The calling convention again, from its parts: what `splitArgs` undoes. */
export const joinArgs = (operation: OperationDescriptor, call: CallArgs<unknown>): unknown[] =>
  operation.body === undefined ? [call.params, call.options] : [call.body, call.params, call.options];

const contexts = new WeakMap<OperationDescriptor, Map<Pipeline, CallContext>>();

const contextOf = (operation: OperationDescriptor, pipeline: Pipeline): CallContext => {
  let byPipeline = contexts.get(operation);
  if (byPipeline === undefined) {
    byPipeline = new Map();
    contexts.set(operation, byPipeline);
  }
  let context = byPipeline.get(pipeline);
  if (context === undefined) {
    context = {
      operationId: operation.operationId,
      method: operation.method,
      route: operation.path,
      requiredScopes: operation.security.flatMap((requirement) => requirement.scopes),
      scrub: pipeline.scrub,
    };
    byPipeline.set(pipeline, context);
  }
  return context;
};

/** Runs one operation through a pipeline; bad input fails with `InvalidRequest` before any request. */
export const runOperation = (
  pipeline: Pipeline,
  operation: OperationDescriptor,
  call: CallArgs<OperationOptions>,
) => {
  const context = contextOf(operation, pipeline);
  const prepared = prepareCall(
    operation,
    call.body === undefined ? { params: call.params } : { params: call.params, body: call.body },
    call.options?.extra,
  );
  if ("issues" in prepared) return Effect.fail<ShutterstockError>(invalidRequest(context, prepared.issues));
  const dispatch: Dispatch = {
    context,
    path: prepared.call.path,
    query: prepared.call.query,
    headers: prepared.call.headers,
    body: prepared.call.body,
    schema: operation.schemas.response,
    raw: false,
    modifiers: modifiersOf(operation),
    publicData: isPublicData(operation),
    deprecated: operation.deprecated,
  };
  return pipeline.run(dispatch, call.options);
};
