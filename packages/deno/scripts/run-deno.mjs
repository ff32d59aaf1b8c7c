// Runs the Deno binary pinned in this package (npm `deno`), for package scripts and for the example
// app, with two guards this monorepo needs:
// - DENO_NO_UPDATE_CHECK=1: the update check would try to reach dl.deno.land, which CI cannot.
// - When a module fails to resolve, Deno 2.9 "helpfully" rewrites the pnpm root package.json to add a
//   `workspaces` field copied from pnpm-workspace.yaml. That edit is undone here and reported, so a
//   resolution error never leaves the repository modified.
// Used by the `shutterkit-deno` bin (scripts/shutterkit-deno.mjs) and by the runtime test runner.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The pnpm workspace root above `start`, or undefined outside one. */
const workspaceRoot = (start) => {
  for (let directory = resolve(start); ; directory = dirname(directory)) {
    if (existsSync(join(directory, "pnpm-workspace.yaml"))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
};

const guardManifest = (cwd) => {
  const root = workspaceRoot(cwd);
  const manifest = root === undefined ? undefined : join(root, "package.json");
  const before = manifest !== undefined && existsSync(manifest) ? readFileSync(manifest, "utf8") : undefined;
  return () => {
    if (manifest === undefined || before === undefined) return false;
    const after = readFileSync(manifest, "utf8");
    if (after === before) return false;
    const added = "workspaces" in JSON.parse(after) && !("workspaces" in JSON.parse(before));
    if (!added) return false;
    writeFileSync(manifest, before);
    console.error(
      `[shutterkit-deno] Deno failed to resolve a module and added "workspaces" to ${manifest}; ` +
        "that edit is undone. Fix the resolution error above (a missing dependency in package.json?).",
    );
    return true;
  };
};

/**
 * Runs `deno <args>` with inherited stdio unless `options.stdio` says otherwise; resolves to the
 * exit code. `options.env` is added to the current environment.
 */
export const runDeno = (args, options = {}) => {
  const cwd = options.cwd ?? process.cwd();
  const restore = guardManifest(cwd);
  const child = spawn(process.execPath, [require.resolve("deno/bin.cjs"), ...args], {
    cwd,
    stdio: options.stdio ?? "inherit",
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", ...options.env },
  });
  return new Promise((resolvePromise, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const reverted = restore();
      resolvePromise(reverted && code === 0 ? 1 : (code ?? (signal === null ? 1 : 128)));
    });
  });
};

/** This package's folder (where deno.json is). */
export const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
