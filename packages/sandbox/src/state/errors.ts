// The one error a stored state can fail with at start or on commit, naming the file and why, so a
// wrong or damaged data directory is never mistaken for an empty one (and never silently reset).

export type SandboxStateProblem =
  /** The file is not an SQLite database, or its pages are damaged. */
  | "corrupt"
  /** An SQLite database, but not one the sandbox wrote. */
  | "foreign"
  /** Written by a newer sandbox whose schema this one does not know. */
  | "newer-schema"
  /** Made with another catalog seed. */
  | "seed-mismatch"
  /** Another process held the write lock longer than the busy timeout. */
  | "busy"
  /** Any other failure to read or write the file (permissions, disk full). */
  | "io";

export class SandboxStateError extends Error {
  readonly _tag = "SandboxStateError";
  override readonly name = "SandboxStateError";
  readonly file: string;
  readonly problem: SandboxStateProblem;

  constructor(file: string, problem: SandboxStateProblem, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.file = file;
    this.problem = problem;
  }
}
