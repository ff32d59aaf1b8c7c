// Runs the CLI in-process with captured output, as the binary would with these arguments.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/main.ts";

export interface Captured {
  write(chunk: string): boolean;
  readonly text: () => string;
  isTTY?: boolean;
  columns?: number;
}

export const capture = (options: { isTTY?: boolean; columns?: number } = {}): Captured => {
  const chunks: string[] = [];
  return {
    write: (chunk: string) => {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(""),
    ...options,
  };
};

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly cwd: string;
}

export const runCli = async (
  argv: ReadonlyArray<string>,
  options: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    signal?: AbortSignal;
    stderrTTY?: boolean;
    columns?: number;
  } = {},
): Promise<RunResult> => {
  const stdout = capture({ columns: options.columns ?? 200 });
  const stderr = capture({ isTTY: options.stderrTTY ?? false });
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "shutterkit-cli-"));
  const code = await main(argv, {
    stdout,
    stderr,
    env: options.env ?? {},
    cwd,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), cwd };
};
