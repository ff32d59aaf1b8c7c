// `test:runtime` of the release checks, run by `npm test` after the build. For every publishable
// package (a non-private workspace package): pack it as a release would, then run publint and
// @arethetypeswrong/cli on the tarball and check the manifest against the publishing policy. The
// Deno adapter (jsr.json) gets a JSR dry run against the packed core. Last, `changeset status`.
// Exits non-zero when anything reports a problem.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changesetStatus } from "./changesets.ts";
import { jsrConfigProblems, jsrDryRun } from "./jsr.ts";
import { metadataProblems } from "./metadata.ts";
import { pack } from "./pack.ts";
import { run } from "./run.ts";
import { type Manifest, readJson, workspacePackages } from "./workspace.ts";

const results: Array<{ readonly check: string; readonly ok: boolean }> = [];
const record = (check: string, ok: boolean) => {
  results.push({ check, ok });
  console.log(`${ok ? "✔" : "✖"} ${check}`);
};

const workdir = mkdtempSync(join(tmpdir(), "shutterkit-package-checks-"));
try {
  const packages = workspacePackages();
  const versions = new Map(packages.map((pkg) => [pkg.manifest.name, pkg.manifest.version]));
  const tarballs = new Map<string, string>();

  for (const pkg of packages.filter((candidate) => candidate.manifest.private !== true)) {
    const { name } = pkg.manifest;
    console.log(`\n▶ ${name} (${pkg.path})`);
    const packed = pack(pkg.dir, workdir);
    if (typeof packed === "string") {
      console.error(packed);
      record(`${name}: pack`, false);
      continue;
    }
    tarballs.set(name, packed.tarball);
    const unpacked = join(workdir, name.replace("/", "__"));
    run("mkdir", ["-p", unpacked], { cwd: workdir });
    run("tar", ["-xzf", packed.tarball, "-C", unpacked, "--strip-components=1"], { cwd: workdir });
    const problems = metadataProblems(
      readJson(join(unpacked, "package.json")) as Manifest,
      pkg.path,
      pkg.dir,
    );
    for (const problem of problems) console.error(`  ${problem}`);
    record(`${name}: metadata`, problems.length === 0);
    record(`${name}: publint`, run("publint", ["run", packed.tarball, "--strict"], { cwd: workdir }).ok);
    // ESM only: the profile leaves out CommonJS `require` and the pre-exports `node10` resolution,
    // which an ESM-only package cannot serve by design; node16-from-ESM and bundler must be clean.
    record(
      `${name}: attw`,
      run("attw", [packed.tarball, "--profile", "esm-only", "--format", "table-flipped"], { cwd: workdir })
        .ok,
    );
  }

  for (const pkg of packages.filter((candidate) => existsSync(join(candidate.dir, "jsr.json")))) {
    const { name } = pkg.manifest;
    console.log(`\n▶ ${name} (${pkg.path}, JSR)`);
    const problems = jsrConfigProblems(pkg.manifest, readJson(join(pkg.dir, "jsr.json")) as never, versions);
    for (const problem of problems) console.error(`  ${problem}`);
    record(`${name}: jsr.json`, problems.length === 0);
    record(`${name}: deno publish --dry-run`, jsrDryRun(pkg.dir, join(workdir, "jsr"), tarballs));
  }

  console.log("\n▶ changeset status");
  record("changeset status", changesetStatus());
} finally {
  rmSync(workdir, { recursive: true, force: true });
}

const failed = results.filter((result) => !result.ok);
console.log(`\n${results.length - failed.length} package checks passed, ${failed.length} failed`);
if (failed.length > 0) {
  console.error(`failed: ${failed.map((result) => result.check).join(", ")}`);
  process.exit(1);
}
