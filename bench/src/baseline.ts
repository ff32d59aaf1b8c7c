// shutterkit as it was before the request pipeline was rebuilt from ky and Effect (issue 21): the
// hand-built pipeline (guard compiler, timer list, attempt object) on the hand-built undici
// transport. Built from git into bench/.baseline so every run measures it beside today's code in
// the same processes, instead of quoting figures of a run on another day.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The last commit before the redesign; its bench run measured @shutterkit/node at 1.04x raw fetch. */
export const BASELINE_COMMIT = "3b7286c2bd4763b18c64b7e564ee570775428b1a";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const baselineDir = join(repoRoot, "bench", ".baseline", BASELINE_COMMIT.slice(0, 7));
const readyMark = join(baselineDir, ".ready");

const run = (command: string, args: ReadonlyArray<string>, cwd: string) =>
  execFileSync(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });

/**
 * Extracts the baseline commit and builds its core and Node packages, once: a later call finds the
 * mark and returns at once. Needs git (the bench runs in a clone) and the pnpm store or registry.
 */
export const prepareBaseline = (): string => {
  if (existsSync(readyMark)) return baselineDir;
  rmSync(baselineDir, { recursive: true, force: true });
  mkdirSync(baselineDir, { recursive: true });
  console.error(`building the pre-redesign baseline (${BASELINE_COMMIT.slice(0, 7)}) in ${baselineDir}`);
  const archive = execFileSync("git", ["-C", repoRoot, "archive", BASELINE_COMMIT], {
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync("tar", ["-x", "-C", baselineDir], { input: archive });
  run(
    "pnpm",
    ["install", "--frozen-lockfile", "--ignore-scripts", "--filter", "@shutterkit/node..."],
    baselineDir,
  );
  run("pnpm", ["--filter", "@shutterkit/core", "--filter", "@shutterkit/node", "run", "build"], baselineDir);
  writeFileSync(readyMark, `${BASELINE_COMMIT}\n`);
  return baselineDir;
};

interface SearchInput {
  readonly query: string;
  readonly per_page: number;
}

/** The part of the baseline's API the benchmarks call. */
interface BaselineNode {
  readonly createShutterstockFromEnv: (config: {
    readonly env: Record<string, string>;
    readonly baseUrl: string;
    readonly credentials: unknown;
    readonly retry: false;
  }) => {
    readonly images: {
      readonly searchImages: ((input: SearchInput) => Promise<unknown>) & {
        readonly all: (input: SearchInput) => AsyncIterable<{ readonly id: string }>;
      };
    };
  };
  readonly Credentials: { readonly oauth: (token: string) => unknown };
}

const loaded = await import(
  pathToFileURL(join(prepareBaseline(), "packages", "node", "dist", "index.js")).href
);
const baseline = loaded as BaselineNode;

const baselineClient = (stubUrl: string, token: string) =>
  baseline.createShutterstockFromEnv({
    env: {},
    baseUrl: stubUrl,
    credentials: baseline.Credentials.oauth(token),
    retry: false,
  });

/** The baseline's `searchImages` through @shutterkit/node, as the redesign's rows call theirs. */
export const baselineSearch = (stubUrl: string, token: string) => {
  const client = baselineClient(stubUrl, token);
  return (perPage: number) => client.images.searchImages({ query: "cat", per_page: perPage });
};

/** The baseline's `searchImages` with its `.all` pagination, for the memory benchmark. */
export const baselineSearchImages = (stubUrl: string, token: string) =>
  baselineClient(stubUrl, token).images.searchImages;
