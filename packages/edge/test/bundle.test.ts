// The package as a deployment consumes it: resolved through its export conditions for workerd and
// edge-light, bundled for a platform without Node built-ins.
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

const bundle = (contents: string, condition: string) =>
  esbuild.build({
    stdin: { contents, resolveDir: packageDir, loader: "js" },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    conditions: [condition],
    mainFields: ["module", "main"],
    absWorkingDir: packageDir,
    logLevel: "silent",
  });

describe.each(["workerd", "edge-light"])("bundled for %s", (condition) => {
  it("loads neither Effect nor ky on the environment path", async () => {
    const result = await bundle(
      'export { createEnvProxyHandler, byOperationId } from "@shutterkit/edge";\n' +
        'export { searchImages } from "@shutterkit/core/routes";',
      condition,
    );
    // Modules the bundler read but dropped (tree-shaken re-exports) have no bytes in the output.
    const output = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
    const kept = Object.keys(output).filter((file) => (output[file]?.bytesInOutput ?? 0) > 0);
    expect(kept).toContain("dist/from-env.js");
    expect(kept.filter((file) => /node_modules\/.*\/(effect|ky)\//.test(file))).toEqual([]);
  });

  it("resolves the export condition to the build and needs no Node built-in", async () => {
    const result = await esbuild.build({
      stdin: {
        contents: 'export { createProxyHandler, createEnvProxyHandler } from "@shutterkit/edge";',
        resolveDir: packageDir,
        loader: "js",
      },
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "neutral",
      conditions: [condition],
      mainFields: ["module", "main"],
      absWorkingDir: packageDir,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain("dist/handler.js");
    expect(
      inputs.filter((file) => file.startsWith("node:") || /^(fs|path|http|net|crypto|buffer)$/.test(file)),
    ).toEqual([]);
    expect(result.outputFiles[0]?.text).not.toMatch(
      /\brequire\(\s*["'](node:)?(fs|path|http|net|buffer)["']/,
    );
  });
});
