// The publishing policy of this repository, checked on the manifest that will be published
// (the packed one, with `workspace:*` already rewritten). publint and attw check that the package
// works; this checks that it says where it comes from and how it is meant to be installed.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Manifest } from "./workspace.ts";

const REPOSITORY_URL = "git+https://github.com/shutterkit/shutterkit.git";
const RUNTIME_CONDITIONS = new Set([
  "types",
  "deno",
  "workerd",
  "edge-light",
  "worker",
  "browser",
  "node",
  "import",
  "default",
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const exportProblems = (exports: unknown): ReadonlyArray<string> => {
  if (!isRecord(exports)) return ["exports must be an object of subpaths"];
  return Object.entries(exports).flatMap(([subpath, target]) => {
    if (typeof target === "string")
      return subpath === "./package.json" ? [] : [`exports["${subpath}"] has no types`];
    if (!isRecord(target)) return [`exports["${subpath}"] must be a string or a conditions object`];
    const conditions = Object.keys(target);
    const problems: Array<string> = [];
    if (conditions[0] !== "types") problems.push(`exports["${subpath}"]: "types" must come first`);
    if (conditions.at(-1) !== "default") problems.push(`exports["${subpath}"]: "default" must come last`);
    for (const condition of conditions)
      if (!RUNTIME_CONDITIONS.has(condition))
        problems.push(`exports["${subpath}"]: unexpected condition "${condition}"`);
    return problems;
  });
};

/** What is wrong with a publishable package's manifest; empty when nothing is. */
export const metadataProblems = (manifest: Manifest, path: string, dir: string): ReadonlyArray<string> => {
  const problems: Array<string> = [];
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const repository = manifest["repository"];
  const bugs = manifest["bugs"];
  const files = manifest["files"];
  const engines = manifest["engines"];
  const keywords = manifest["keywords"];
  const publishConfig = manifest["publishConfig"];
  expect(manifest["type"] === "module", 'type must be "module" (ESM only)');
  // A package may name the modules that set something up when imported (the Node adapter enables
  // Effect Schema's JIT compiler); everything else stays droppable.
  const sideEffects = manifest["sideEffects"];
  expect(
    sideEffects === false ||
      (Array.isArray(sideEffects) &&
        sideEffects.every((entry) => typeof entry === "string" && entry.startsWith("./"))),
    "sideEffects must be false, or a list of the few modules with side effects",
  );
  expect(Array.isArray(files) && files.includes("dist"), 'files must list "dist"');
  expect(isRecord(engines) && typeof engines["node"] === "string", "engines.node is missing");
  expect(manifest["license"] === "MIT", 'license must be "MIT"');
  expect(typeof manifest["author"] === "string" && manifest["author"] !== "", "author is missing");
  expect(Array.isArray(keywords) && keywords.length > 0, "keywords are missing");
  expect(typeof manifest["homepage"] === "string", "homepage is missing");
  expect(isRecord(bugs) && typeof bugs["url"] === "string", "bugs.url is missing");
  expect(
    isRecord(repository) &&
      repository["type"] === "git" &&
      repository["url"] === REPOSITORY_URL &&
      repository["directory"] === path,
    `repository must be { type: "git", url: "${REPOSITORY_URL}", directory: "${path}" }`,
  );
  expect(
    isRecord(publishConfig) && publishConfig["access"] === "public",
    'publishConfig.access must be "public"',
  );
  expect(existsSync(join(dir, "LICENSE")), "LICENSE file is missing");
  problems.push(...exportProblems(manifest["exports"]));
  for (const field of ["dependencies", "peerDependencies"]) {
    const dependencies = manifest[field];
    if (!isRecord(dependencies)) continue;
    for (const [name, range] of Object.entries(dependencies))
      expect(
        typeof range === "string" && !range.startsWith("workspace:"),
        `${field}.${name} is still "${String(range)}" after packing`,
      );
  }
  return problems;
};
