// The README's demo command (run under the pinned toolchain by scripts/bootstrap.mjs): builds what
// the demo needs, quietly unless the build fails, then runs `shutterkit demo`.
import { spawnSync } from "node:child_process";

const build = spawnSync(
  "turbo",
  ["run", "build", "--filter=@shutterkit/cli...", "--output-logs=errors-only"],
  {
    encoding: "utf8",
    env: process.env,
  },
);
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? "");
  process.stderr.write(build.stderr ?? "");
  process.exit(build.status ?? 1);
}
const demo = spawnSync("node", ["apps/cli/bin/shutterkit.js", "demo", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: process.env,
});
process.exit(demo.status ?? 1);
