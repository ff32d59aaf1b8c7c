// Emits one descriptor per operation, grouped in one module per tag, and the index that ties them together.
import { banner } from "./banner.ts";
import {
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
  type SchemaObject,
} from "./openapi.ts";
import { componentRefName, emitSchema, PURE } from "./schema-emitter.ts";

const camel = (tag: string): string => tag.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const pascal = (tag: string): string => {
  const name = camel(tag);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

export const groupByTag = (document: OpenApiDocument): Map<string, OperationEntry[]> => {
  const groups = new Map<string, OperationEntry[]>();
  for (const entry of listOperations(document)) {
    const tag = entry.operation.tags[0];
    if (tag === undefined) throw new Error(`${entry.operation.operationId} has no tag`);
    groups.set(tag, [...(groups.get(tag) ?? []), entry]);
  }
  for (const entries of groups.values())
    entries.sort((a, b) => a.operation.operationId.localeCompare(b.operation.operationId));
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
};

const resolveSchema = (
  document: OpenApiDocument,
  schema: SchemaObject | undefined,
): SchemaObject | undefined =>
  schema?.$ref === undefined
    ? schema
    : resolveSchema(document, document.components.schemas[componentRefName(schema.$ref)]);

/** The wire shape of a parameter: how it is written to a URL and read back from one. */
const wireShape = (document: OpenApiDocument, parameter: ParameterObject) => {
  const schema = resolveSchema(document, parameter.schema);
  const alternatives = schema?.oneOf ?? schema?.anyOf;
  const first = alternatives === undefined ? schema : resolveSchema(document, alternatives[0]);
  const array = first?.type === "array";
  const scalar = array ? resolveSchema(document, first?.items) : first;
  const type =
    scalar?.type === "integer" || scalar?.type === "number" || scalar?.type === "boolean"
      ? scalar.type
      : "string";
  return { array, type };
};

const DOCS_BASE = "https://api-reference.shutterstock.com/#";

const docsUrl = (entry: OperationEntry): string =>
  `${DOCS_BASE}${entry.operation.tags[0]}-${entry.operation.operationId}`;

const summaryOf = (entry: OperationEntry): string => entry.operation.summary ?? entry.operation.operationId;

const successResponse = (entry: OperationEntry) => {
  const [status, response] =
    Object.entries(entry.operation.responses).find(([code]) => code.startsWith("2")) ?? [];
  // `authorize` answers only with a redirect to the consent page.
  if (status === undefined) return { status: 302, schema: undefined };
  return { status: Number(status), schema: response?.content?.["application/json"]?.schema };
};

/**
 * One operation as a descriptor. With `schemas: false` it is the schema-free route entry
 * (`RouteDescriptor`) that routers import without pulling in Effect's Schema module.
 */
const emitDescriptor = (entry: OperationEntry, document: OpenApiDocument, schemas = true): string => {
  const { operation } = entry;
  const context = { document, ref: (name: string) => `Components.${name}` };
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in !== "cookie");
  const parameterRows = parameters.map((parameter) => {
    const { array, type } = wireShape(document, parameter);
    const fields = [
      `name: ${JSON.stringify(parameter.name)}`,
      `in: ${JSON.stringify(parameter.in)}`,
      `required: ${parameter.required === true}`,
      `type: ${JSON.stringify(type)}`,
      `array: ${array}`,
      `deprecated: ${parameter.deprecated === true}`,
    ];
    if (parameter.schema?.default !== undefined)
      fields.push(`default: ${JSON.stringify(parameter.schema.default)}`);
    return `{ ${fields.join(", ")} }`;
  });
  const paramFields = parameters.map((parameter) => {
    const expression =
      parameter.schema === undefined ? "Schema.String" : emitSchema(parameter.schema, context);
    const field = parameter.required === true ? expression : `${PURE}Schema.optional(${expression})`;
    return `${JSON.stringify(parameter.name)}: ${field}`;
  });
  const names = new Set(parameters.map((parameter) => parameter.name));
  const lines = [
    `operationId: ${JSON.stringify(operation.operationId)}`,
    `tag: ${JSON.stringify(operation.tags[0])}`,
    `method: ${JSON.stringify(entry.method.toUpperCase())}`,
    `path: ${JSON.stringify(entry.path)}`,
    ...(schemas
      ? [`summary: ${JSON.stringify(summaryOf(entry))}`, `docsUrl: ${JSON.stringify(docsUrl(entry))}`]
      : []),
    `deprecated: ${operation.deprecated === true}`,
    `parameters: [${parameterRows.join(", ")}]`,
    ...(schemas ? [`params: ${PURE}Schema.Struct({ ${paramFields.join(", ")} })`] : []),
  ];
  if (operation.requestBody !== undefined) {
    const contentTypes = Object.keys(operation.requestBody.content);
    const media =
      operation.requestBody.content["application/json"] ?? Object.values(operation.requestBody.content)[0];
    const schema = media?.schema === undefined ? "Schema.Unknown" : emitSchema(media.schema, context);
    lines.push(
      `body: { ${schemas ? `schema: ${schema}, ` : ""}contentTypes: ${JSON.stringify(contentTypes)}, required: ${operation.requestBody.required === true} }`,
    );
  }
  const response = successResponse(entry);
  lines.push(
    response.schema === undefined || !schemas
      ? `response: { status: ${response.status} }`
      : `response: { status: ${response.status}, schema: ${emitSchema(response.schema, context)} }`,
  );
  const security = (operation.security ?? []).flatMap((alternative) =>
    Object.entries(alternative).map(
      ([scheme, scopes]) => `{ scheme: ${JSON.stringify(scheme)}, scopes: ${JSON.stringify(scopes)} }`,
    ),
  );
  lines.push(`security: [${security.join(", ")}]`);
  lines.push(`paginated: ${names.has("page") && names.has("per_page")}`);

  const doc = [
    summaryOf(entry),
    "",
    `\`${entry.method.toUpperCase()} ${entry.path}\` · [API reference](${docsUrl(entry)})`,
  ];
  if (operation.deprecated === true)
    doc.push("", "@deprecated Deprecated by the API; kept callable for existing integrations.");
  const comment = `/**\n${doc.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */\n`;
  const type = schemas ? "OperationDescriptor" : "RouteDescriptor";
  return `${comment}export const ${operation.operationId} = {\n${lines.join(",\n")}\n} as const satisfies ${type};\n`;
};

export const emitTagModule = (
  tag: string,
  entries: ReadonlyArray<OperationEntry>,
  document: OpenApiDocument,
): string => {
  const descriptors = entries.map((entry) => emitDescriptor(entry, document));
  const members = entries.map(
    (entry) =>
      `/** ${summaryOf(entry)}${entry.operation.deprecated === true ? " @deprecated" : ""} */\n${entry.operation.operationId}`,
  );
  const usesComponents = descriptors.some((source) => source.includes("Components."));
  return (
    banner(document) +
    'import { Schema } from "effect";\n' +
    'import type { OperationDescriptor } from "../../operation.ts";\n' +
    (usesComponents ? 'import * as Components from "../schemas.ts";\n' : "") +
    "\n" +
    descriptors.join("\n") +
    `\n/** The \`${tag}\` operations of the API, by operationId. */\nexport const ${camel(tag)} = {\n${members.join(",\n")}\n} as const;\n`
  );
};

export const emitIndex = (
  groups: ReadonlyMap<string, ReadonlyArray<OperationEntry>>,
  document: OpenApiDocument,
): string => {
  const tags = [...groups.keys()];
  // Named imports and plain object literals (no spreads) keep every unused descriptor tree-shakable.
  const imports = tags.map((tag) => {
    const names = [camel(tag), ...(groups.get(tag) ?? []).map((entry) => entry.operation.operationId)];
    return `import { ${names.join(", ")} } from "./operations/${tag}.ts";`;
  });
  const all = [...groups.values()]
    .flat()
    .map((entry) => entry.operation.operationId)
    .sort();
  return (
    banner(document) +
    `${imports.join("\n")}\n\n` +
    'export * as schemas from "./schemas.ts";\n' +
    tags.map((tag) => `export * as ${pascal(tag)}Operations from "./operations/${tag}.ts";`).join("\n") +
    `\n\n/** The contract's version. */\nexport const apiVersion = ${JSON.stringify(document.info.version)};\n\n` +
    "/** Operations by tag; each group is keyed by operationId. */\n" +
    `export const operationGroups = {\n${tags.map((tag) => `${camel(tag)}`).join(",\n")}\n} as const;\n\n` +
    `/** All ${all.length} operations, keyed by operationId. */\n` +
    `export const operations = {\n${all.join(",\n")}\n} as const;\n\n` +
    "export type OperationId = keyof typeof operations;\n"
  );
};

/** Every operation as a schema-free route entry, in one module with no Effect import. */
export const emitRoutes = (
  groups: ReadonlyMap<string, ReadonlyArray<OperationEntry>>,
  document: OpenApiDocument,
): string => {
  const entries = [...groups.values()].flat();
  const all = entries.map((entry) => entry.operation.operationId).sort();
  return (
    banner(document) +
    'import type { RouteDescriptor } from "../operation.ts";\n\n' +
    entries.map((entry) => emitDescriptor(entry, document, false)).join("\n") +
    `\n/** All ${all.length} routes, keyed by operationId. */\nexport const routes = {\n${all.join(",\n")}\n} as const;\n`
  );
};
