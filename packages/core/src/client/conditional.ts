// Conditional requests and partial responses as modifiers of an operation: `conditional(getImage,
// etag)` sends `If-None-Match` and types a 304 as `NotModified`; `partial(getImage, "id,assets")`
// asks the API for those fields only and types the result as a deep partial of the full one.
import type { Schema } from "effect";
import type { OperationDescriptor } from "../operation.ts";
import type { ResultOf } from "../types.ts";

/** What a conditional call gives when the resource has not changed since `etag`. */
export interface NotModified {
  readonly _tag: "NotModified";
  /** The ETag the caller sent, still current. */
  readonly etag: string;
}

export const notModified = (etag: string): NotModified => ({ _tag: "NotModified", etag });

export const isNotModified = (value: unknown): value is NotModified =>
  typeof value === "object" && value !== null && (value as { _tag?: unknown })._tag === "NotModified";

/** Every field optional, at every depth: what a `fields` selection may leave out. */
export type DeepPartial<T> =
  T extends ReadonlyArray<infer Item>
    ? ReadonlyArray<DeepPartial<Item>>
    : T extends object
      ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/** How a modified operation changes what the pipeline sends and how it reads the answer. */
export interface CallModifiers {
  /** Sent as `If-None-Match`; a 304 then resolves to {@link NotModified}. */
  readonly ifNoneMatch?: string;
  /** Sent as `fields`; the answer is parsed but not checked against the contract. */
  readonly fields?: string;
}

type WithResult<D, R> = Omit<D, "schemas"> & {
  readonly schemas: Omit<D extends { readonly schemas: infer S } ? S : never, "response"> & {
    readonly response: Schema.ConstraintDecoder<R>;
  };
  readonly modifiers: CallModifiers;
};

type Readable = OperationDescriptor & { readonly method: "GET" | "HEAD" };

const modify = (operation: OperationDescriptor, modifiers: CallModifiers) => {
  const previous = (operation as { readonly modifiers?: CallModifiers }).modifiers;
  return { ...operation, modifiers: { ...previous, ...modifiers } };
};

/**
 * The operation sent with `If-None-Match: etag` (from an earlier answer's `etag` header): a 304
 * resolves to `NotModified` instead of the data, at no cost to the quota of a full answer.
 */
export const conditional = <D extends Readable>(
  operation: D,
  etag: string,
): WithResult<D, ResultOf<D> | NotModified> =>
  modify(operation, { ifNoneMatch: etag }) as unknown as WithResult<D, ResultOf<D> | NotModified>;

/**
 * The operation asking the API for some fields only (Google-style selection, `data(id,assets)`):
 * smaller answers, typed as a deep partial, since the contract's required fields may be left out.
 */
export const partial = <D extends Readable>(
  operation: D,
  fields: string,
): WithResult<D, DeepPartial<ResultOf<D>>> =>
  modify(operation, { fields }) as unknown as WithResult<D, DeepPartial<ResultOf<D>>>;

/** The modifiers an operation carries, if any. */
export const modifiersOf = (operation: OperationDescriptor): CallModifiers | undefined =>
  (operation as { readonly modifiers?: CallModifiers }).modifiers;
