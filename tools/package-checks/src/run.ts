import { spawnSync } from "node:child_process";

export interface RunResult {
  readonly ok: boolean;
  readonly status: number | null;
  readonly stdout: string;
}

/**
 * Runs a command to completion. Output goes to the terminal unless `capture` is set, in which case
 * stdout is returned (stderr still shows, so failures explain themselves).
 */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly cwd: string; readonly capture?: boolean; readonly env?: NodeJS.ProcessEnv },
): RunResult => {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    stdio: ["ignore", options.capture === true ? "pipe" : "inherit", "inherit"],
  });
  if (result.error !== undefined) {
    console.error(`could not run ${command}: ${result.error.message}`);
    return { ok: false, status: null, stdout: "" };
  }
  return { ok: result.status === 0, status: result.status, stdout: result.stdout ?? "" };
};
