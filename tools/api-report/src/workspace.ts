import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** One entry of a package's exports map that declares types, e.g. `"./routes"` → `./dist/routes.d.ts`. */
export interface TypesEntry {
  /** The exports-map key: `"."`, `"./routes"`. */
  readonly subpath: string;
  /** The `types` target as the manifest writes it: `./dist/routes.d.ts`. */
  readonly types: string;
}

export interface PublishablePackage {
  readonly name: string;
  readonly dir: string;
  readonly entries: ReadonlyArray<TypesEntry>;
}

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly exports?: unknown;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

const typesOf = (target: unknown): string | undefined => {
  if (typeof target !== "object" || target === null) return undefined;
  const types = (target as { readonly types?: unknown }).types;
  return typeof types === "string" ? types : undefined;
};

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The package in `dir` with every exports-map entry that has `types`, sorted by subpath. */
export const readPackage = (dir: string): PublishablePackage => {
  const manifest = readManifest(dir);
  const exportsMap =
    typeof manifest.exports === "object" && manifest.exports !== null ? manifest.exports : {};
  const entries = Object.entries(exportsMap)
    .flatMap(([subpath, target]) => {
      const types = typesOf(target);
      return types === undefined ? [] : [{ subpath, types }];
    })
    .sort((a, b) => byText(a.subpath, b.subpath));
  return { name: manifest.name, dir, entries };
};

/** Every package under `packages/` that is not `"private": true`: the ones users install. */
export const publishablePackages = (root: string = repositoryRoot): ReadonlyArray<PublishablePackage> => {
  const base = join(root, "packages");
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, "package.json")))
    .map((entry) => join(base, entry.name))
    .filter((dir) => readManifest(dir).private !== true)
    .map(readPackage)
    .sort((a, b) => byText(a.name, b.name));
};

export { byText };
