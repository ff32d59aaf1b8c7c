// `pnpm test:runtime`: the Deno suites, run by real Deno against a real sandbox. Type-checks this
// package and the example app with `deno check`, starts @shutterkit/sandbox on 127.0.0.1 (random
// port) in this Node process, runs `deno test` for the package and the app with the sandbox's URL
// and token in the documented SHUTTERSTOCK_* variables, then stops the sandbox. Exits non-zero if
// any step failed; deno prints its own summary for each suite.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { packageRoot, runDeno } from "./run-deno.mjs";

const app = join(packageRoot, "..", "..", "apps", "deno-script");
const sandboxDist = join(packageRoot, "..", "sandbox", "dist", "node.js");

// Deno's tests need the network only for 127.0.0.1, and subprocesses only of Deno itself.
const testFlags = ["--allow-env", "--allow-net=127.0.0.1", "--allow-read", "--allow-write", "--allow-run"];

const steps = [];
const step = async (label, run) => {
  console.log(`\n▶ ${label}`);
  const code = await run();
  steps.push({ label, ok: code === 0 });
  return code === 0;
};

if (!existsSync(sandboxDist)) {
  // Standalone runs (`pnpm --filter @shutterkit/deno test:runtime`) may come before any build.
  console.log("▶ building @shutterkit/sandbox (dist/ is missing)");
  const build = spawnSync(
    "turbo",
    ["run", "build", "--filter=@shutterkit/sandbox", "--output-logs=errors-only"],
    {
      stdio: "inherit",
      cwd: packageRoot,
    },
  );
  if (build.status !== 0) process.exit(1);
}

await step("deno check @shutterkit/deno", () =>
  runDeno(["check", "--quiet", "mod.ts", "test"], { cwd: packageRoot }),
);
await step("deno check @shutterkit/example-deno-script", () =>
  runDeno(["check", "--quiet", "main.ts", "generate-samples.ts", "test"], { cwd: app }),
);

const { startSandboxServer } = await import("@shutterkit/sandbox/node");
const sandbox = await startSandboxServer({ port: 0, host: "127.0.0.1", seed: 1 });
try {
  const env = {
    SHUTTERSTOCK_BASE_URL: sandbox.url,
    SHUTTERSTOCK_API_TOKEN: sandbox.credentials.accessToken,
  };
  console.log(`\nsandbox on ${sandbox.url}`);
  await step("deno test @shutterkit/deno", () =>
    runDeno(["test", ...testFlags, "test/"], { cwd: packageRoot, env }),
  );
  await step("deno test @shutterkit/example-deno-script", () =>
    runDeno(["test", ...testFlags, "test/"], { cwd: app, env }),
  );
} finally {
  await sandbox.close();
}

const failed = steps.filter((entry) => !entry.ok);
console.log(
  `\n${steps.length - failed.length} of ${steps.length} Deno steps passed${failed.length ? `; failed: ${failed.map((entry) => entry.label).join(", ")}` : ""}`,
);
process.exit(failed.length === 0 ? 0 : 1);
