import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { structuredPatch } from "diff";
import { renderReport, reportFileName, updateCommand, updateCommandLong } from "./render.ts";
import { MissingDeclarationsError, readSurfaces } from "./surface.ts";
import type { PublishablePackage } from "./workspace.ts";

type Built =
  | { readonly packageName: string; readonly file: string; readonly text: string }
  | { readonly packageName: string; readonly file: string; readonly error: MissingDeclarationsError };

const build = (packages: ReadonlyArray<PublishablePackage>): ReadonlyArray<Built> =>
  readSurfaces(packages).map((surface, index) => {
    const packageName = packages[index]!.name;
    const file = reportFileName(packageName);
    return surface instanceof MissingDeclarationsError
      ? { packageName, file, error: surface }
      : { packageName, file, text: renderReport(surface) };
  });

const reportFiles = (apiDir: string): ReadonlyArray<string> =>
  existsSync(apiDir) ? readdirSync(apiDir).filter((name) => name.endsWith(".api.md")) : [];

const stale = (apiDir: string, built: ReadonlyArray<Built>): ReadonlyArray<string> => {
  const expected = new Set(built.map((report) => report.file));
  return reportFiles(apiDir).filter((name) => !expected.has(name));
};

export interface UpdateResult {
  readonly written: ReadonlyArray<string>;
  readonly removed: ReadonlyArray<string>;
  /** Packages whose declarations are missing: their report is left as it was. */
  readonly errors: ReadonlyArray<string>;
}

/** Rewrites `apiDir/<package>.api.md` for every package that is built; removes reports of no package. */
export const updateReports = (packages: ReadonlyArray<PublishablePackage>, apiDir: string): UpdateResult => {
  const built = build(packages);
  mkdirSync(apiDir, { recursive: true });
  const written: Array<string> = [];
  const errors: Array<string> = [];
  for (const report of built) {
    if ("error" in report) errors.push(report.error.message);
    else {
      writeFileSync(join(apiDir, report.file), report.text);
      written.push(report.file);
    }
  }
  const removed = stale(apiDir, built);
  for (const name of removed) rmSync(join(apiDir, name));
  return { written, removed, errors };
};

const diffSummary = (file: string, checkedIn: string, current: string, maxLines: number): string => {
  const patch = structuredPatch(
    `api/${file} (checked in)`,
    `api/${file} (built)`,
    checkedIn,
    current,
    "",
    "",
    {
      context: 1,
    },
  );
  const changed = patch.hunks.flatMap((hunk) => hunk.lines);
  const added = changed.filter((line) => line.startsWith("+")).length;
  const removed = changed.filter((line) => line.startsWith("-")).length;
  const shown = patch.hunks.flatMap((hunk) => [
    `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    ...hunk.lines,
  ]);
  const cut =
    shown.length > maxLines
      ? [...shown.slice(0, maxLines), `... ${shown.length - maxLines} more lines`]
      : shown;
  return [`${added} lines added, ${removed} removed (- checked in, + built):`, ...cut].join("\n");
};

export interface CheckResult {
  readonly ok: boolean;
  /** One paragraph per problem, each saying what to run. */
  readonly problems: ReadonlyArray<string>;
}

const howToUpdate = `If the change of public surface is intended, run \`${updateCommand}\` (${updateCommandLong}) and commit api/.`;

/** Compares the reports of the built packages with the checked-in files in `apiDir`. */
export const checkReports = (
  packages: ReadonlyArray<PublishablePackage>,
  apiDir: string,
  { maxDiffLines = 80 }: { readonly maxDiffLines?: number } = {},
): CheckResult => {
  const built = build(packages);
  const problems: Array<string> = [];
  for (const report of built) {
    const path = join(apiDir, report.file);
    if ("error" in report) problems.push(`${report.error.message}\n(api/${report.file} cannot be checked)`);
    else if (!existsSync(path))
      problems.push(
        `api/${report.file} is missing: ${report.packageName} has no checked-in API report. ` +
          `Run \`${updateCommand}\` (${updateCommandLong}) and commit api/.`,
      );
    else {
      const checkedIn = readFileSync(path, "utf8");
      if (checkedIn !== report.text)
        problems.push(
          `The public surface of ${report.packageName} differs from api/${report.file}. ${howToUpdate}\n` +
            diffSummary(report.file, checkedIn, report.text, maxDiffLines),
        );
    }
  }
  for (const name of stale(apiDir, built))
    problems.push(`api/${name} belongs to no publishable package. ${howToUpdate} (it removes the file)`);
  return { ok: problems.length === 0, problems };
};
