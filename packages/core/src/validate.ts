// Request validation against the generated schemas, before anything is sent.
import { Cause, Exit, Schema, SchemaIssue } from "effect";
import type { FieldIssue } from "./errors.ts";
import { compileGuard } from "./guard.ts";
import type { OperationDescriptor } from "./operation.ts";

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "$"
    : path
        .map((key, index) =>
          typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
        )
        .join("");

/** Every issue of a schema failure, as field paths a user can read. */
export const issuesOf = (error: unknown): FieldIssue[] => {
  if (!Schema.isSchemaError(error)) return [{ path: "$", message: String(error) }];
  const formatted = SchemaIssue.makeFormatterStandardSchemaV1()(error.issue);
  return formatted.issues.map((issue) => ({
    path: formatPath((issue.path ?? []).map((key) => (typeof key === "object" ? key.key : key))),
    message: issue.message,
  }));
};

const STRICT = { errors: "all", onExcessProperty: "error" } as const;
const EXACT = { onExcessProperty: "error" } as const;

/**
 * Path values the schemas accept but a URL cannot carry: an empty segment or a dot segment would send
 * the request to another route (an empty collection id turns "rename" into "create", and ".", which
 * percent-encoding leaves as is, is resolved away by every URL parser), and a lone UTF-16 surrogate
 * cannot be percent-encoded.
 */
const DOT_SEGMENT = /^\.{1,2}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const pathNamesOf = new WeakMap<OperationDescriptor, ReadonlyArray<string>>();

const pathIssues = (descriptor: OperationDescriptor, params: Record<string, unknown>): FieldIssue[] => {
  let names = pathNamesOf.get(descriptor);
  if (names === undefined) {
    names = descriptor.parameters.filter((parameter) => parameter.in === "path").map(({ name }) => name);
    pathNamesOf.set(descriptor, names);
  }
  const issues: FieldIssue[] = [];
  for (const name of names) {
    const value = String(params[name] ?? "");
    if (value === "") issues.push({ path: name, message: "Expected a non-empty path segment" });
    else if (DOT_SEGMENT.test(value))
      issues.push({ path: name, message: 'Expected a path segment other than "." and ".."' });
    else if (LONE_SURROGATE.test(value)) issues.push({ path: name, message: "Expected well-formed Unicode" });
  }
  return issues;
};

export type Validated =
  | { readonly ok: true; readonly params: Record<string, unknown>; readonly body: unknown }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/** Checks params and body against the operation's schemas; every bad field is listed, not just the first. */
export const validateRequest = (
  descriptor: OperationDescriptor,
  input: { readonly params?: unknown; readonly body?: unknown },
): Validated => {
  const params = input.params ?? {};
  // Valid input passes the compiled guards and is sent as given (the schemas transform nothing);
  // Schema runs only to name what is wrong.
  if (
    compileGuard(descriptor.params, EXACT)?.(params) === true &&
    (descriptor.body === undefined
      ? true
      : input.body === undefined
        ? !descriptor.body.required
        : compileGuard(descriptor.body.schema, EXACT)?.(input.body) === true)
  ) {
    const issues = pathIssues(descriptor, params as Record<string, unknown>);
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, params: params as Record<string, unknown>, body: input.body };
  }
  return validateWithSchema(descriptor, input);
};

const validateWithSchema = (
  descriptor: OperationDescriptor,
  input: { readonly params?: unknown; readonly body?: unknown },
): Validated => {
  const issues: FieldIssue[] = [];
  const params = Schema.decodeUnknownExit(descriptor.params)(input.params ?? {}, STRICT);
  if (Exit.isFailure(params)) issues.push(...issuesOf(Cause.squash(params.cause)));
  let body: unknown;
  if (descriptor.body !== undefined) {
    if (input.body === undefined && descriptor.body.required) {
      issues.push({ path: "body", message: "Missing request body" });
    } else if (input.body !== undefined) {
      const decoded = Schema.decodeUnknownExit(descriptor.body.schema)(input.body, STRICT);
      if (Exit.isFailure(decoded)) {
        for (const issue of issuesOf(Cause.squash(decoded.cause)))
          issues.push({ path: issue.path === "$" ? "body" : `body.${issue.path}`, message: issue.message });
      } else body = decoded.value;
    }
  }
  if (Exit.isSuccess(params)) issues.push(...pathIssues(descriptor, params.value as Record<string, unknown>));
  if (issues.length > 0 || Exit.isFailure(params)) return { ok: false, issues };
  return { ok: true, params: params.value as Record<string, unknown>, body };
};

/** Header names are HTTP tokens; values may not carry line breaks or NUL, which fetch would refuse. */
const HEADER_NAME = /^[!#$%&'*+.^`|~\w-]+$/;
const BAD_HEADER_VALUE = /[\0\r\n]/;

/** Headers a call would send that fetch refuses: named here, instead of failing inside fetch. */
export const headerIssues = (
  headers: Readonly<Record<string, string>>,
  at: string,
  issues: FieldIssue[] = [],
): FieldIssue[] => {
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name] ?? "";
    if (!HEADER_NAME.test(name))
      issues.push({ path: `${at}.${name}`, message: "Expected a header name (an HTTP token)" });
    else if (BAD_HEADER_VALUE.test(value))
      issues.push({ path: `${at}.${name}`, message: "Expected a header value without line breaks or NUL" });
  }
  return issues;
};
