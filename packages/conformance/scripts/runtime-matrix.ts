// `test:runtime`: the conformance suite (src/scenarios.ts) in every runtime against one sandbox,
// printed as a scenario × runtime table. Exits non-zero on any failed cell or missing runtime and
// ends with "N passed, N failed" (one count per cell).
//
//   node scripts/runtime-matrix.ts [--runtimes node 20,deno,...]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScenarioResult } from "../src/scenarios.ts";
import { scenarios } from "../src/scenarios.ts";
import { buildBundles } from "./bundle.ts";
import { sandboxControlCall } from "./control-call.ts";
import { type LocateResult, type Runtime, runtimes } from "./runtimes.ts";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const needed = ["core", "sandbox"].map((name) => join(packageRoot, "..", name, "dist", "index.js"));
if (needed.some((file) => !existsSync(file))) {
  // Standalone runs may come before any build; CI builds first.
  console.log("▶ building @shutterkit/core and @shutterkit/sandbox (dist/ is missing)");
  const build = spawnSync(
    "turbo",
    ["run", "build", "--filter=@shutterkit/sandbox", "--output-logs=errors-only"],
    { stdio: "inherit", cwd: packageRoot },
  );
  if (build.status !== 0) process.exit(1);
}

const flag = process.argv.indexOf("--runtimes");
const wanted = flag === -1 ? undefined : (process.argv[flag + 1] ?? "").split(",");
const selected = runtimes.filter((runtime) => wanted === undefined || wanted.includes(runtime.name));

const started = Date.now();
// Every runtime is located before the sandbox starts: locating may block this process (version
// probes run synchronously), and the sandbox answers from this process, so a pause while it serves
// would stall its connections.
const located: Array<{ readonly runtime: Runtime; readonly found: LocateResult }> = [];
for (const runtime of selected) located.push({ runtime, found: await runtime.locate() });

const bundles = await buildBundles();
const { startSandboxServer } = await import("@shutterkit/sandbox/node");
const sandbox = await startSandboxServer({ port: 0, host: "127.0.0.1", seed: 1, warmVisualIndex: true });
const control = sandboxControlCall(sandbox.url);

interface Column {
  readonly runtime: string;
  readonly version: string;
  readonly results: ReadonlyMap<string, ScenarioResult>;
  /** Why the runtime produced no results at all. */
  readonly failure?: string;
  readonly ms: number;
}

const columns: Column[] = [];
try {
  for (const { runtime, found } of located) {
    const begun = Date.now();
    process.stdout.write(`▶ ${runtime.name.padEnd(13)} `);
    if ("missing" in found) {
      console.log(`missing: ${found.missing}`);
      columns.push({
        runtime: runtime.name,
        version: "missing",
        results: new Map(),
        failure: found.missing,
        ms: 0,
      });
      continue;
    }
    // Each runtime starts from the same state: no faults, no collections or licences from before.
    await control("DELETE", "/sandbox/faults");
    await control("POST", "/sandbox/reset");
    try {
      const results = await runtime.run({
        bundles,
        baseUrl: sandbox.url,
        token: sandbox.credentials.accessToken,
      });
      const map = new Map(results.map((result) => [result.name, result]));
      const failed = results.filter((result) => !result.ok).length;
      const ms = Date.now() - begun;
      console.log(
        `${found.version}: ${results.length - failed}/${results.length} in ${(ms / 1000).toFixed(1)} s`,
      );
      columns.push({ runtime: runtime.name, version: found.version, results: map, ms });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(`${found.version}: did not run: ${message}`);
      columns.push({
        runtime: runtime.name,
        version: found.version,
        results: new Map(),
        failure: message,
        ms: Date.now() - begun,
      });
    }
  }
} finally {
  await sandbox.close();
  await rm(bundles.dir, { recursive: true, force: true });
}

// The table: one row per scenario, one column per runtime.
const nameWidth = Math.max(...scenarios.map((scenario) => scenario.name.length), "scenario".length);
const widths = columns.map((column) => Math.max(column.runtime.length, 4));
const row = (first: string, cells: ReadonlyArray<string>) =>
  `${first.padEnd(nameWidth)} │ ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 4)).join(" │ ")}`;
console.log(
  `\n${row(
    "scenario",
    columns.map((column) => column.runtime),
  )}`,
);
console.log(`${"─".repeat(nameWidth)}─┼─${widths.map((width) => "─".repeat(width)).join("─┼─")}`);
let passed = 0;
let failed = 0;
const problems: string[] = [];
for (const scenario of scenarios) {
  const cells = columns.map((column) => {
    const result = column.results.get(scenario.name);
    if (result?.ok === true) {
      passed += 1;
      return "✓";
    }
    failed += 1;
    if (result !== undefined)
      problems.push(`${column.runtime} / ${scenario.name}: ${result.error ?? "failed"}`);
    return result === undefined ? "–" : "✗";
  });
  console.log(row(scenario.name, cells));
}
console.log("\nruntimes:");
for (const column of columns) {
  const note =
    column.failure === undefined ? `${(column.ms / 1000).toFixed(1)} s` : `did not run: ${column.failure}`;
  console.log(`  ${column.runtime.padEnd(13)} ${column.version.padEnd(44)} ${note}`);
}
if (problems.length > 0) {
  console.log("\nfailures:");
  for (const problem of problems) console.log(`  ✗ ${problem}`);
}
console.log(`\nmatrix took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && columns.length > 0 ? 0 : 1);
