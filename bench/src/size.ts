// Bundle size (minified, then gzip -9) of each package's whole entry and of an app that only uploads
// a picture and asks for similar images, with esbuild and with rolldown. Peer dependencies (React,
// TanStack Query) and Node built-ins stay external. Run: pnpm --filter @shutterkit/bench run size
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
    name: "upload + similar (modular Promise client)",
    file: "upload-similar.ts",
    platform: "browser",
    external: [],
  },
  {
    name: "upload + similar (Effect API)",
    file: "upload-similar-effect.ts",
    platform: "browser",
    external: [],
  },
  {
    name: "upload + similar (grouped client)",
    file: "upload-similar-grouped.ts",
    platform: "browser",
    external: [],
  },
];

interface SizeRow {
  readonly name: string;
  readonly esbuild: { readonly min: number; readonly gzip: number };
  readonly rolldown: { readonly min: number; readonly gzip: number };
}

const gzip = (code: string) => gzipSync(code, { level: 9 }).byteLength;

const withEsbuild = async (target: Entry) => {
  const result = await esbuild.build({
    entryPoints: [entry(target.file)],
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: target.platform === "node" ? "node" : "neutral",
    target: "es2022",
    conditions: target.platform === "node" ? [] : BROWSER_CONDITIONS,
    mainFields: ["module", "main"],
    external: [...target.external],
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  return { min: Buffer.byteLength(code), gzip: gzip(code) };
};

const withRolldown = async (target: Entry) => {
  const build = await rolldown({
    input: entry(target.file),
    platform: target.platform === "node" ? "node" : "neutral",
    external: [...target.external],
    resolve: {
      conditionNames: [...(target.platform === "node" ? ["node"] : BROWSER_CONDITIONS), "import", "default"],
      mainFields: ["module", "main"],
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

const rows: SizeRow[] = [];
// Optional filters: `node src/size.ts floor upload` measures only entries whose file names match.
const only = process.argv.slice(2);
for (const target of entries.filter(
  (entry) => only.length === 0 || only.some((word) => entry.file.includes(word)),
)) {
  rows.push({ name: target.name, esbuild: await withEsbuild(target), rolldown: await withRolldown(target) });
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log("\nbundle size, minified / minified + gzip -9 (bytes in KB of 1024):\n");
console.log(
  table(
    ["bundle", "esbuild min", "esbuild gzip", "rolldown min", "rolldown gzip", "rolldown / esbuild (gzip)"],
    rows.map((row) => [
      row.name,
      kb(row.esbuild.min),
      kb(row.esbuild.gzip),
      kb(row.rolldown.min),
      kb(row.rolldown.gzip),
      (row.rolldown.gzip / row.esbuild.gzip).toFixed(2),
    ]),
  ),
);
