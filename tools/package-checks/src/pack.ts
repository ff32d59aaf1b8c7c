import { existsSync } from "node:fs";
import { join } from "node:path";
import { run } from "./run.ts";

export interface Packed {
  readonly tarball: string;
  readonly files: ReadonlyArray<string>;
}

/**
 * `pnpm pack` as a release would do it: `workspace:*` ranges become the packages' versions, and
 * `files` decides what ships. The package must have been built (its `dist/`).
 */
export const pack = (dir: string, destination: string): Packed | string => {
  if (!existsSync(join(dir, "dist"))) return "dist/ is missing: build first (pnpm build)";
  const result = run("pnpm", ["pack", "--json", "--pack-destination", destination], {
    cwd: dir,
    capture: true,
  });
  if (!result.ok) return `pnpm pack failed (exit ${String(result.status)})`;
  const report = JSON.parse(result.stdout) as { filename: string; files: ReadonlyArray<{ path: string }> };
  return { tarball: report.filename, files: report.files.map((file) => file.path) };
};
