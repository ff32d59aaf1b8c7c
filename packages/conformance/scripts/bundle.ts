// One esbuild bundle per kind of host, each a single file with no imports left, built as a
// deployment would be: platform neutral, with the host's export conditions.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

export interface Bundles {
  readonly dir: string;
  /** ESM for Node, Deno and Bun: `<runtime> cli.mjs <url> <token>`. */
  readonly cli: string;
  /** ESM module worker for workerd. */
  readonly worker: string;
  /** Classic script with a fetch listener for edge-runtime. */
  readonly edge: string;
  /** Classic script for a browser page; defines `runConformance`. */
  readonly browser: string;
}

const entry = (name: string) => fileURLToPath(new URL(`../src/entries/${name}`, import.meta.url));

export const buildBundles = async (): Promise<Bundles> => {
  const dir = await mkdtemp(join(tmpdir(), "shutterkit-conformance-"));
  const targets = [
    { name: "cli", file: "cli.mjs", entry: "cli.ts", format: "esm", conditions: [] },
    {
      name: "worker",
      file: "worker.mjs",
      entry: "worker.ts",
      format: "esm",
      conditions: ["workerd", "worker", "browser"],
    },
    {
      name: "edge",
      file: "edge.js",
      entry: "edge.ts",
      format: "iife",
      conditions: ["edge-light", "worker", "browser"],
    },
    { name: "browser", file: "browser.js", entry: "browser.ts", format: "iife", conditions: ["browser"] },
  ] as const;
  await Promise.all(
    targets.map((target) =>
      esbuild.build({
        entryPoints: [entry(target.entry)],
        outfile: join(dir, target.file),
        bundle: true,
        format: target.format,
        platform: "neutral",
        target: "es2022",
        conditions: [...target.conditions],
        mainFields: ["module", "main"],
        logLevel: "error",
      }),
    ),
  );
  return {
    dir,
    cli: join(dir, "cli.mjs"),
    worker: join(dir, "worker.mjs"),
    edge: join(dir, "edge.js"),
    browser: join(dir, "browser.js"),
  };
};
