// Worker bundle size (minified + gzip) with esbuild (what wrangler uses) and rolldown, what the bytes
// are spent on, and the cold start of the first request in workerd. Prints figures; asserts nothing.
// Run: pnpm --filter @shutterkit/edge run bench
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import { rolldown } from "rolldown";
import { COMPATIBILITY_DATE } from "../test/support/runtimes.ts";
import { startUpstream } from "../test/support/upstream.ts";

const ENTRY = fileURLToPath(new URL("../test/fixtures/workerd-entry.ts", import.meta.url));
const FLOOR = fileURLToPath(new URL("./core-floor.ts", import.meta.url));
const EXPLICIT = fileURLToPath(new URL("./explicit-entry.ts", import.meta.url));
const CONDITIONS = ["workerd", "worker", "browser"];
const TARGETS = { esbuild: 60 * 1024, rolldown: 35 * 1024 };

interface Built {
  readonly code: string;
  /** Bytes of minified output per source group, before gzip. */
  readonly groups: Record<string, number>;
}

const groupOf = (file: string): string => {
  if (/core\/dist\/generated\/routes\./.test(file)) return "core route descriptors";
  if (/core\/dist\/generated\//.test(file)) return "core descriptors + schemas";
  if (/core\/dist\/(routes|wire)\./.test(file)) return "core route helpers";
  if (/core\/dist\//.test(file)) return "core client";
  if (
    /node_modules\/.*\/effect\/dist\/(Schema|internal\/schema)/.test(file) ||
    /effect\/dist\/Schema/.test(file)
  )
    return "effect Schema";
  if (/effect\/dist\//.test(file)) return "effect (other)";
  if (/\/ky\//.test(file)) return "ky";
  if (/edge\/src\//.test(file) || file.startsWith("src/")) return "@shutterkit/edge";
  return "other";
};

const withEsbuild = async (entry = ENTRY): Promise<Built> => {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    metafile: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: CONDITIONS,
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  const groups: Record<string, number> = {};
  for (const output of Object.values(result.metafile.outputs))
    for (const [file, input] of Object.entries(output.inputs)) {
      const group = groupOf(file);
      groups[group] = (groups[group] ?? 0) + input.bytesInOutput;
    }
  return { code: result.outputFiles[0]?.text ?? "", groups };
};

const withRolldown = async (entry = ENTRY): Promise<Built> => {
  const build = await rolldown({
    input: entry,
    platform: "neutral",
    resolve: { conditionNames: [...CONDITIONS, "import", "default"], mainFields: ["module", "main"] },
    logLevel: "silent",
  });
  const output = await build.generate({ format: "esm", minify: true });
  await build.close();
  const chunk = output.output[0];
  const groups: Record<string, number> = {};
  // Rendered lengths are before minification; scaled to the minified total to compare with esbuild's.
  const rendered = Object.values(chunk.modules).reduce((sum, module) => sum + module.renderedLength, 0);
  for (const [file, module] of Object.entries(chunk.modules)) {
    const group = groupOf(file);
    groups[group] = (groups[group] ?? 0) + (module.renderedLength / rendered) * chunk.code.length;
  }
  return { code: chunk.code, groups };
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const coldStart = async (script: string, env: Record<string, string>) => {
  const started = performance.now();
  const miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: env,
  });
  await miniflare.ready;
  const ready = performance.now();
  const response = await miniflare.dispatchFetch("http://proxy.test/v2/images/search?query=cold&per_page=5", {
    headers: { origin: "https://app.example.com" },
  });
  await response.text();
  const first = performance.now();
  const again = await miniflare.dispatchFetch("http://proxy.test/v2/images/search?query=warm&per_page=5", {
    headers: { origin: "https://app.example.com" },
  });
  await again.text();
  const second = performance.now();
  await miniflare.dispose();
  return { status: response.status, boot: ready - started, first: first - ready, warm: second - first };
};

const upstream = await startUpstream();
const env = {
  SHUTTERSTOCK_API_TOKEN: upstream.token,
  SHUTTERSTOCK_BASE_URL: upstream.url,
  SHUTTERKIT_ALLOWED_ORIGINS: "https://app.example.com",
};
try {
  console.log("Worker bundle: test/fixtures/workerd-entry.ts (the proxy with 7 allowlisted operations)\n");
  for (const [name, build] of [
    ["esbuild", withEsbuild],
    ["rolldown", withRolldown],
  ] as const) {
    const built = await build();
    const gzip = gzipSync(built.code, { level: 9 }).length;
    const target = TARGETS[name];
    console.log(
      `${name.padEnd(9)} minified ${kb(built.code.length).padStart(9)}  gzip ${kb(gzip).padStart(8)}  ` +
        `target < ${kb(target)}: ${gzip < target ? "met" : "NOT met"}`,
    );
    const total = Object.values(built.groups).reduce((sum, value) => sum + value, 0);
    for (const [group, bytes] of Object.entries(built.groups).sort((a, b) => b[1] - a[1]))
      console.log(`    ${group.padEnd(28)} ${kb(bytes).padStart(9)}  ${((bytes / total) * 100).toFixed(0)}%`);
    const explicit = gzipSync((await build(EXPLICIT)).code, { level: 9 }).length;
    console.log(
      `    the same allowlist through createProxyHandler (bench/explicit-entry.ts, takes core's Credentials too): ${kb(explicit)} gzip`,
    );
    const floor = gzipSync((await build(FLOOR)).code, { level: 9 }).length;
    console.log(
      `    for comparison, core's client with one operation and no proxy (bench/core-floor.ts): ${kb(floor)} gzip`,
    );
    const cold = await coldStart(built.code, env);
    console.log(
      `    workerd: boot ${cold.boot.toFixed(0)} ms (runtime start + script load), first request ` +
        `${cold.first.toFixed(1)} ms (status ${cold.status}), next request ${cold.warm.toFixed(1)} ms\n`,
    );
  }
} finally {
  await upstream.close();
}
