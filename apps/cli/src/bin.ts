#!/usr/bin/env node
// The executable: real streams and environment, Ctrl-C aborts the running command (a second one
// exits at once).
import { processIo } from "./io.ts";
import { main } from "./main.ts";

const controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

process.exitCode = await main(process.argv.slice(2), processIo(controller.signal));
