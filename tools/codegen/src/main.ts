// Writes packages/core/src/generated from the pinned Shutterstock contract.
// `node src/main.ts` regenerates; `node src/main.ts --check` fails when the committed files differ.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { emitComponents } from "./components.ts";
import { loadContract } from "./openapi.ts";
import {
  docsUrl,
  emitGroups,
  emitIndex,
  emitOperationIndex,
  emitOperationModule,
  emitRouteIndex,
  emitRouteModule,
  groupByTag,
  kebab,
  typeNamesOf,
} from "./operations.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const outDir = join(repoRoot, "packages/core/src/generated");

const biome = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

/** Formats in memory, so `--check` compares formatted text without touching the tree. */
const format = (fileName: string, source: string): string => {
  const result = spawnSync(process.execPath, [biome, "format", `--stdin-file-path=${fileName}`], {
    input: source,
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`biome could not format ${fileName}:\n${result.stderr}`);
  return result.stdout;
};

const generate = (): Map<string, string> => {
  const document = loadContract();
  const files = new Map<string, string>();
  const groups = groupByTag(document);
  const entries = [...groups.values()].flat();
  const links = new Map(entries.map((entry) => [entry.operation.operationId, docsUrl(entry)]));
  for (const entry of entries)
    for (const name of Object.values(typeNamesOf(entry)))
      if (name in document.components.schemas)
        throw new Error(
          `${entry.operation.operationId}: type ${name} would shadow the component of that name`,
        );
  files.set(
    "schemas.ts",
    emitComponents(document, entries, (id) => links.get(id) ?? ""),
  );
  for (const [tag, tagEntries] of groups) {
    files.set(`routes/${kebab(tag)}.ts`, emitRouteModule(tagEntries, document));
    files.set(`operations/${kebab(tag)}.ts`, emitOperationModule(tag, tagEntries, document));
  }
  files.set("routes/index.ts", emitRouteIndex(groups, document));
  files.set("operations/index.ts", emitOperationIndex(groups, document));
  files.set("groups.ts", emitGroups(groups, document));
  files.set("index.ts", emitIndex(groups, document));
  return new Map([...files].map(([name, source]) => [name, format(join(outDir, name), source)]));
};

const listExisting = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
};

const files = generate();
if (process.argv.includes("--check")) {
  const existing = new Set(listExisting(outDir));
  const problems: string[] = [];
  for (const [name, source] of files) {
    if (!existing.has(name)) problems.push(`missing ${name}`);
    else if (readFileSync(join(outDir, name), "utf8") !== source) problems.push(`out of date ${name}`);
    existing.delete(name);
  }
  for (const name of existing) problems.push(`unexpected ${name}`);
  if (problems.length > 0) {
    console.error(
      `generated code differs from the contract; run \`pnpm generate\`:\n  ${problems.join("\n  ")}`,
    );
    process.exit(1);
  }
  console.log(`generated code is up to date (${files.size} files)`);
} else {
  rmSync(outDir, { recursive: true, force: true });
  for (const [name, source] of files) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), source);
  }
  console.log(`wrote ${files.size} files to ${relative(repoRoot, outDir)}`);
}
