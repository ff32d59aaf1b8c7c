import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../../", import.meta.url));

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly [key: string]: unknown;
}

export interface WorkspacePackage {
  /** Path relative to the repository root, e.g. `packages/core`. */
  readonly path: string;
  readonly dir: string;
  readonly manifest: Manifest;
}

export const readJson = (file: string): unknown => JSON.parse(readFileSync(file, "utf8"));

/** The workspace's packages and apps (tools are never published). */
export const workspacePackages = (): ReadonlyArray<WorkspacePackage> =>
  ["packages", "apps"].flatMap((folder) => {
    const base = join(root, folder);
    if (!existsSync(base)) return [];
    return readdirSync(base, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, "package.json")))
      .map((entry) => ({
        path: `${folder}/${entry.name}`,
        dir: join(base, entry.name),
        manifest: readJson(join(base, entry.name, "package.json")) as Manifest,
      }));
  });
