// The shape every command shares, and the context main() hands it.
import type { ParseArgsOptionsConfig } from "node:util";
import type { CallOptions, ShutterstockClient } from "@shutterkit/node";
import type { Io } from "./io.ts";
import type { Progress } from "./progress.ts";

export type OptionValues = Readonly<
  Record<string, string | boolean | ReadonlyArray<string | boolean> | undefined>
>;

export interface CommandContext {
  readonly io: Io;
  /** `--json`: print the API's data as JSON on stdout, and nothing else there. */
  readonly json: boolean;
  readonly values: OptionValues;
  readonly positionals: ReadonlyArray<string>;
  /** Where `shutterkit login` keeps its sign-in (it may not exist). */
  readonly credentialsFile: string;
  /** The client from the environment, made on first use (so usage errors need no credentials). */
  readonly client: () => ShutterstockClient;
  /** Per-call options for the client: the abort signal of the run. */
  readonly request: CallOptions;
  /** A line on stdout. */
  readonly print: (text: string) => void;
  /** A line on stderr, for notes that must not mix with `--json` output. */
  readonly note: (text: string) => void;
  /** A progress bar on stderr when it is a terminal or `--progress` is given, else a no-op. */
  readonly progress: (label: string) => Progress;
  /** Resolves a path given on the command line against the working directory. */
  readonly resolvePath: (path: string) => string;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage lines after `shutterkit `, e.g. `search <query> [--per-page N]`. */
  readonly usage: ReadonlyArray<string>;
  readonly options: ParseArgsOptionsConfig;
  /** Longer help: options and examples. */
  readonly help?: string;
  readonly run: (context: CommandContext) => Promise<void>;
}

export const stringOption = (values: OptionValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};
