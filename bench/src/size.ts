// Bundle size (minified, then gzip -9) of each package's whole entry, of the floor of our stack, of an
// app that only uploads a picture and asks for similar images (modular Promise, Effect and grouped
// forms), of a React front end with three hooks, and of the anchors of issue 20 (openai-node for one
// call, the AWS SDK v3 S3 client for one command), with esbuild and with rolldown. Peer dependencies
// (React, TanStack Query) and Node built-ins stay external. An entry that fails to bundle gets a row
// saying so and the others are still measured. Run: pnpm --filter @shutterkit/bench run size
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { rolldown } from "rolldown";
import { table } from "./report.ts";

interface Entry {
  readonly name: string;
  readonly file: string;
  readonly platform: "node" | "browser";
  readonly external: ReadonlyArray<string>;
  /**
   * Bundle with the bundlers' own browser platform (the `browser` field of package.json honoured),
   * as the anchors' packages expect; the other browser entries use the neutral platform with the
   * browser and worker export conditions.
   */
  readonly browserPlatform?: boolean;
  /**
   * This entry is another entry (`base`, by file) with `operations` more operations: the bench
   * prints what each of them adds.
   */
  readonly further?: { readonly base: string; readonly operations: number };
}

const REACT_PEERS = ["react", "react-dom", "react/jsx-runtime", "@tanstack/react-query"];
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const BROWSER_CONDITIONS = ["browser", "worker"];

const entry = (file: string) => fileURLToPath(new URL(`./entries/${file}`, import.meta.url));

const entries: ReadonlyArray<Entry> = [
  { name: "@shutterkit/core (whole entry)", file: "core.ts", platform: "browser", external: [] },
  { name: "@shutterkit/node (whole entry)", file: "node.ts", platform: "node", external: NODE_BUILTINS },
  { name: "@shutterkit/edge (whole entry)", file: "edge.ts", platform: "browser", external: [] },
  { name: "@shutterkit/react (whole entry)", file: "react.ts", platform: "browser", external: REACT_PEERS },
  { name: "@shutterkit/sandbox (whole entry)", file: "sandbox.ts", platform: "browser", external: [] },
  {
    name: "floor: Effect + Schema decode + Schedule retry + ky",
    file: "floor.ts",
    platform: "browser",
    external: [],
  },
  {
    name: "floor, Effect modules imported one by one (effect/Effect, ...)",
    file: "floor-narrow.ts",
    platform: "browser",
    external: [],
  },
  {
    name: "upload + similar (modular Promise client)",
    file: "upload-similar.ts",
    platform: "browser",
    external: [],
  },
  {
    name: "upload + similar + 10 more operations (modular Promise client)",
    file: "upload-similar-more.ts",
    platform: "browser",
    external: [],
    further: { base: "upload-similar.ts", operations: 10 },
  },
  {
    name: "upload + similar (Effect API)",
    file: "upload-similar-effect.ts",
    platform: "browser",
    external: [],
  },
  {
    name: "upload + similar (Effect API, effect/Effect imported on its own)",
    file: "upload-similar-effect-narrow.ts",
    platform: "browser",
    external: [],
  },
  {
    name: "upload + similar (grouped client)",
    file: "upload-similar-grouped.ts",
    platform: "browser",
    external: [],
  },
  {
    name: "React: 3 hooks (search, image details, similar images)",
    file: "react-three-hooks.tsx",
    platform: "browser",
    external: REACT_PEERS,
  },
  {
    name: "anchor: openai-node, one images.generate call",
    file: "openai-one-call.ts",
    platform: "browser",
    external: [],
    browserPlatform: true,
  },
  {
    name: "anchor: AWS SDK v3 S3 client, one GetObjectCommand",
    file: "s3-get-object.ts",
    platform: "browser",
    external: [],
    browserPlatform: true,
  },
];

interface SizeRow {
  readonly name: string;
  readonly file: string;
  readonly esbuild: { readonly min: number; readonly gzip: number };
  readonly rolldown: { readonly min: number; readonly gzip: number };
}

const gzip = (code: string) => gzipSync(code, { level: 9 }).byteLength;

const bundlerPlatform = (target: Entry) =>
  target.platform === "node" ? "node" : target.browserPlatform === true ? "browser" : "neutral";
const mainFields = (target: Entry) =>
  target.browserPlatform === true ? ["browser", "module", "main"] : ["module", "main"];

const withEsbuild = async (target: Entry) => {
  const result = await esbuild.build({
    entryPoints: [entry(target.file)],
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: bundlerPlatform(target),
    target: "es2022",
    conditions: target.platform === "node" ? [] : BROWSER_CONDITIONS,
    mainFields: mainFields(target),
    external: [...target.external],
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  return { min: Buffer.byteLength(code), gzip: gzip(code) };
};

const withRolldown = async (target: Entry) => {
  const build = await rolldown({
    input: entry(target.file),
    platform: bundlerPlatform(target),
    external: [...target.external],
    resolve: {
      conditionNames: [...(target.platform === "node" ? ["node"] : BROWSER_CONDITIONS), "import", "default"],
      mainFields: mainFields(target),
      aliasFields: target.browserPlatform === true ? [["browser"]] : [],
    },
    logLevel: "silent",
  });
  const output = await build.generate({ format: "esm", minify: true, codeSplitting: false });
  await build.close();
  const code = output.output
    .filter((chunk) => chunk.type === "chunk")
    .map((chunk) => chunk.code)
    .join("\n");
  return { min: Buffer.byteLength(code), gzip: gzip(code) };
};

const rows: Array<SizeRow | { readonly name: string; readonly failed: string }> = [];
// Optional filters: `node src/size.ts floor upload` measures only entries whose file names match.
const only = process.argv.slice(2);
for (const target of entries.filter(
  (entry) => only.length === 0 || only.some((word) => entry.file.includes(word)),
)) {
  try {
    rows.push({
      name: target.name,
      file: target.file,
      esbuild: await withEsbuild(target),
      rolldown: await withRolldown(target),
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    console.error(`${target.file} failed to bundle:`, error);
    rows.push({ name: target.name, failed: message.slice(0, 160) });
  }
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log("\nbundle size, minified / minified + gzip -9 (bytes in KB of 1024):\n");
console.log(
  table(
    ["bundle", "esbuild min", "esbuild gzip", "rolldown min", "rolldown gzip", "rolldown / esbuild (gzip)"],
    rows.map((row) =>
      "failed" in row
        ? [row.name, `failed to bundle: ${row.failed}`, "", "", "", ""]
        : [
            row.name,
            kb(row.esbuild.min),
            kb(row.esbuild.gzip),
            kb(row.rolldown.min),
            kb(row.rolldown.gzip),
            (row.rolldown.gzip / row.esbuild.gzip).toFixed(2),
          ],
    ),
  ),
);

// Each further operation: what the entries with more operations add over their base, per operation.
const measured = (file: string) => rows.find((row): row is SizeRow => "file" in row && row.file === file);
const further = entries.flatMap((target) => {
  const more = measured(target.file);
  const base = target.further === undefined ? undefined : measured(target.further.base);
  if (target.further === undefined || more === undefined || base === undefined) return [];
  const per = (bundler: "esbuild" | "rolldown", size: "min" | "gzip") =>
    kb((more[bundler][size] - base[bundler][size]) / (target.further?.operations ?? 1));
  return [
    [
      `${target.name}, per operation over ${target.further.base}`,
      per("esbuild", "min"),
      per("esbuild", "gzip"),
      per("rolldown", "min"),
      per("rolldown", "gzip"),
    ],
  ];
});
if (further.length > 0) {
  console.log("\neach further operation (what the extra operations add, divided by their number):\n");
  console.log(table(["bundle", "esbuild min", "esbuild gzip", "rolldown min", "rolldown gzip"], further));
}
