// Where a route is served: one handler module per tag of the contract, its file named after the tag
// (as core's generated operations are), holding exactly that tag's operations under their operationIds,
// so `grep <operationId> src/handlers` lands on the handler. Handlers reach imaging and vision through
// one interface each.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { operations } from "@shutterkit/core/generated";
import { describe, expect, it } from "vitest";
import { handlers, handlersByTag } from "../src/handlers/index.ts";

const HANDLERS_DIR = fileURLToPath(new URL("../src/handlers/", import.meta.url));
const SHARED_DIR = join(HANDLERS_DIR, "shared");

/** The codegen's file name for a tag: `computer_vision` → `computer-vision`. */
const fileNameOf = (tag: string): string => tag.replaceAll("_", "-");

const tagModules = readdirSync(HANDLERS_DIR)
  .filter((file) => file.endsWith(".ts") && file !== "index.ts")
  .map((file) => file.slice(0, -".ts".length))
  .sort();

const loaded = new Map<string, Record<string, unknown>>();
for (const name of tagModules) {
  loaded.set(name, (await import(join(HANDLERS_DIR, `${name}.ts`))) as Record<string, unknown>);
}

/** The one export of a handler module: its handlers by operationId. */
const handlersOf = (name: string): Record<string, unknown> => {
  const exports = Object.values(loaded.get(name) ?? {});
  expect(exports, `${name}.ts exports exactly its handlers`).toHaveLength(1);
  return exports[0] as Record<string, unknown>;
};

const source = (path: string): string => readFileSync(path, "utf8");

const contract = Object.values(operations);
const tags = [...new Set(contract.map((operation) => operation.tag))].sort();

describe("handler modules", () => {
  it("are one per tag of the contract, named as core's generated operations are", () => {
    expect(tagModules).toEqual(tags.map(fileNameOf).sort());
    const generated = join(
      dirname(createRequire(import.meta.url).resolve("@shutterkit/core/generated")),
      "operations",
    );
    const coreTagFiles = readdirSync(generated)
      .filter((file) => file.endsWith(".js") && file !== "index.js")
      .map((file) => file.slice(0, -".js".length))
      .sort();
    expect(tagModules).toEqual(coreTagFiles);
    expect(Object.keys(handlersByTag).sort()).toEqual(tags);
  });

  it.each(tagModules)("%s.ts serves exactly the operations of its tag", (name) => {
    const own = contract
      .filter((operation) => fileNameOf(operation.tag) === name)
      .map((operation) => operation.operationId)
      .sort();
    const served = handlersOf(name);
    expect(Object.keys(served).sort()).toEqual(own);
    for (const handler of Object.values(served)) expect(typeof handler).toBe("function");
  });
});

describe("every operation of the contract", () => {
  it("is counted: 118 operations in 13 tags", () => {
    expect(contract).toHaveLength(118);
    expect(tags).toHaveLength(13);
  });

  it.each(contract.map((operation) => [operation.operationId, operation.tag] as const))(
    "%s is served by one module, the one of its tag %s, under its operationId",
    (operationId, tag) => {
      const servers = tagModules.filter((name) => Object.hasOwn(handlersOf(name), operationId));
      expect(servers).toEqual([fileNameOf(tag)]);
      // Registered as the sandbox's handler for the route, and written where grep finds it.
      expect(handlers[operationId]).toBe(handlersOf(fileNameOf(tag))[operationId]);
      const text = source(join(HANDLERS_DIR, `${fileNameOf(tag)}.ts`));
      expect(text).toMatch(new RegExp(`^ {2}${operationId}(: |\\(|,$)`, "m"));
    },
  );
});

describe("handlers reach imaging and vision through one interface each", () => {
  const files = [
    ...tagModules.map((name) => join(HANDLERS_DIR, `${name}.ts`)),
    join(HANDLERS_DIR, "index.ts"),
    ...readdirSync(SHARED_DIR)
      .filter((file) => file.endsWith(".ts"))
      .map((file) => join(SHARED_DIR, file)),
  ];
  const importsOf = (path: string): string[] =>
    [...source(path).matchAll(/from "([^"]+)"/g)].map((match) => match[1] ?? "");

  it.each(files.map((path) => [path.slice(HANDLERS_DIR.length), path] as const))(
    "%s imports imaging only from imaging/index.ts and vision only from vision/similarity.ts",
    (_name, path) => {
      for (const specifier of importsOf(path)) {
        if (specifier.includes("/imaging/")) expect(specifier).toMatch(/\/imaging\/index\.ts$/);
        if (specifier.includes("/vision/")) expect(specifier).toMatch(/\/vision\/similarity\.ts$/);
        expect(specifier).not.toMatch(/\/search\/visual\.ts$/);
      }
    },
  );
});
