// The README's test command (run under the pinned toolchain by scripts/bootstrap.mjs): lint, the
// generated-code check, build + typecheck through turbo (cached), every vitest project in one run,
// then the suites that need their own runtime. Ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const steps = [
  ["lint", "biome", ["ci", "."]],
  ["generated code is current", "pnpm", ["--silent", "--filter", "@shutterkit/codegen", "run", "check"]],
  ["build + typecheck", "turbo", ["run", "build", "typecheck", "--output-logs=errors-only"]],
];
// Suites in other runtimes register themselves as `test:<name>` scripts of the root package.json.
const rootScripts = JSON.parse(readFileSync("package.json", "utf8")).scripts;
const runtimeSuites = Object.keys(rootScripts).filter((name) => name.startsWith("test:"));

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

for (const [label, command, args] of steps) {
  if (!run(label, command, args)) {
    console.error(`\n✖ ${label} failed; stopping before the tests.`);
    console.log(`\n0 passed, 1 failed`);
    process.exit(1);
  }
}

const report = join(tmpdir(), `shutterkit-vitest-${process.pid}.json`);
run("vitest (all packages)", "vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile=${report}`]);
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, "utf8"));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests + (summary.success ? 0 : summary.numFailedTests === 0 ? 1 : 0);
  rmSync(report);
} else failed += 1;

for (const suite of runtimeSuites) {
  if (run(suite, "pnpm", ["--silent", "run", suite])) passed += 1;
  else failed += 1;
}

if (failures.length > 0) console.error(`\n✖ failed: ${failures.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failures.length === 0 && failed === 0 ? 0 : 1);
