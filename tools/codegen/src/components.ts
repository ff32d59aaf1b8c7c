// Emits one Effect Schema per component schema, in dependency order, each field documented with
// its facts from the contract.
import { banner } from "./banner.ts";
import { factsComment } from "./facts.ts";
import type { OpenApiDocument, OperationEntry } from "./openapi.ts";
import { collectRefs, emitSchema } from "./schema-emitter.ts";

/** Depth-first order so every schema is declared after the schemas it refers to. */
const dependencyOrder = (document: OpenApiDocument): string[] => {
  const schemas = document.components.schemas;
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]) => {
    const seen = state.get(name);
    if (seen === "done") return;
    if (seen === "visiting") {
      // The contract has no recursive schemas today; fail loudly rather than emit a broken module.
      throw new Error(`recursive schema ${[...trail, name].join(" -> ")} needs Schema.suspend support`);
    }
    state.set(name, "visiting");
    for (const dependency of [...collectRefs(schemas[name])].sort()) visit(dependency, [...trail, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of Object.keys(schemas).sort()) visit(name, []);
  return order;
};

/**
 * The operations that send or return each component, directly or nested, in operationId order:
 * a component's reference link is that of the first of them (the contract's reference documents
 * schemas with the operations that use them).
 */
const usersOf = (document: OpenApiDocument, entries: ReadonlyArray<OperationEntry>) => {
  const users = new Map<string, string[]>();
  const schemas = document.components.schemas;
  const sorted = [...entries].sort((a, b) => a.operation.operationId.localeCompare(b.operation.operationId));
  for (const entry of sorted) {
    const direct = collectRefs([
      entry.operation.parameters,
      entry.operation.requestBody,
      entry.operation.responses,
    ]);
    const reached = new Set<string>();
    const reach = (name: string) => {
      if (reached.has(name)) return;
      reached.add(name);
      for (const next of collectRefs(schemas[name])) reach(next);
    };
    for (const name of direct) reach(name);
    for (const name of reached) users.set(name, [...(users.get(name) ?? []), entry.operation.operationId]);
  }
  return users;
};

const docComment = (lines: ReadonlyArray<string>): string =>
  `/**\n${lines.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */\n`;

export const emitComponents = (
  document: OpenApiDocument,
  entries: ReadonlyArray<OperationEntry>,
  docsUrlOf: (operationId: string) => string,
): string => {
  const schemas = document.components.schemas;
  const users = usersOf(document, entries);
  const body = dependencyOrder(document).map((name) => {
    const schema = schemas[name]!;
    const usedBy = users.get(name) ?? [];
    const link = usedBy[0] === undefined ? undefined : docsUrlOf(usedBy[0]);
    const context = {
      document,
      ref: (component: string) => component,
      fieldDoc: (property: Parameters<typeof factsComment>[1]["schema"], required: boolean) =>
        factsComment(document, { schema: property, required, ...(link === undefined ? {} : { link }) }),
    };
    const lines = [`\`${name}\` from the Shutterstock API ${document.info.version} contract.`];
    if (usedBy.length > 0) {
      const shown = usedBy.slice(0, 6).map((id) => `\`${id}\``);
      lines.push(
        "",
        `Used by ${shown.join(", ")}${usedBy.length > shown.length ? ` and ${usedBy.length - shown.length} more` : ""}.`,
      );
    }
    if (schema.deprecated === true) lines.push("@deprecated Marked deprecated by the API.");
    if (link !== undefined) lines.push(`@see {@link ${link} | API reference}`);
    return `${docComment(lines)}export const ${name} = ${emitSchema(schema, context)};\nexport type ${name} = typeof ${name}.Type;\n`;
  });
  return `${banner(document)}import * as Schema from "effect/Schema";\n\n${body.join("\n")}`;
};
