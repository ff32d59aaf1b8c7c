#!/usr/bin/env node
// The Debian packages that tests need, installed in one step before any test starts (scripts/ci-test.mjs
// runs it first; `node scripts/system-packages.mjs` runs it alone). Present ones are skipped; missing
// ones are installed with apt-get as root or through passwordless sudo. Without the rights to install,
// it fails at once naming the packages and the command to run, instead of a test failing or
// installing halfway through the run. Tests never install anything themselves.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Each package with the file that shows it is installed and what needs it. */
export const systemPackages = [
  { name: "chromium", file: "/usr/bin/chromium", neededBy: "the browser suites (conformance, apps/web)" },
  { name: "redis-server", file: "/usr/bin/redis-server", neededBy: "the Redis quota tests" },
];

const succeeds = (command, args) => spawnSync(command, args, { stdio: "ignore" }).status === 0;

/** The prefix that runs apt-get with the rights to install, or undefined when there is none. */
const privilege = () => {
  if (process.getuid?.() === 0) return [];
  if (succeeds("sudo", ["-n", "true"])) return ["sudo", "-n"];
  return undefined;
};

/** Installs what is missing; returns an error message, or undefined when everything is there. */
export const ensureSystemPackages = () => {
  const missing = systemPackages.filter((pkg) => !existsSync(pkg.file));
  const present = systemPackages.filter((pkg) => existsSync(pkg.file));
  if (present.length > 0)
    console.log(`system packages present: ${present.map((pkg) => pkg.name).join(", ")}`);
  if (missing.length === 0) return undefined;

  const names = missing.map((pkg) => pkg.name);
  const command = `sudo apt-get update && sudo apt-get install -y ${names.join(" ")}`;
  const why = missing.map((pkg) => `${pkg.name} (${pkg.file}, for ${pkg.neededBy})`).join(", ");
  if (!succeeds("apt-get", ["--version"]))
    return `missing ${why}, and there is no apt-get here: install ${names.join(" and ")} with this system's package manager`;
  const prefix = privilege();
  if (prefix === undefined)
    return `missing ${why}, and this user may not install packages (not root, no passwordless sudo). Run:\n  ${command}`;

  console.log(`installing system packages: ${names.join(", ")} (apt-get install -y ${names.join(" ")})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args) => {
    const [command, ...rest] = [...prefix, "apt-get", ...args];
    return spawnSync(command, rest, { stdio: "inherit", env }).status === 0;
  };
  // A fresh machine has no package lists yet, so update first.
  if (!apt(["update", "-qq"]) || !apt(["install", "-y", "-qq", ...names]))
    return `apt-get could not install ${names.join(" ")}; run it by hand:\n  ${command}`;
  const stillMissing = missing.filter((pkg) => !existsSync(pkg.file));
  if (stillMissing.length > 0)
    return `apt-get finished but ${stillMissing.map((pkg) => pkg.file).join(", ")} is still missing`;
  console.log(`installed system packages: ${names.join(", ")}`);
  return undefined;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problem = ensureSystemPackages();
  if (problem !== undefined) {
    console.error(`✖ system packages: ${problem}`);
    process.exit(1);
  }
}
