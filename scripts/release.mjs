#!/usr/bin/env node
// The two commands changesets/action runs in .github/workflows/release.yml (with the pinned toolchain
// on PATH):
//   node scripts/release.mjs version   `changeset version`, then the Deno adapter's jsr.json and
//                                      deno.json get its new version and jsr.json imports the new core
//                                      (`npm:@shutterkit/core@^x.y.z`), which the release checks require
//   node scripts/release.mjs publish   `changeset publish` to npm (provenance from
//                                      NPM_CONFIG_PROVENANCE); the JSR publish is the workflow's next step
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const readJson = (path) => JSON.parse(readFileSync(join(root, path), "utf8"));
const writeJson = (path, value) => writeFileSync(join(root, path), `${JSON.stringify(value, null, 2)}\n`);

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
};

/** Gives jsr.json and deno.json the Deno adapter's package.json version and jsr.json the core's. */
export const syncJsrVersions = () => {
  const version = readJson("packages/deno/package.json").version;
  const core = readJson("packages/core/package.json").version;
  const jsr = readJson("packages/deno/jsr.json");
  writeJson("packages/deno/jsr.json", {
    ...jsr,
    version,
    imports: { ...jsr.imports, "@shutterkit/core": `npm:@shutterkit/core@^${core}` },
  });
  writeJson("packages/deno/deno.json", { ...readJson("packages/deno/deno.json"), version });
  // Back to Biome's layout, so `npm test`'s lint passes on the version commit.
  run("biome", ["format", "--write", "packages/deno/jsr.json", "packages/deno/deno.json"]);
  console.log(`jsr.json and deno.json: @shutterkit/deno ${version}, imports @shutterkit/core ^${core}`);
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "version") {
    run("changeset", ["version"]);
    syncJsrVersions();
  } else if (command === "publish") {
    run("changeset", ["publish"]);
  } else {
    console.error("usage: node scripts/release.mjs version|publish");
    process.exit(2);
  }
}
