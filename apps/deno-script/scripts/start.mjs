// `pnpm start`: the whole example against a local sandbox with one command. Starts
// @shutterkit/sandbox on 127.0.0.1 (random port), generates the sample pictures if they are missing,
// runs main.ts over samples/ with only the permissions it needs, writes out/report.json (or the
// path given as the first argument, .json or .csv), then stops the sandbox.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runDeno } from "@shutterkit/deno/run-deno";

const app = dirname(dirname(fileURLToPath(import.meta.url)));
const out = process.argv[2] ?? "out/report.json";
const sandboxEntry = join(app, "node_modules", "@shutterkit", "sandbox", "dist", "node.js");

if (!existsSync(sandboxEntry)) {
  console.log("building @shutterkit/sandbox (dist/ is missing)…");
  const build = spawnSync(
    "turbo",
    ["run", "build", "--filter=@shutterkit/sandbox", "--output-logs=errors-only"],
    {
      stdio: "inherit",
      cwd: app,
    },
  );
  if (build.status !== 0) process.exit(1);
}

const samples = join(app, "samples");
if (!existsSync(samples) || !readdirSync(samples).some((name) => /\.(jpe?g|png)$/i.test(name))) {
  const code = await runDeno(
    ["run", "--allow-read=samples", "--allow-write=samples", "generate-samples.ts"],
    {
      cwd: app,
    },
  );
  if (code !== 0) process.exit(code);
}

const { startSandboxServer } = await import("@shutterkit/sandbox/node");
const sandbox = await startSandboxServer({ port: 0, host: "127.0.0.1", seed: 1 });
console.log(`sandbox on ${sandbox.url}`);
let code = 1;
try {
  code = await runDeno(
    [
      "run",
      "--allow-env=SHUTTERSTOCK_API_TOKEN,SHUTTERSTOCK_BASE_URL",
      "--allow-net=127.0.0.1",
      "--allow-read=samples",
      `--allow-write=${dirname(out)}`,
      "main.ts",
      "samples",
      "--out",
      out,
    ],
    {
      cwd: app,
      env: { SHUTTERSTOCK_BASE_URL: sandbox.url, SHUTTERSTOCK_API_TOKEN: sandbox.credentials.accessToken },
    },
  );
} finally {
  await sandbox.close();
}
process.exit(code);
