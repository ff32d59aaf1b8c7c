// The runtime-neutral entry must not reach Node built-ins: walk its import graph and look.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

const importsOf = (file: string): string[] =>
  [
    ...readFileSync(file, "utf8").matchAll(/(?:import|export)[^"';]*?from\s+"([^"]+)"|import\("([^"]+)"\)/g),
  ].map((match) => match[1] ?? match[2] ?? "");

const graph = (entry: string) => {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
      else external.add(specifier);
    }
  };
  visit(entry);
  return { files: seen, external };
};

describe("isomorphic core", () => {
  it("imports no Node built-ins from the main entry", () => {
    const { files, external } = graph(resolve(SRC, "index.ts"));
    expect(files.size).toBeGreaterThan(30);
    expect([...external].filter((specifier) => specifier.startsWith("node:"))).toEqual([]);
    expect([...files].map((file) => file.slice(SRC.length))).not.toContain("/node.ts");
  });

  it("keeps Node built-ins to the Node entry, the CLI and the SQLite store", () => {
    const { files } = graph(resolve(SRC, "bin.ts"));
    const withNode = [...files]
      .filter((file) => importsOf(file).some((specifier) => specifier.startsWith("node:")))
      .map((file) => file.slice(SRC.length))
      .sort();
    expect(withNode).toEqual(["/bin.ts", "/node.ts", "/state/data-dir.ts", "/state/sqlite-store.ts"]);
  });
});
