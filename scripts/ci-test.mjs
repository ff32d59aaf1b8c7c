// The README's test command (run under the pinned toolchain by scripts/bootstrap.mjs): the Debian
// packages tests need (scripts/system-packages.mjs), lint, the workflow linter, the
// generated-code check, build + typecheck through turbo (cached), every vitest project in one run,
// then the suites that need their own runtime. Ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureSystemPackages } from "./system-packages.mjs";

const steps = [
  ["lint", "biome", ["ci", "--colors=off", "."]],
  ["workflow files", "node", ["scripts/check-workflows.mjs"]],
  ["generated code is current", "pnpm", ["--silent", "--filter", "@shutterkit/codegen", "run", "check"]],
  ["build + typecheck", "turbo", ["run", "build", "typecheck", "--output-logs=errors-only"]],
];
// Suites that need another runtime (Deno, workerd, Chromium, other Node versions) are a workspace
// package's `test:runtime` script; each is found here, so adding one needs no change to this file.
const runtimeSuites = ["packages", "apps", "tools"].flatMap((folder) =>
  existsSync(folder)
    ? readdirSync(folder).flatMap((name) => {
        const manifest = join(folder, name, "package.json");
        if (!existsSync(manifest)) return [];
        const pkg = JSON.parse(readFileSync(manifest, "utf8"));
        return pkg.scripts?.["test:runtime"] === undefined ? [] : [pkg.name];
      })
    : [],
);

let passed = 0;
let failed = 0;
const failures = [];
const run = (label, command, args) => {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  const ok = result.status === 0;
  if (!ok) failures.push(label);
  return ok;
};

console.log("▶ system packages");
const systemProblem = ensureSystemPackages();
if (systemProblem !== undefined) {
  console.error(`\n✖ system packages: ${systemProblem}\nstopping before the tests.`);
  console.log(`\n0 passed, 1 failed`);
  process.exit(1);
}

for (const [label, command, args] of steps) {
  if (!run(label, command, args)) {
    console.error(`\n✖ ${label} failed; stopping before the tests.`);
    console.log(`\n0 passed, 1 failed`);
    process.exit(1);
  }
}

const report = join(tmpdir(), `shutterkit-vitest-${process.pid}.json`);
run("vitest (all packages)", "vitest", [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${report}`,
]);
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, "utf8"));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests + (summary.success ? 0 : summary.numFailedTests === 0 ? 1 : 0);
  rmSync(report);
} else failed += 1;

for (const suite of runtimeSuites) {
  if (run(`${suite} test:runtime`, "pnpm", ["--silent", "--filter", suite, "run", "test:runtime"]))
    passed += 1;
  else failed += 1;
}

if (failures.length > 0) console.error(`\n✖ failed: ${failures.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failures.length === 0 && failed === 0 ? 0 : 1);
