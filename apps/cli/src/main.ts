// The `shutterkit` command: parses the command line, runs one command, and turns any failure into
// a message on stderr and an exit code. Everything external comes in through `Io`, so tests call
// `main()` directly.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { createClientFromEnv, type DebugEvent, type ShutterstockClient } from "@shutterkit/node";
import type { Command, CommandContext } from "./command.ts";
import { collections } from "./commands/collections.ts";
import { demo } from "./commands/demo.ts";
import { details, keywords, search, similar } from "./commands/images.ts";
import { download, license } from "./commands/license.ts";
import { login, logout, whoami } from "./commands/login.ts";
import { describeFailure, type ErrorContext, ExitCode, UsageError } from "./errors.ts";
import type { Io } from "./io.ts";
import { credentialsFile } from "./login/paths.ts";
import { storedSession } from "./login/session.ts";
import { noProgress, progressBar } from "./progress.ts";

export { ExitCode } from "./errors.ts";
export type { Io, OutputStream } from "./io.ts";

export const commands: ReadonlyArray<Command> = [
  search,
  similar,
  details,
  license,
  download,
  collections,
  keywords,
  login,
  logout,
  whoami,
  demo,
];

const globalOptions = {
  json: { type: "boolean" },
  progress: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const satisfies ParseArgsOptionsConfig;

const version = (): string => {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version?: unknown;
    };
    return typeof manifest.version === "string" ? manifest.version : "unknown";
  } catch {
    return "unknown";
  }
};

const generalHelp = (): string =>
  [
    "shutterkit: search, find similar, license and download images from the Shutterstock API.",
    "",
    "Usage:",
    ...commands.map((command) => `  shutterkit ${command.name.padEnd(12)} ${command.summary}`),
    "",
    "Global options:",
    "      --json       print the API's data as JSON on stdout",
    "      --progress   show download progress even when stderr is not a terminal",
    "      --verbose    log requests, responses and retries on stderr",
    "  -h, --help       help for a command: shutterkit <command> --help",
    "  -v, --version    print the version",
    "",
    "Configuration (environment):",
    "  SHUTTERSTOCK_API_TOKEN    OAuth access token (licensing, downloads, collections)",
    "  SHUTTERSTOCK_API_KEY      consumer key    } enough for search, similar, details, keywords",
    "  SHUTTERSTOCK_API_SECRET   consumer secret }",
    "  SHUTTERSTOCK_BASE_URL     API origin (default https://api.shutterstock.com)",
    "  Without these, the sign-in stored by shutterkit login is used (renewed as needed).",
    "",
    "Exit codes: 0 ok, 1 API error, 2 usage error, 3 authentication/permission, 4 not found,",
    "            5 rate limited, 6 network/timeout, 7 file or download error, 130 interrupted.",
    "",
    "Try it without an account: shutterkit demo",
  ].join("\n");

const commandHelp = (command: Command): string =>
  [
    `${command.summary}.`,
    "",
    "Usage:",
    ...command.usage.map((line) => `  shutterkit ${line}`),
    ...(command.help === undefined ? [] : ["", command.help]),
  ].join("\n");

const describeDebug = (event: DebugEvent): string => {
  switch (event.type) {
    case "request":
      return `→ ${event.method} ${event.url}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ""}`;
    case "response":
      return `← ${event.status} ${event.method} ${event.url} in ${event.durationMs} ms`;
    case "retry":
      return `↻ ${event.operationId}: ${event.reason}, retrying in ${Math.round(event.delayMs)} ms (retry ${event.attempt})`;
  }
};

/** Runs the CLI with `argv` (without the node and script paths); resolves to the exit code. */
export const main = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const line = (stream: Io["stdout"]) => (text: string) => {
    stream.write(text.endsWith("\n") ? text : `${text}\n`);
  };
  const print = line(io.stdout);
  const note = line(io.stderr);
  const errorContext: { -readonly [K in keyof ErrorContext]: ErrorContext[K] } = {
    auth: undefined,
    baseUrl: undefined,
    storedLogin: undefined,
  };

  const commandIndex = argv.findIndex((arg) => !arg.startsWith("-"));
  const command =
    commandIndex === -1 ? undefined : commands.find((candidate) => candidate.name === argv[commandIndex]);
  const rest =
    commandIndex === -1 ? [...argv] : [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];

  try {
    if (commandIndex !== -1 && command === undefined)
      throw new UsageError(`Unknown command "${argv[commandIndex]}". Run shutterkit --help for the list.`);
    let parsed: ReturnType<typeof parseArgs<{ options: ParseArgsOptionsConfig; allowPositionals: true }>>;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...globalOptions, ...command?.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      const hint = command === undefined ? "shutterkit --help" : `shutterkit ${command.name} --help`;
      throw new UsageError(`${error instanceof Error ? error.message : String(error)}\nSee: ${hint}`);
    }
    const { values, positionals } = parsed;
    if (values["version"] === true) {
      print(version());
      return ExitCode.Ok;
    }
    if (command === undefined) {
      if (values["help"] === true) {
        print(generalHelp());
        return ExitCode.Ok;
      }
      note(generalHelp());
      return ExitCode.Usage;
    }
    if (values["help"] === true) {
      print(commandHelp(command));
      return ExitCode.Ok;
    }

    const verbose = values["verbose"] === true;
    let client: ShutterstockClient | undefined;
    const showProgress = values["progress"] === true || io.stderr.isTTY === true;
    const credentialsPath = credentialsFile({ env: io.env, platform: process.platform });
    const context: CommandContext = {
      io,
      credentialsFile: credentialsPath,
      json: values["json"] === true,
      values,
      positionals,
      request: io.signal === undefined ? {} : { signal: io.signal },
      client: () => {
        if (client !== undefined) return client;
        const userAgent = `shutterkit-cli/${version()}`;
        // Credentials in the environment win; without them, the sign-in of `shutterkit login`.
        const session = storedSession(credentialsPath, io.env, userAgent);
        client = createClientFromEnv({
          env: io.env,
          userAgent,
          onDebug: (event) => {
            if (verbose || event.type === "retry") note(describeDebug(event));
          },
          ...session?.config,
        });
        errorContext.auth = client.config.credentials?.type;
        errorContext.storedLogin = session?.path;
        errorContext.baseUrl = client.config.baseUrl.origin;
        return client;
      },
      print,
      note,
      progress: (label) => (showProgress ? progressBar(io.stderr, label) : noProgress),
      resolvePath: (path) => resolve(io.cwd, path),
    };
    await command.run(context);
    return ExitCode.Ok;
  } catch (error) {
    if (io.signal?.aborted) {
      note("Interrupted.");
      return ExitCode.Interrupted;
    }
    const failure = describeFailure(error, errorContext);
    note(`${failure.exitCode === ExitCode.Usage ? "Usage error" : "Error"}: ${failure.message}`);
    return failure.exitCode;
  }
};
