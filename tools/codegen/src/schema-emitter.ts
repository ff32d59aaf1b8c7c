// Turns OpenAPI 3.0 schema objects into Effect Schema source expressions.
import type { OpenApiDocument, SchemaObject } from "./openapi.ts";

export interface EmitContext {
  readonly document: OpenApiDocument;
  /** Reference a component schema by name; returns the expression that names it. */
  readonly ref: (name: string) => string;
  /** The doc comment of an object's field (its facts from the contract), or nothing. */
  readonly fieldDoc?: (property: SchemaObject, required: boolean) => string;
}

const refName = (ref: string): string => {
  const prefix = "#/components/schemas/";
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(prefix.length);
};

export const componentRefName = refName;

const literal = (value: unknown): string => JSON.stringify(value);

const regex = (pattern: string): string => `/${pattern.replaceAll("/", "\\/")}/`;

/** A named string format of the contract's `x-string-formats` that carries a pattern (asset ids, country codes). */
const formatPattern = (document: OpenApiDocument, format: string | undefined): string | undefined => {
  if (format === undefined) return undefined;
  return document.components["x-string-formats"]?.[format]?.pattern;
};

/** Marks a generated call side-effect free, so bundlers drop the schemas an app never reaches. */
export const PURE = "/* @__PURE__ */ ";

const withChecks = (base: string, checks: ReadonlyArray<string>): string =>
  checks.length === 0
    ? base
    : `${PURE}${base.startsWith(PURE) ? base.slice(PURE.length) : base}.check(${checks.join(", ")})`;

const numberChecks = (schema: SchemaObject): string[] => {
  const checks: string[] = [];
  if (schema.minimum !== undefined) {
    checks.push(
      schema.exclusiveMinimum === true
        ? `${PURE}Schema.isGreaterThan(${schema.minimum})`
        : `${PURE}Schema.isGreaterThanOrEqualTo(${schema.minimum})`,
    );
  }
  if (schema.maximum !== undefined) {
    checks.push(
      schema.exclusiveMaximum === true
        ? `${PURE}Schema.isLessThan(${schema.maximum})`
        : `${PURE}Schema.isLessThanOrEqualTo(${schema.maximum})`,
    );
  }
  return checks;
};

export const emitSchema = (schema: SchemaObject, context: EmitContext): string => {
  if (schema.$ref !== undefined) return context.ref(refName(schema.$ref));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives !== undefined) {
    const members = alternatives.map((member) => emitSchema(member, context));
    return members.length === 1 ? members[0]! : `${PURE}Schema.Union([${members.join(", ")}])`;
  }
  if (schema.enum !== undefined) {
    // A string parameter may list numbers (`searchVideos` aspect_ratio: 43, 169, "nonstandard");
    // on the wire and in the declared type they are strings.
    const values = schema.type === "string" ? schema.enum.map(String) : schema.enum;
    return `${PURE}Schema.Literals(${literal(values)})`;
  }
  const type = schema.type ?? (schema.properties !== undefined ? "object" : undefined);
  switch (type) {
    case "string": {
      const checks: string[] = [];
      const pattern = schema.pattern ?? formatPattern(context.document, schema.format);
      if (pattern !== undefined) checks.push(`${PURE}Schema.isPattern(${regex(pattern)})`);
      if (schema.minLength !== undefined) checks.push(`${PURE}Schema.isMinLength(${schema.minLength})`);
      if (schema.maxLength !== undefined) checks.push(`${PURE}Schema.isMaxLength(${schema.maxLength})`);
      return withChecks("Schema.String", checks);
    }
    case "integer":
      return withChecks("Schema.Int", numberChecks(schema));
    case "number":
      return withChecks("Schema.Finite", numberChecks(schema));
    case "boolean":
      return "Schema.Boolean";
    case "array": {
      const checks: string[] = [];
      if (schema.minItems !== undefined) checks.push(`${PURE}Schema.isMinLength(${schema.minItems})`);
      if (schema.maxItems !== undefined) checks.push(`${PURE}Schema.isMaxLength(${schema.maxItems})`);
      const items = schema.items === undefined ? "Schema.Unknown" : emitSchema(schema.items, context);
      return withChecks(`${PURE}Schema.Array(${items})`, checks);
    }
    case "object": {
      const checks =
        schema.maxProperties === undefined ? [] : [`${PURE}Schema.isMaxProperties(${schema.maxProperties})`];
      // No declared properties (LicenseRequestMetadata): a free-form map, not an object that must be empty.
      if (schema.properties === undefined || Object.keys(schema.properties).length === 0) {
        const value =
          typeof schema.additionalProperties === "object"
            ? emitSchema(schema.additionalProperties, context)
            : "Schema.Unknown";
        return withChecks(`${PURE}Schema.Record(Schema.String, ${value})`, checks);
      }
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties).map(([name, property]) => {
        const expression = emitSchema(property, context);
        const field = required.has(name) ? expression : `${PURE}Schema.optional(${expression})`;
        return `${context.fieldDoc?.(property, required.has(name)) ?? ""}${literal(name)}: ${field}`;
      });
      return withChecks(`${PURE}Schema.Struct({\n${fields.join(",\n")}\n})`, checks);
    }
    default:
      return "Schema.Unknown";
  }
};

/** Component names a schema refers to, directly or through nested schemas. */
export const collectRefs = (schema: unknown, into: Set<string> = new Set()): Set<string> => {
  if (Array.isArray(schema)) {
    for (const item of schema) collectRefs(item, into);
  } else if (schema !== null && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "$ref" && typeof value === "string") into.add(refName(value));
      else if (key !== "example") collectRefs(value, into);
    }
  }
  return into;
};
