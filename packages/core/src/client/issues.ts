// Schema failures as field paths a user can read, and the request checks Schema does not make.
import * as Schema from "effect/Schema";
import * as SchemaIssue from "effect/SchemaIssue";
import type { FieldIssue } from "../errors.ts";

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
    const value = headers[name];
    if (!HEADER_NAME.test(name))
      issues.push({ path: `${at}.${name}`, message: "Expected a header name (an HTTP token)" });
    else if (typeof value !== "string")
      issues.push({ path: `${at}.${name}`, message: "Expected a string header value" });
    else if (BAD_HEADER_VALUE.test(value))
      issues.push({ path: `${at}.${name}`, message: "Expected a header value without line breaks or NUL" });
  }
  return issues;
};

/**
 * Path values the schemas accept but a URL cannot carry: an empty segment or a dot segment would send
 * the request to another route (an empty collection id turns "rename" into "create", and ".", which
 * percent-encoding leaves as is, is resolved away by every URL parser), and a lone UTF-16 surrogate
 * cannot be percent-encoded.
 */
const DOT_SEGMENT = /^\.{1,2}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const pathIssues = (
  names: ReadonlyArray<string>,
  params: Readonly<Record<string, unknown>>,
  issues: FieldIssue[] = [],
): FieldIssue[] => {
  for (const name of names) {
    const value = String(params[name] ?? "");
    if (value === "") issues.push({ path: name, message: "Expected a non-empty path segment" });
    else if (DOT_SEGMENT.test(value))
      issues.push({ path: name, message: 'Expected a path segment other than "." and ".."' });
    else if (LONE_SURROGATE.test(value)) issues.push({ path: name, message: "Expected well-formed Unicode" });
  }
  return issues;
};
