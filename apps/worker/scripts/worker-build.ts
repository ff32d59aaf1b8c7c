// Bundles the worker the way wrangler does (esbuild, workerd export condition, one ES module), and
// reads wrangler.jsonc, so tests and the dev script run exactly what would be deployed.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

export const appDir = fileURLToPath(new URL("..", import.meta.url));

export const bundleWorker = async (options: { minify?: boolean } = {}): Promise<string> => {
  const result = await esbuild.build({
    entryPoints: [`${appDir}src/index.ts`],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    minify: options.minify ?? false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
};

/** JSON with comments, as wrangler reads it: comments outside strings removed, trailing commas allowed. */
export const parseJsonc = (text: string): unknown => {
  let out = "";
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      const end = /"(?:[^"\\]|\\.)*"/y;
      end.lastIndex = index;
      const match = end.exec(text);
      if (match === null) throw new Error("unterminated string in wrangler.jsonc");
      out += match[0];
      index += match[0].length - 1;
    } else if (char === "/" && text[index + 1] === "/") {
      while (index < text.length && text[index] !== "\n") index++;
      out += "\n";
    } else if (char === "/" && text[index + 1] === "*") {
      index = text.indexOf("*/", index + 2) + 1;
    } else out += char;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
};

interface DurableObjects {
  readonly bindings: ReadonlyArray<{ readonly name: string; readonly class_name: string }>;
}

export interface WranglerConfig {
  readonly name: string;
  readonly main: string;
  readonly compatibility_date: string;
  readonly vars: Readonly<Record<string, string>>;
  readonly durable_objects?: DurableObjects;
  readonly migrations?: ReadonlyArray<{
    readonly tag: string;
    readonly new_sqlite_classes?: ReadonlyArray<string>;
  }>;
  readonly env: Readonly<
    Record<
      string,
      { readonly vars: Readonly<Record<string, string>>; readonly durable_objects?: DurableObjects }
    >
  >;
}

export const wranglerConfig = (): WranglerConfig =>
  parseJsonc(readFileSync(`${appDir}wrangler.jsonc`, "utf8")) as WranglerConfig;

/** The vars of an environment as wrangler merges them: `env.<name>.vars` replace the top-level ones. */
export const varsFor = (environment?: string): Readonly<Record<string, string>> => {
  const config = wranglerConfig();
  if (environment === undefined) return config.vars;
  const vars = config.env[environment]?.vars;
  if (vars === undefined) throw new Error(`wrangler.jsonc has no env.${environment}`);
  return vars;
};
