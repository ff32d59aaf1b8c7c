// The Deno adapter goes to JSR, not npm. `deno publish --dry-run` with its full type check is run
// on a copy of the package whose node_modules hold core as npm would install it (the packed
// tarball) rather than the workspace link: through the link Deno reads core's dist/ as local files
// and does not map its `./x.js` specifiers to `x.d.ts`, so the check only passes on the real layout.
import { cpSync, existsSync, mkdirSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { run } from "./run.ts";
import { type Manifest, readJson } from "./workspace.ts";

interface JsrConfig {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly imports?: Readonly<Record<string, string>>;
  readonly publish?: { readonly include?: ReadonlyArray<string> };
}

// `npm:name@range` or `npm:name@range/subpath` (a subpath export, such as `@shutterkit/core/wire`).
const NPM_SPECIFIER = /^npm:((?:@[^/@]+\/)?[^/@]+)@([^/]+)(\/.+)?$/;

/** Version agreement between package.json, jsr.json and the core it imports from npm. */
export const jsrConfigProblems = (
  manifest: Manifest,
  jsr: JsrConfig,
  versions: ReadonlyMap<string, string>,
): ReadonlyArray<string> => {
  const problems: Array<string> = [];
  if (jsr.version !== manifest.version)
    problems.push(
      `jsr.json version ${jsr.version} differs from package.json ${manifest.version} (set it after \`changeset version\`)`,
    );
  if (jsr.license !== "MIT") problems.push('jsr.json license must be "MIT"');
  for (const [alias, target] of Object.entries(jsr.imports ?? {})) {
    const match = NPM_SPECIFIER.exec(target);
    const name = match?.[1];
    const workspaceVersion = name === undefined ? undefined : versions.get(name);
    if (workspaceVersion !== undefined && match?.[2] !== `^${workspaceVersion}`)
      problems.push(
        `jsr.json imports "${alias}" as ${target}; it must be npm:${name}@^${workspaceVersion}${match?.[3] ?? ""}`,
      );
  }
  return problems;
};

/** The directory of `name` as Node would find it from `from`, symlinks resolved. */
const findInstalled = (name: string, from: string): string => {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(directory) === directory) throw new Error(`${name} is not installed (looked from ${from})`);
  }
};

/** Copies an installed package and, recursively, its dependencies into `modules` (a flat node_modules). */
const copyInstalled = (name: string, from: string, modules: string, seen: Set<string>): void => {
  if (seen.has(name)) return;
  seen.add(name);
  const source = findInstalled(name, from);
  cpSync(source, join(modules, name), { recursive: true, dereference: true });
  const dependencies = (readJson(join(source, "package.json")) as Manifest)["dependencies"];
  for (const dependency of Object.keys((dependencies ?? {}) as Record<string, string>))
    copyInstalled(dependency, source, modules, seen);
};

/**
 * Dry-runs the JSR publish of the package in `dir` in `workdir`, with the packed tarballs of
 * workspace packages it imports (`tarballs`, by name) installed as npm would install them.
 */
export const jsrDryRun = (dir: string, workdir: string, tarballs: ReadonlyMap<string, string>): boolean => {
  const jsr = readJson(join(dir, "jsr.json")) as JsrConfig;
  const copy = join(workdir, "package");
  const modules = join(copy, "node_modules");
  mkdirSync(modules, { recursive: true });
  const topLevel = new Set((jsr.publish?.include ?? []).map((pattern) => pattern.split("/")[0] ?? pattern));
  for (const entry of [...topLevel, "jsr.json"])
    cpSync(join(dir, entry), join(copy, entry), { recursive: true });

  const seen = new Set<string>();
  for (const target of Object.values(jsr.imports ?? {})) {
    const match = NPM_SPECIFIER.exec(target);
    const [name, range] = [match?.[1], match?.[2]];
    if (name === undefined || range === undefined) continue;
    const tarball = tarballs.get(name);
    if (tarball === undefined) {
      copyInstalled(name, dir, modules, seen);
      continue;
    }
    const destination = join(modules, name);
    mkdirSync(destination, { recursive: true });
    if (!run("tar", ["-xzf", tarball, "-C", destination, "--strip-components=1"], { cwd: workdir }).ok)
      return false;
    seen.add(name);
    const packed = (readJson(join(destination, "package.json")) as Manifest)["dependencies"];
    const source = findInstalled(name, dir);
    for (const dependency of Object.keys((packed ?? {}) as Record<string, string>))
      copyInstalled(dependency, source, modules, seen);
  }
  // Deno type-checks npm packages against @types/node.
  if (existsSync(join(dir, "node_modules", "@types", "node")))
    copyInstalled("@types/node", dir, modules, seen);

  const deno = createRequire(import.meta.url).resolve("deno/bin.cjs");
  return run(process.execPath, [deno, "publish", "--dry-run", "--allow-dirty", "--config", "jsr.json"], {
    cwd: copy,
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  }).ok;
};
