// An operation's call checked against the contract and written for the wire, before anything is sent:
// params and body validated with Effect Schema (every bad field named), path values a URL cannot
// carry refused, and the fields the contract omits that the caller passes through `extra`.
import * as Cause from "effect/Cause";
import * as Exit from "effect/Exit";
import * as Schema from "effect/Schema";
import type { FieldIssue } from "../errors.ts";
import type { OperationDescriptor } from "../operation.ts";
import { formEncode, makeParamsWriter, type WrittenParams } from "../wire/params.ts";
import { issuesOf, pathIssues } from "./issues.ts";

/** A query value the wire can carry; arrays are sent as repeated keys. */
export type QueryValue = string | number | boolean;

/**
 * Fields the API takes that the contract omits, sent as given (never silently dropped). Query extras
 * may not reuse a declared parameter's name; body extras are merged into the body (objects by key,
 * arrays by index) and may add fields, never replace one the body already has. After the merge the
 * body is validated again, so a known field is checked wherever it was written.
 */
export interface Extra<Body = unknown> {
  readonly query?: Readonly<Record<string, QueryValue | ReadonlyArray<QueryValue>>>;
  readonly body?: ExtraBody<Body>;
}

/** The shape of body extras: the body's own structure to reach into, anything new at any level. */
export type ExtraBody<T> =
  T extends ReadonlyArray<infer Item>
    ? ReadonlyArray<ExtraBody<Item>>
    : T extends object
      ? { readonly [K in keyof T]?: ExtraBody<T[K]> } & { readonly [key: string]: unknown }
      : unknown;

export interface CallInput {
  readonly params?: unknown;
  readonly body?: unknown;
}

export interface PreparedCall extends WrittenParams {
  /** The JSON body to send, or undefined. */
  readonly body: string | undefined;
}

const STRICT = { errors: "all", onExcessProperty: "error" } as const;
/** After body extras are merged in, known fields are checked; the merged value is what is sent. */
const WITH_EXTRAS = { errors: "all", onExcessProperty: "ignore" } as const;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Merges `extra` into `value` without replacing anything `value` has; conflicts are issues. */
const mergeExtra = (value: unknown, extra: unknown, path: string, issues: FieldIssue[]): unknown => {
  if (value === undefined) return extra;
  if (Array.isArray(value) && Array.isArray(extra)) {
    if (extra.length > value.length)
      issues.push({ path, message: `extra has ${extra.length} items where the body has ${value.length}` });
    return value.map((item: unknown, index) =>
      index < extra.length ? mergeExtra(item, extra[index], `${path}[${index}]`, issues) : item,
    );
  }
  if (isPlainObject(value) && isPlainObject(extra)) {
    const merged: Record<string, unknown> = { ...value };
    for (const key of Object.keys(extra))
      merged[key] = mergeExtra(value[key], extra[key], `${path}.${key}`, issues);
    return merged;
  }
  if (extra === undefined) return value;
  issues.push({ path, message: "is given both in the body and in extra.body; extra may only add fields" });
  return value;
};

const decode = (
  schema: Schema.ConstraintDecoder<unknown>,
  input: unknown,
  options: typeof STRICT | typeof WITH_EXTRAS,
  at: string | undefined,
  issues: FieldIssue[],
): unknown => {
  const exit = Schema.decodeUnknownExit(schema)(input, options);
  // Checking only (the schemas transform nothing): the input is what is sent, extras included.
  if (Exit.isSuccess(exit)) return input;
  for (const issue of issuesOf(Cause.squash(exit.cause)))
    issues.push(
      at === undefined
        ? issue
        : { path: issue.path === "$" ? at : `${at}.${issue.path}`, message: issue.message },
    );
  return undefined;
};

const writeQueryExtra = (
  query: string,
  extra: Extra["query"],
  declared: ReadonlySet<string>,
  issues: FieldIssue[],
): string => {
  if (extra === undefined) return query;
  let out = query;
  for (const [name, value] of Object.entries(extra)) {
    if (declared.has(name)) {
      issues.push({ path: `extra.query.${name}`, message: "is a declared parameter; pass it in params" });
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== "string" && typeof item !== "number" && typeof item !== "boolean") {
        issues.push({ path: `extra.query.${name}`, message: "Expected a string, number or boolean" });
        continue;
      }
      out += `${out === "" ? "" : "&"}${formEncode(name)}=${formEncode(String(item))}`;
    }
  }
  return out;
};

type Preparer = (
  input: CallInput,
  extra: Extra | undefined,
) => { readonly call: PreparedCall } | { readonly issues: FieldIssue[] };

const makePreparer = (operation: OperationDescriptor): Preparer => {
  const { schemas } = operation;
  const writeParams = makeParamsWriter(operation);
  const pathNames = operation.parameters
    .filter((parameter) => parameter.in === "path")
    .map(({ name }) => name);
  const declared = new Set(operation.parameters.map((parameter) => parameter.name));
  return (input, extra) => {
    const issues: FieldIssue[] = [];
    const params = decode(schemas.params, input.params ?? {}, STRICT, undefined, issues) as
      | Readonly<Record<string, unknown>>
      | undefined;
    if (params !== undefined) pathIssues(pathNames, params, issues);
    let body: unknown;
    if (operation.body !== undefined && schemas.body !== undefined) {
      if (input.body === undefined) {
        if (operation.body.required) issues.push({ path: "body", message: "Missing request body" });
      } else {
        body = decode(schemas.body, input.body, STRICT, "body", issues);
        if (extra?.body !== undefined && issues.length === 0) {
          const merged = mergeExtra(body, extra.body, "extra.body", issues);
          if (issues.length === 0) body = decode(schemas.body, merged, WITH_EXTRAS, "body", issues);
        }
      }
    } else if (extra?.body !== undefined)
      issues.push({ path: "extra.body", message: "the operation takes no body" });
    if (params === undefined || issues.length > 0) return { issues };
    const written = writeParams(params);
    const query = writeQueryExtra(written.query, extra?.query, declared, issues);
    if (issues.length > 0) return { issues };
    return {
      call: { ...written, query, body: body === undefined ? undefined : JSON.stringify(body) },
    };
  };
};

const preparers = new WeakMap<OperationDescriptor, Preparer>();

/** The operation's call checked and written, or every issue with it. */
export const prepareCall = (
  operation: OperationDescriptor,
  input: CallInput,
  extra: Extra | undefined,
): { readonly call: PreparedCall } | { readonly issues: FieldIssue[] } => {
  let preparer = preparers.get(operation);
  if (preparer === undefined) {
    preparer = makePreparer(operation);
    preparers.set(operation, preparer);
  }
  return preparer(input, extra);
};
