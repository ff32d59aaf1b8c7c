// Request validation driven by the generated descriptors: params and bodies are decoded with the
// contract's Effect schemas and every issue becomes one API-shaped error item with a JSON path.
import type { OperationDescriptor } from "@shutterkit/core";
import { Cause, Exit, Schema, SchemaAST, SchemaIssue } from "effect";
import { ApiError, type ApiErrorItem } from "./errors.ts";

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

type PathKey = PropertyKey;

const isLiteralUnion = (ast: SchemaAST.AST): boolean =>
  SchemaAST.isUnion(ast) && ast.types.every((member) => SchemaAST.isLiteral(member));

const codeOf = (issue: SchemaIssue.Issue): string => {
  switch (issue._tag) {
    case "MissingKey":
      return "VALIDATION_REQUIRED";
    case "UnexpectedKey":
      return "VALIDATION_ADDITIONAL_PROPERTIES";
    case "InvalidType":
      return isLiteralUnion(issue.ast) ? "VALIDATION_ENUM" : "VALIDATION_INVALID_TYPE";
    case "AnyOf":
      return isLiteralUnion(issue.ast) ? "VALIDATION_ENUM" : "VALIDATION_INVALID_TYPE";
    case "Filter":
      return "VALIDATION_CONSTRAINT";
    default:
      return "VALIDATION_INVALID_VALUE";
  }
};

const valueAt = (root: unknown, path: ReadonlyArray<PathKey>): unknown => {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
};

const renderPath = (prefix: string, path: ReadonlyArray<PathKey>): string =>
  path.reduce<string>(
    (text, key) =>
      typeof key === "number"
        ? `${text}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${text}.${String(key)}`
          : `${text}["${String(key)}"]`,
    prefix,
  );

const collect = (
  issue: SchemaIssue.Issue,
  path: ReadonlyArray<PathKey>,
  out: Array<{ issue: SchemaIssue.Issue; path: ReadonlyArray<PathKey> }>,
): void => {
  switch (issue._tag) {
    case "Pointer":
      collect(issue.issue, [...path, ...issue.path], out);
      return;
    case "Composite":
      for (const inner of issue.issues) collect(inner, path, out);
      return;
    case "Encoding":
      collect(issue.issue, path, out);
      return;
    case "AnyOf": {
      // A union that failed inside one or more members: report the member that came closest.
      if (issue.issues.length === 0) {
        out.push({ issue, path });
        return;
      }
      let best: Array<{ issue: SchemaIssue.Issue; path: ReadonlyArray<PathKey> }> | undefined;
      for (const member of issue.issues) {
        const attempt: Array<{ issue: SchemaIssue.Issue; path: ReadonlyArray<PathKey> }> = [];
        collect(member, path, attempt);
        if (best === undefined || attempt.length < best.length) best = attempt;
      }
      out.push(...(best ?? []));
      return;
    }
    default:
      out.push({ issue, path });
  }
};

/**
 * Turns a schema issue tree into API error items. `locate` names the part of the request a top-level
 * key lives in (`query`, `path`, `header`, `body`) so paths read like the API's: `$.query.page`.
 */
export const issueItems = (
  issue: SchemaIssue.Issue,
  input: unknown,
  locate: (path: ReadonlyArray<PathKey>) => { prefix: string; path: ReadonlyArray<PathKey> },
): ApiErrorItem[] => {
  const leaves: Array<{ issue: SchemaIssue.Issue; path: ReadonlyArray<PathKey> }> = [];
  collect(issue, [], leaves);
  return leaves.map(({ issue: leaf, path }) => {
    const messages = formatter(leaf).issues.map((entry) => entry.message);
    const located = locate(path);
    const fullPath = renderPath(located.prefix, located.path);
    const value = valueAt(input, path);
    const message =
      leaf._tag === "MissingKey"
        ? `Missing required value at ${fullPath}`
        : leaf._tag === "UnexpectedKey"
          ? `Unknown ${located.prefix === "$.query" ? "parameter" : "property"} at ${fullPath}`
          : `${[...new Set(messages)].join("; ")} at ${fullPath}`;
    const data = value === undefined ? undefined : JSON.stringify(value);
    return { code: codeOf(leaf), message, path: fullPath, ...(data === undefined ? {} : { data }) };
  });
};

const failureIssue = (cause: Cause.Cause<unknown>): SchemaIssue.Issue | undefined => {
  const error = Cause.squash(cause);
  return Schema.isSchemaError(error) ? error.issue : undefined;
};

/** Decodes request params strictly: unknown query keys are errors, as are wrong types and values. */
export const decodeParams = (
  descriptor: Pick<OperationDescriptor, "schemas" | "parameters">,
  input: Record<string, unknown>,
): Record<string, unknown> => {
  const exit = Schema.decodeUnknownExit(descriptor.schemas.params)(input, {
    errors: "all",
    onExcessProperty: "error",
  });
  if (Exit.isSuccess(exit)) return exit.value as Record<string, unknown>;
  const issue = failureIssue(exit.cause);
  if (issue === undefined) throw new ApiError(400, "Validation failed");
  const where = new Map(descriptor.parameters.map((parameter) => [parameter.name, parameter.in]));
  throw new ApiError(
    400,
    "Validation failed",
    issueItems(issue, input, (path) => {
      const [first, ...rest] = path;
      const place = where.get(String(first)) ?? "query";
      return { prefix: `$.${place}`, path: first === undefined ? [] : [first, ...rest] };
    }),
  );
};

/**
 * Validates a JSON body and returns it as sent. Extra properties are allowed (OpenAPI objects allow
 * additional properties unless they say otherwise) and kept, since free-form members such as license
 * `metadata` depend on them; the contract's body schemas only check, they never transform.
 */
export const decodeBody = (schema: Schema.ConstraintDecoder<unknown>, input: unknown): unknown => {
  const exit = Schema.decodeUnknownExit(schema)(input, { errors: "all", onExcessProperty: "ignore" });
  if (Exit.isSuccess(exit)) return input;
  const issue = failureIssue(exit.cause);
  if (issue === undefined) throw new ApiError(400, "Validation failed");
  throw new ApiError(
    400,
    "Validation failed",
    issueItems(issue, input, (path) => ({ prefix: "$.body", path })),
  );
};
