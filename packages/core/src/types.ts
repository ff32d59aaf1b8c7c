// Type-level view of operations: what each takes and returns.
import type { Schema } from "effect";

type TypeOf<S> = S extends Schema.ConstraintDecoder<infer T> ? T : never;

/** The path, query and header parameters of an operation, keyed by the API's own names. */
export type InputOf<D> = D extends { readonly schemas: { readonly params: infer S } } ? TypeOf<S> : never;

/** The JSON body of an operation, for operations that take one. */
export type BodyOf<D> = D extends { readonly schemas: { readonly body: infer S } } ? TypeOf<S> : never;

/** The decoded success response; `undefined` for 204 and redirect-only operations. */
export type ResultOf<D> = D extends { readonly schemas: { readonly response: infer S } }
  ? TypeOf<S>
  : undefined;

/** One element of a paginated result's `data`. */
export type ItemOf<D> =
  ResultOf<D> extends { readonly data?: ReadonlyArray<infer Item> | undefined } ? Item : never;

export type HasBody<D> = D extends { readonly body: object } ? true : false;

/** Params may be omitted when none is required. */
export type ParamsArgs<D, Options> =
  Record<never, never> extends InputOf<D>
    ? [params?: InputOf<D>, options?: Options]
    : [params: InputOf<D>, options?: Options];

/**
 * The calling convention of every operation: the request body first when the operation has one,
 * then the path/query/header parameters, then per-call options.
 */
export type OperationArgs<D, Options> =
  HasBody<D> extends true ? [body: BodyOf<D>, ...ParamsArgs<D, Options>] : ParamsArgs<D, Options>;

export type IsPaginated<D> = D extends { readonly paginated: true } ? true : false;
