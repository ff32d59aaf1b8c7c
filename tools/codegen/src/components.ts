// Emits one Effect Schema per component schema, in dependency order.
import { banner } from "./banner.ts";
import type { OpenApiDocument } from "./openapi.ts";
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

const docComment = (lines: ReadonlyArray<string>): string =>
  `/**\n${lines.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n */\n`;

export const emitComponents = (document: OpenApiDocument): string => {
  const schemas = document.components.schemas;
  const context = { document, ref: (name: string) => name };
  const body = dependencyOrder(document).map((name) => {
    const schema = schemas[name]!;
    const lines = [`\`${name}\` from the Shutterstock API ${document.info.version} contract.`];
    if (schema.deprecated === true) lines.push("@deprecated Marked deprecated by the API.");
    return `${docComment(lines)}export const ${name} = ${emitSchema(schema, context)};\nexport type ${name} = typeof ${name}.Type;\n`;
  });
  return `${banner(document)}import { Schema } from "effect";\n\n${body.join("\n")}`;
};
