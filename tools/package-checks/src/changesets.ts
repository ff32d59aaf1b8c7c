// `changeset status` compares HEAD with the base branch (`git merge-base <base> HEAD`). A developer's
// clone has `main`; a CI checkout may have only `origin/main`, a shallow history, or no base at all
// (a detached commit). Find a base that works, fetching it when a remote can give it.
import { join } from "node:path";
import { run } from "./run.ts";
import { readJson, root } from "./workspace.ts";

const git = (...args: ReadonlyArray<string>) => run("git", args, { cwd: root, capture: true });

const hasMergeBase = (ref: string): boolean =>
  git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`).ok && git("merge-base", ref, "HEAD").ok;

const findBase = (branch: string): string | undefined => {
  const candidates = [branch, `origin/${branch}`];
  const usable = () => candidates.find(hasMergeBase);
  const found = usable();
  if (found !== undefined || !git("remote", "get-url", "origin").ok) return found;
  const shallow = git("rev-parse", "--is-shallow-repository").stdout.trim() === "true";
  console.log(`[changesets] no local ${branch} to compare with; fetching it from origin`);
  git(
    "fetch",
    "--no-tags",
    ...(shallow ? ["--unshallow"] : []),
    "origin",
    `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
  );
  return usable();
};

/** Runs `changeset status` from the repository root; false when it reports a problem. */
export const changesetStatus = (): boolean => {
  if (!git("rev-parse", "--is-inside-work-tree").ok) {
    console.log("[changesets] not a git checkout: `changeset status` skipped");
    return true;
  }
  const config = readJson(join(root, ".changeset", "config.json")) as { baseBranch?: string };
  const branch = config.baseBranch ?? "main";
  const base = findBase(branch);
  const since = base === branch ? [] : base === undefined ? ["--since=HEAD"] : [`--since=${base}`];
  if (base === undefined)
    console.log(
      `[changesets] no ${branch} branch in this checkout or on origin: comparing with HEAD, so only the ` +
        "configuration and uncommitted changesets are checked",
    );
  return run(join(root, "node_modules", ".bin", "changeset"), ["status", ...since], { cwd: root }).ok;
};
