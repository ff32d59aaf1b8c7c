// Request validation against the generated schemas, before anything is sent.
import { Cause, Exit, Schema, SchemaIssue } from "effect";
import type { FieldIssue } from "./errors.ts";
import type { OperationDescriptor } from "./operation.ts";
import { pathIssues, type RequestInput } from "./request-plan.ts";

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

export type Validated =
  | { readonly ok: true; readonly params: Record<string, unknown>; readonly body: unknown }
  | { readonly ok: false; readonly issues: FieldIssue[] };

/**
 * Checks params and body against the operation's schemas with Effect Schema; every bad field is
 * listed, not just the first. The client asks only when its request plan does not accept the input
 * as given (see request-plan.ts).
 */
export const validateRequest = (descriptor: OperationDescriptor, input: RequestInput): Validated => {
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
