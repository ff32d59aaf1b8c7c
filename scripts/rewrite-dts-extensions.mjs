#!/usr/bin/env node
// tsc rewrites `./x.ts` imports to `./x.js` in emitted JavaScript but leaves them as written in
// declaration files; Deno and some resolvers then look for a missing `x.ts`. Point them at `x.js`.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = process.argv[2] ?? "dist";
const specifier = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+?)\.ts(["'])/g;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
  const file = join(entry.parentPath, entry.name);
  const source = readFileSync(file, "utf8");
  const rewritten = source.replace(specifier, "$1$2.js$3");
  if (rewritten !== source) writeFileSync(file, rewritten);
}
