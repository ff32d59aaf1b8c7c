// What a command may touch of the outside world, injected so tests can run the CLI in-process.

export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborts the running command (Ctrl-C in the real binary). */
  readonly signal?: AbortSignal;
}

export const processIo = (signal?: AbortSignal): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  ...(signal === undefined ? {} : { signal }),
});
