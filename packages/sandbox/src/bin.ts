#!/usr/bin/env node
/// <reference types="node" />
// shutterkit-sandbox: runs the sandbox on a local port and prints where it is and how to log in.
import { parseArgs } from "node:util";
import { startSandboxServer } from "./node.ts";

const usage = `Usage: shutterkit-sandbox [--port 0] [--host 127.0.0.1] [--seed 1] [--data DIR] [--json]

  --port   port to listen on (0 picks a free one; default 4010)
  --host   interface to bind (default 127.0.0.1)
  --seed   catalog seed (default 1)
  --data   directory where state is persisted across restarts (default: in memory)
  --json   print one JSON line { url, credentials } instead of text
`;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "1" },
      data: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
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
