#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
/// <reference types="node" />
// shutterkit-sandbox: runs the sandbox on a local port and prints where it is and how to log in.
import { parseArgs } from "node:util";
import { createSandbox, startSandboxServer } from "./node.ts";
import { DATABASE_FILE, dataDirStore } from "./state/data-dir.ts";
import { SandboxStateError } from "./state/errors.ts";
import type { SandboxState } from "./state/model.ts";

const usage = `Usage: shutterkit-sandbox [--port 0] [--host 127.0.0.1] [--seed 1] [--data DIR] [--json]
       shutterkit-sandbox export --data DIR          print the state of DIR as JSON (a fixture)
       shutterkit-sandbox import --data DIR FILE     replace the state of DIR with FILE's

  --port   port to listen on (0 picks a free one; default 4010)
  --host   interface to bind (default 127.0.0.1)
  --seed   catalog seed (default 1)
  --data   directory where state is persisted across restarts (default: in memory)
  --json   print one JSON line { url, credentials } instead of text
`;

/** `export` and `import`: the state of a data directory as one JSON document, for fixtures. */
const transfer = async (command: "export" | "import", dir: string | undefined, file: string | undefined) => {
  if (dir === undefined || (command === "import" && file === undefined)) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  if (command === "export" && !existsSync(join(dir, DATABASE_FILE))) {
    // Checked before opening, which would create an empty database.
    throw new SandboxStateError(join(dir, DATABASE_FILE), "io", "does not exist; nothing to export");
  }
  const store = await dataDirStore(dir);
  if (command === "export") {
    const state = store.open(() => {
      throw new SandboxStateError(store.location, "io", "holds no sandbox state yet");
    });
    store.close();
    process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
    return;
  }
  const state = JSON.parse(readFileSync(file ?? "", "utf8")) as SandboxState;
  const sandbox = createSandbox({ seed: state.seed, store });
  try {
    await sandbox.ready;
    await sandbox.importState(state);
  } finally {
    await sandbox.close();
  }
  process.stderr.write(`imported ${file} into ${store.location}\n`);
};

const main = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "1" },
      data: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const [command, file] = positionals;
  if (command === "export" || command === "import") return transfer(command, values.data, file);
  if (command !== undefined) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const port = Number(values.port);
  const seed = Number(values.seed);
  if (!Number.isInteger(port) || port < 0 || port > 65_535 || !Number.isInteger(seed)) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  const server = await startSandboxServer({
    port,
    host: values.host,
    seed,
    warmVisualIndex: true,
    ...(values.data === undefined ? {} : { dataDir: values.data }),
  });
  const { clientId, clientSecret, accessToken } = server.credentials;
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ url: server.url, credentials: { clientId, clientSecret, accessToken } })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `shutterkit sandbox listening on ${server.url}`,
        `  API base URL:  ${server.url}/v2`,
        `  client id:     ${clientId}`,
        `  client secret: ${clientSecret}`,
        `  access token:  ${accessToken}`,
        `  (Basic auth with the client id and secret, or "Authorization: Bearer <access token>" for every scope)`,
        `  seed ${seed}${values.data === undefined ? ", state in memory" : `, state in ${values.data}`}; Ctrl+C to stop`,
        "",
      ].join("\n"),
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => {
        if (!values.json) process.stdout.write(`stopped (${signal})\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
};

main().catch((error: unknown) => {
  process.stderr.write(`shutterkit-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
