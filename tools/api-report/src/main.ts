// `node src/main.ts update` rewrites api/*.api.md from the built packages; `node src/main.ts check`
// fails, with a diff summary, when they differ from the checked-in files.
import { join } from "node:path";
import { checkReports, updateReports } from "./reports.ts";
import { publishablePackages, repositoryRoot } from "./workspace.ts";

const apiDir = join(repositoryRoot, "api");
const mode = process.argv[2];
const packages = publishablePackages();

if (mode === "update") {
  const { written, removed, errors } = updateReports(packages, apiDir);
  for (const file of written) console.log(`wrote api/${file}`);
  for (const file of removed) console.log(`removed api/${file} (no such publishable package)`);
  for (const error of errors) console.error(`✖ ${error}`);
  process.exit(errors.length === 0 ? 0 : 1);
} else if (mode === "check") {
  const { ok, problems } = checkReports(packages, apiDir);
  if (ok) console.log(`API reports are current (${packages.length} packages).`);
  else {
    for (const problem of problems) console.error(`\n✖ ${problem}`);
    console.error(`\n✖ API report check failed: ${problems.length} problem(s).`);
  }
  process.exit(ok ? 0 : 1);
} else {
  console.error("usage: node src/main.ts update|check");
  process.exit(2);
}
