#!/usr/bin/env node
// Lints the GitHub workflow files (.github/workflows/*.yml) with action-validator (the npm
// @action-validator/cli devDependency: the workflow schema, plus `needs` naming a job that exists),
// since nothing here can run them. It first shows that the linter rejects two broken copies of each
// workflow (a misspelt `steps`, a `needs` of a missing job), so a linter that accepted everything
// could not pass this step. `npm test` runs it; `node scripts/check-workflows.mjs` runs it alone.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const folder = join(root, ".github", "workflows");

/** The linter's report on one file, or undefined when it accepts the file. */
export const workflowProblems = (file) => {
  const result = spawnSync("action-validator", [file], { encoding: "utf8" });
  if (result.error) throw result.error;
  return result.status === 0 ? undefined : `${result.stdout}${result.stderr}`.trim();
};

const breakages = [
  ["`steps` misspelt", (text) => text.replace(/^(\s+)steps:/m, "$1step:")],
  ["`needs` of a missing job", (text) => text.replace(/^(\s+)runs-on:/m, "$1needs: no-such-job\n$1runs-on:")],
];

export const checkWorkflows = () => {
  const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
  if (files.length === 0) return [`no workflow files in ${folder}`];
  const problems = [];
  const scratch = mkdtempSync(join(tmpdir(), "shutterkit-workflows-"));
  try {
    for (const name of files) {
      const file = join(folder, name);
      const report = workflowProblems(file);
      if (report === undefined) console.log(`  ✓ ${name}`);
      else problems.push(`${name}:\n${report}`);
      const text = readFileSync(file, "utf8");
      for (const [what, breakIt] of breakages) {
        const broken = join(scratch, name);
        writeFileSync(broken, breakIt(text));
        if (workflowProblems(broken) === undefined)
          problems.push(`the linter accepted ${name} with ${what}: it is not checking the workflows`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return problems;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkWorkflows();
  for (const problem of problems) console.error(`✖ ${problem}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
