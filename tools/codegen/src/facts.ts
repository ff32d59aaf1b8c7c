// The contract's facts about a value (type, enum, default, bounds, pattern or format, example,
// deprecation), written as a doc comment so that hovering a parameter or a field shows them. Facts
// only: the contract's prose descriptions stay out (see shared/spec/README.md), the link leads there.
import type { OpenApiDocument, SchemaObject } from "./openapi.ts";
import { componentRefName } from "./schema-emitter.ts";

const code = (value: unknown): string => `\`${JSON.stringify(value)}\``;

/** Backticks and comment terminators cannot appear raw inside a doc comment. */
const safe = (text: string): string => text.replaceAll("*/", "*\\/").replaceAll("`", "'");

const resolve = (document: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | undefined =>
  schema?.$ref === undefined
    ? schema
    : resolve(document, document.components.schemas[componentRefName(schema.$ref)]);

/** The type as a reader sees it: `string`, `integer[]`, `Image` (a component), one of several. */
const typeName = (document: OpenApiDocument, schema: SchemaObject | undefined): string => {
  if (schema === undefined) return "unknown";
  if (schema.$ref !== undefined) return componentRefName(schema.$ref);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives !== undefined) return alternatives.map((member) => typeName(document, member)).join(" | ");
  if (schema.enum !== undefined) return schema.enum.map((value) => JSON.stringify(String(value))).join(" | ");
  const type = schema.type ?? (schema.properties !== undefined ? "object" : undefined);
  if (type === "array") {
    const item = typeName(document, schema.items);
    return item.includes(" | ") ? `(${item})[]` : `${item}[]`;
  }
  return type ?? "unknown";
};

const range = (schema: SchemaObject, unit: string): string | undefined => {
  const low =
    schema.minimum === undefined
      ? undefined
      : `${schema.exclusiveMinimum === true ? "more than" : "at least"} ${schema.minimum}`;
  const high =
    schema.maximum === undefined
      ? undefined
      : `${schema.exclusiveMaximum === true ? "less than" : "at most"} ${schema.maximum}`;
  if (low === undefined && high === undefined) return undefined;
  return `${unit}${[low, high].filter((part) => part !== undefined).join(", ")}`;
};

const lengths = (low: number | undefined, high: number | undefined, unit: string): string | undefined => {
  if (low === undefined && high === undefined) return undefined;
  if (low !== undefined && high !== undefined) return `${low} to ${high} ${unit}`;
  return low !== undefined ? `at least ${low} ${unit}` : `at most ${high} ${unit}`;
};

/** Fact lines of one schema, looking through arrays to their items and through one-element unions. */
const factLines = (document: OpenApiDocument, schema: SchemaObject): string[] => {
  const facts: string[] = [];
  const pattern = schema.pattern ?? document.components["x-string-formats"]?.[schema.format ?? ""]?.pattern;
  if (schema.format !== undefined) facts.push(`format \`${safe(schema.format)}\``);
  if (pattern !== undefined) facts.push(`pattern \`${safe(pattern)}\``);
  const numeric = range(schema, "");
  if (numeric !== undefined) facts.push(numeric);
  const text = lengths(schema.minLength, schema.maxLength, "characters");
  if (text !== undefined) facts.push(text);
  const items = lengths(schema.minItems, schema.maxItems, "items");
  if (items !== undefined) facts.push(items);
  if (schema.uniqueItems === true) facts.push("unique items");
  if (schema.maxProperties !== undefined) facts.push(`at most ${schema.maxProperties} entries`);
  const item = resolve(document, schema.items);
  if (schema.type === "array" && item !== undefined && schema.items?.$ref === undefined) {
    const inner = factLines(document, item);
    if (inner.length > 0) facts.push(`each: ${inner.join(", ")}`);
  }
  return facts;
};

export interface DocInput {
  readonly schema: SchemaObject | undefined;
  readonly required: boolean;
  readonly deprecated?: boolean;
  /** A parameter's own example, which the contract keeps beside its schema. */
  readonly example?: unknown;
  /** Where a parameter travels (`query`, `path`, `header`); absent for body and response fields. */
  readonly location?: string;
  readonly link?: string;
}

/** The doc comment of one parameter or field, indented for a property of an object literal. */
export const factsComment = (document: OpenApiDocument, input: DocInput): string => {
  const schema = input.schema ?? {};
  const resolved = schema.$ref === undefined ? schema : (resolve(document, schema) ?? schema);
  const head = [`\`${safe(typeName(document, schema))}\``];
  if (input.location !== undefined) head.push(`in ${input.location}`);
  head.push(input.required ? "required" : "optional");
  const lines = [head.join(" · ")];
  const facts = schema.$ref === undefined ? factLines(document, resolved) : [];
  if (facts.length > 0) lines.push(`${facts.join(" · ")}.`);
  if (schema.default !== undefined) lines.push(`@defaultValue ${code(schema.default)} (the API's default)`);
  const example = input.example ?? schema.example;
  if (example !== undefined && (typeof example !== "object" || example === null))
    lines.push(`@example ${safe(JSON.stringify(example))}`);
  else if (Array.isArray(example) && JSON.stringify(example).length <= 120)
    lines.push(`@example ${safe(JSON.stringify(example))}`);
  if (input.deprecated === true || schema.deprecated === true)
    lines.push("@deprecated Deprecated by the API.");
  if (input.link !== undefined) lines.push(`@see {@link ${input.link} | API reference}`);
  return `/**\n${lines.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */\n`;
};
