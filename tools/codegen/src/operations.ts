// Emits each operation once: its route (schema-free, for routers and proxies) in `routes/<tag>.ts`,
// and its operation (the route plus its schemas and named types) in `operations/<tag>.ts`, which
// imports the route instead of stating the parameters again.
import { banner } from "./banner.ts";
import { factsComment } from "./facts.ts";
import {
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
  type SchemaObject,
} from "./openapi.ts";
import { componentRefName, emitSchema, PURE } from "./schema-emitter.ts";

const camel = (tag: string): string => tag.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
export const pascal = (name: string): string => {
  const camelName = camel(name);
  return camelName.charAt(0).toUpperCase() + camelName.slice(1);
};
/** File and subpath name of a tag: `computer_vision` → `computer-vision`. */
export const kebab = (tag: string): string => tag.replaceAll("_", "-");

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

export const docsUrl = (entry: OperationEntry): string =>
  `${DOCS_BASE}${entry.operation.tags[0]}-${entry.operation.operationId}`;

const summaryOf = (entry: OperationEntry): string => entry.operation.summary ?? entry.operation.operationId;

const successResponse = (entry: OperationEntry) => {
  const [status, response] =
    Object.entries(entry.operation.responses).find(([code]) => code.startsWith("2")) ?? [];
  // `authorize` answers only with a redirect to the consent page.
  if (status === undefined) return { status: 302, schema: undefined };
  return { status: Number(status), schema: response?.content?.["application/json"]?.schema };
};

const parametersOf = (entry: OperationEntry): ReadonlyArray<ParameterObject> =>
  (entry.operation.parameters ?? []).filter((parameter) => parameter.in !== "cookie");

const scopesOf = (entry: OperationEntry): string[] => [
  ...new Set((entry.operation.security ?? []).flatMap((alternative) => Object.values(alternative).flat())),
];

/**
 * What an operation does to the account: read, change state, or buy. Licensing is a write that needs
 * `licenses.create`, or a POST to a `/licenses` route (which catches `licensesSFX`, whose contract
 * asks for no scope). A GET buys nothing even where the contract asks for that scope (`getImageList`).
 */
const accessOf = (entry: OperationEntry): "read" | "write" | "purchase" => {
  const method = entry.method.toUpperCase();
  if (method === "GET" || method === "HEAD") return "read";
  if (scopesOf(entry).includes("licenses.create")) return "purchase";
  if (method === "POST" && /\/licenses$/.test(entry.path)) return "purchase";
  return "write";
};

/** The hover of an operation: what it is, its route, what it needs, whether it buys, and the reference. */
const operationDoc = (entry: OperationEntry): string => {
  const { operation } = entry;
  const access = accessOf(entry);
  const schemes = (operation.security ?? []).flatMap((alternative) => Object.keys(alternative));
  const auth = [
    ...(schemes.includes("basic") ? ["an application key (basic auth)"] : []),
    ...(schemes.includes("customer_accessCode") ? ["an OAuth token"] : []),
  ];
  const scopes = scopesOf(entry);
  const lines = [
    summaryOf(entry),
    "",
    `\`${entry.method.toUpperCase()} ${entry.path}\` · ${
      access === "purchase"
        ? "**purchase**: licenses content and may charge the account; never retried once sent"
        : access
    }`,
    "",
    `Auth: ${auth.length === 0 ? "none" : auth.join(" or ")}${
      scopes.length === 0 ? "" : `; scopes ${scopes.map((scope) => `\`${scope}\``).join(", ")}`
    }.`,
    "",
    `[API reference](${docsUrl(entry)})`,
  ];
  if (operation.deprecated === true)
    lines.push("", "@deprecated Deprecated by the API; kept callable for existing integrations.");
  return `/**\n${lines.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */\n`;
};

const emitRoute = (entry: OperationEntry, document: OpenApiDocument): string => {
  const { operation } = entry;
  const parameters = parametersOf(entry);
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
  const names = new Set(parameters.map((parameter) => parameter.name));
  const lines = [
    `operationId: ${JSON.stringify(operation.operationId)}`,
    `tag: ${JSON.stringify(operation.tags[0])}`,
    `method: ${JSON.stringify(entry.method.toUpperCase())}`,
    `path: ${JSON.stringify(entry.path)}`,
    `summary: ${JSON.stringify(summaryOf(entry))}`,
    `docsUrl: ${JSON.stringify(docsUrl(entry))}`,
    `deprecated: ${operation.deprecated === true}`,
    `access: ${JSON.stringify(accessOf(entry))}`,
    `parameters: [${parameterRows.join(", ")}]`,
  ];
  if (operation.requestBody !== undefined) {
    const contentTypes = Object.keys(operation.requestBody.content);
    lines.push(
      `body: { contentTypes: ${JSON.stringify(contentTypes)}, required: ${operation.requestBody.required === true} }`,
    );
  }
  lines.push(`response: { status: ${successResponse(entry).status} }`);
  const security = (operation.security ?? []).flatMap((alternative) =>
    Object.entries(alternative).map(
      ([scheme, scopes]) => `{ scheme: ${JSON.stringify(scheme)}, scopes: ${JSON.stringify(scopes)} }`,
    ),
  );
  lines.push(`security: [${security.join(", ")}]`);
  lines.push(`paginated: ${names.has("page") && names.has("per_page")}`);
  return `${operationDoc(entry)}export const ${operation.operationId} = {\n${lines.join(",\n")}\n} as const satisfies RouteDescriptor;\n`;
};

export const emitRouteModule = (entries: ReadonlyArray<OperationEntry>, document: OpenApiDocument): string =>
  banner(document) +
  'import type { RouteDescriptor } from "../../operation.ts";\n\n' +
  entries.map((entry) => emitRoute(entry, document)).join("\n");

/** Named types an operation exports; generation fails rather than shadow a component's name. */
export const typeNamesOf = (entry: OperationEntry) => {
  const base = pascal(entry.operation.operationId);
  return { input: `${base}Input`, body: `${base}Body`, result: `${base}Result` };
};

const emitOperation = (entry: OperationEntry, document: OpenApiDocument): string => {
  const { operation } = entry;
  const link = docsUrl(entry);
  const context = {
    document,
    ref: (name: string) => `Components.${name}`,
    fieldDoc: (property: SchemaObject, required: boolean) =>
      factsComment(document, { schema: property, required, link }),
  };
  const paramFields = parametersOf(entry).map((parameter) => {
    const expression =
      parameter.schema === undefined ? "Schema.String" : emitSchema(parameter.schema, context);
    const required = parameter.required === true;
    const field = required ? expression : `${PURE}Schema.optional(${expression})`;
    const doc = factsComment(document, {
      schema: parameter.schema,
      required,
      deprecated: parameter.deprecated === true,
      example: parameter.example,
      location: parameter.in,
      link,
    });
    return `${doc}${JSON.stringify(parameter.name)}: ${field}`;
  });
  const schemas = [`params: ${PURE}Schema.Struct({\n${paramFields.join(",\n")}\n})`];
  if (operation.requestBody !== undefined) {
    const media =
      operation.requestBody.content["application/json"] ?? Object.values(operation.requestBody.content)[0];
    schemas.push(
      `body: ${media?.schema === undefined ? "Schema.Unknown" : emitSchema(media.schema, context)}`,
    );
  }
  const response = successResponse(entry);
  if (response.schema !== undefined) schemas.push(`response: ${emitSchema(response.schema, context)}`);

  const { id, names } = { id: operation.operationId, names: typeNamesOf(entry) };
  const summary = summaryOf(entry);
  const types = [
    `/** Path, query and header parameters of \`${id}\` (${summary}). */\nexport type ${names.input} = InputOf<typeof ${id}>;`,
    ...(operation.requestBody === undefined
      ? []
      : [`/** The JSON body of \`${id}\`. */\nexport type ${names.body} = BodyOf<typeof ${id}>;`]),
    `/** What \`${id}\` answers${response.schema === undefined ? " (nothing: no content)" : ""}. */\nexport type ${names.result} = ResultOf<typeof ${id}>;`,
  ];
  return `${operationDoc(entry)}export const ${id} = ${PURE}defineOperation(routes.${id}, {\n${schemas.join(",\n")}\n});\n${types.join("\n")}\n`;
};

export const emitOperationModule = (
  tag: string,
  entries: ReadonlyArray<OperationEntry>,
  document: OpenApiDocument,
): string => {
  const operations = entries.map((entry) => emitOperation(entry, document));
  const usesComponents = operations.some((source) => source.includes("Components."));
  const typeHelpers = ["BodyOf", "InputOf", "ResultOf"].filter((name) =>
    operations.some((source) => source.includes(`${name}<`)),
  );
  return (
    banner(document) +
    'import * as Schema from "effect/Schema";\n' +
    'import { defineOperation } from "../../operation.ts";\n' +
    `import type { ${typeHelpers.join(", ")} } from "../../types.ts";\n` +
    (usesComponents ? 'import * as Components from "../schemas.ts";\n' : "") +
    `import * as routes from "../routes/${kebab(tag)}.ts";\n\n` +
    operations.join("\n")
  );
};

const tagsOf = (groups: ReadonlyMap<string, ReadonlyArray<OperationEntry>>) => [...groups.keys()];

/** `routes/index.ts`: every route, and the table of all of them for servers that serve every route. */
export const emitRouteIndex = (
  groups: ReadonlyMap<string, ReadonlyArray<OperationEntry>>,
  document: OpenApiDocument,
): string => {
  const ids = [...groups.values()]
    .flat()
    .map((entry) => entry.operation.operationId)
    .sort();
  return (
    banner(document) +
    tagsOf(groups)
      .map((tag) => `import * as ${camel(tag)} from "./${kebab(tag)}.ts";`)
      .join("\n") +
    "\n\n" +
    tagsOf(groups)
      .map((tag) => `export * from "./${kebab(tag)}.ts";`)
      .join("\n") +
    `\n\n/** All ${ids.length} routes, for servers and tools that serve or list every route. */\n` +
    `export const routeTable = [\n${[...groups]
      .flatMap(([tag, entries]) => entries.map((entry) => `${camel(tag)}.${entry.operation.operationId}`))
      .join(",\n")}\n] as const;\n`
  );
};

export const emitOperationIndex = (
  groups: ReadonlyMap<string, ReadonlyArray<OperationEntry>>,
  document: OpenApiDocument,
): string =>
  banner(document) +
  tagsOf(groups)
    .map((tag) => `export * from "./${kebab(tag)}.ts";`)
    .join("\n") +
  "\n";

/**
 * `groups.ts`: the operations by tag, for the grouped client (`client.images.searchImages`), which
 * is documented as the one that pulls in every operation. Nothing else imports it.
 */
export const emitGroups = (
  groups: ReadonlyMap<string, ReadonlyArray<OperationEntry>>,
  document: OpenApiDocument,
): string => {
  const tags = tagsOf(groups);
  const imports = tags.map(
    (tag) =>
      `import { ${(groups.get(tag) ?? []).map((entry) => entry.operation.operationId).join(", ")} } from "./operations/${kebab(tag)}.ts";`,
  );
  const members = tags.map((tag) => {
    const entries = (groups.get(tag) ?? []).map(
      (entry) =>
        `/** ${summaryOf(entry)}${entry.operation.deprecated === true ? " @deprecated" : ""} */\n${entry.operation.operationId}`,
    );
    return `/** The \`${tag}\` operations. */\n${camel(tag)}: {\n${entries.join(",\n")}\n}`;
  });
  return (
    banner(document) +
    `${imports.join("\n")}\n\n` +
    "/** Every operation, by tag and operationId: what the grouped client binds. */\n" +
    `export const operationGroups = {\n${members.join(",\n")}\n} as const;\n`
  );
};

/** `index.ts` of `@shutterkit/core/generated`: the whole catalog, keyed, for servers and tools. */
export const emitIndex = (
  groups: ReadonlyMap<string, ReadonlyArray<OperationEntry>>,
  document: OpenApiDocument,
): string => {
  const entries = [...groups.values()].flat();
  const ids = entries.map((entry) => entry.operation.operationId).sort();
  return (
    banner(document) +
    'import * as all from "./operations/index.ts";\n\n' +
    'export * as schemas from "./schemas.ts";\n' +
    'export { operationGroups } from "./groups.ts";\n' +
    'export { routeTable } from "./routes/index.ts";\n\n' +
    `/** The contract's version. */\nexport const apiVersion = ${JSON.stringify(document.info.version)};\n\n` +
    `/** All ${ids.length} operations, keyed by operationId. */\n` +
    `export const operations = {\n${ids.map((id) => `${id}: all.${id}`).join(",\n")}\n} as const;\n\n` +
    "export type OperationId = keyof typeof operations;\n"
  );
};
