import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderReport } from "../src/render.ts";
import { checkReports, updateReports } from "../src/reports.ts";
import { MissingDeclarationsError, readSurface } from "../src/surface.ts";
import { readPackage } from "../src/workspace.ts";

const fixture = join(import.meta.dirname, "fixture", "widgets");

const temporaryDirs: Array<string> = [];
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture package and an empty `api/` folder, so a test can change either. */
const workspace = (): { readonly packageDir: string; readonly apiDir: string } => {
  const root = mkdtempSync(join(tmpdir(), "api-report-"));
  temporaryDirs.push(root);
  const packageDir = join(root, "widgets");
  cpSync(fixture, packageDir, { recursive: true });
  return { packageDir, apiDir: join(root, "api") };
};

const handWrittenSection = `## \`@fixture/widgets\`

Declarations: \`./types/index.d.ts\`. 11 exports: 9 hand-written, 0 re-exported from other packages, 2 generated.

### \`Gadget\` (class, type-only export: no value)

\`\`\`ts
class Gadget {
    private constructor();
}
\`\`\`

### \`Shape\` (interface)

\`\`\`ts
interface Shape {
    readonly sides: number;
}
\`\`\`

### \`Widget\` (interface)

\`\`\`ts
interface Widget {
    readonly name: string;
    readonly size: WidgetSize;
}
\`\`\`

### \`WidgetError\` (class)

\`\`\`ts
class WidgetError extends Error {
    readonly widget: string;
    constructor(widget: string);
}
\`\`\`

### \`WidgetFactory\` (type)

\`\`\`ts
type WidgetFactory = (name: string) => string;
\`\`\`

### \`WidgetSize\` (type)

\`\`\`ts
type WidgetSize = "small" | "large";
\`\`\`

### \`area\` (const)

\`\`\`ts
const area: (shape: Shape) => number;
\`\`\`

### \`defaultFactory\` (const, type-only export: no value)

\`\`\`ts
const defaultFactory: WidgetFactory;
\`\`\`

### \`makeWidget\` (function)

\`\`\`ts
function makeWidget(name: string, size?: WidgetSize): Widget;
\`\`\`

### Generated (names and kinds only)

| name | kind |
| --- | --- |
| \`ListWidgetsResult\` | type |
| \`listWidgets\` | const |
`;

const generatedEntry = `## \`@fixture/widgets/generated\`

Declarations: \`./types/generated/operations.d.ts\`. 2 exports: 0 hand-written, 0 re-exported from other packages, 2 generated.

### Generated (names and kinds only)

| name | kind |
| --- | --- |
| \`ListWidgetsResult\` | type |
| \`listWidgets\` | const |
`;

describe("the report of a package", () => {
  const report = renderReport(readSurface(readPackage(fixture)));

  it("starts with the package's name and how to update it", () => {
    expect(report.split("\n")[0]).toBe("# API report: `@fixture/widgets`");
    expect(report).toContain("Do not edit by hand");
    expect(report).toContain("`pnpm api:update`");
    expect(report).toContain("`pnpm --filter @shutterkit/api-report run update`");
  });

  it("lists each export of an entry, sorted, with its kind and its declaration without doc comments", () => {
    expect(report).toContain(handWrittenSection);
    expect(report).not.toContain("Its name, as given");
  });

  it("lists generated code by name and kind only, one section per types entry", () => {
    expect(report.endsWith(`${generatedEntry}`)).toBe(true);
    expect(report).not.toContain('"/widgets"');
  });

  it("is the same text every time", () => {
    expect(renderReport(readSurface(readPackage(fixture)))).toBe(report);
  });
});

describe("the check", () => {
  it("passes when the checked-in report matches the declarations", () => {
    const { packageDir, apiDir } = workspace();
    const packages = [readPackage(packageDir)];
    expect(updateReports(packages, apiDir)).toEqual({ written: ["widgets.api.md"], removed: [], errors: [] });
    expect(checkReports(packages, apiDir)).toEqual({ ok: true, problems: [] });
  });

  it("fails with a diff summary and the update command when a declaration changes", () => {
    const { packageDir, apiDir } = workspace();
    const packages = [readPackage(packageDir)];
    updateReports(packages, apiDir);
    const index = join(packageDir, "types", "index.d.ts");
    writeFileSync(
      index,
      readFileSync(index, "utf8").replace("size?: WidgetSize): Widget;", "size: WidgetSize): Widget;"),
    );

    const result = checkReports(packages, apiDir);

    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toContain("The public surface of @fixture/widgets differs from api/widgets.api.md.");
    expect(problem).toContain("run `pnpm api:update` (pnpm --filter @shutterkit/api-report run update)");
    expect(problem).toContain("1 lines added, 1 removed (- checked in, + built):");
    expect(problem).toContain("-function makeWidget(name: string, size?: WidgetSize): Widget;");
    expect(problem).toContain("+function makeWidget(name: string, size: WidgetSize): Widget;");
  });

  it("fails when an export is added to generated code, by name", () => {
    const { packageDir, apiDir } = workspace();
    const packages = [readPackage(packageDir)];
    updateReports(packages, apiDir);
    const operations = join(packageDir, "types", "generated", "operations.d.ts");
    writeFileSync(operations, `${readFileSync(operations, "utf8")}export type ListWidgetsInput = {};\n`);

    const [problem] = checkReports(packages, apiDir).problems;

    expect(problem).toContain("+| `ListWidgetsInput` | type |");
  });

  it("fails when the report file is missing or belongs to no package", () => {
    const { packageDir, apiDir } = workspace();
    const packages = [readPackage(packageDir)];
    updateReports(packages, apiDir);
    cpSync(join(apiDir, "widgets.api.md"), join(apiDir, "gadgets.api.md"));
    rmSync(join(apiDir, "widgets.api.md"));

    const { problems } = checkReports(packages, apiDir);

    expect(problems).toEqual([
      expect.stringContaining(
        "api/widgets.api.md is missing: @fixture/widgets has no checked-in API report.",
      ),
      expect.stringContaining("api/gadgets.api.md belongs to no publishable package."),
    ]);
    expect(updateReports(packages, apiDir).removed).toEqual(["gadgets.api.md"]);
  });

  it("names the package, the entry and the build command when declarations are missing", () => {
    const { packageDir, apiDir } = workspace();
    rmSync(join(packageDir, "types", "generated"), { recursive: true });
    const packages = [readPackage(packageDir)];

    expect(() => readSurface(packages[0]!)).toThrow(MissingDeclarationsError);
    const message =
      '@fixture/widgets: declarations missing for "./generated" (./types/generated/operations.d.ts); ' +
      "build the package first: pnpm turbo run build --filter @fixture/widgets";
    expect(updateReports(packages, apiDir)).toEqual({ written: [], removed: [], errors: [message] });
    expect(checkReports(packages, apiDir).problems).toEqual([
      `${message}\n(api/widgets.api.md cannot be checked)`,
    ]);
  });
});
