// The matrix's control calls (scripts/control-call.ts) go on working after this process's event loop
// was blocked for longer than the sandbox's keep-alive timeout (6 s) while the sandbox served from
// this very process: the case that once failed with `read ECONNRESET`.
import { spawnSync } from "node:child_process";
import { startSandboxServer } from "@shutterkit/sandbox/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sandboxControlCall } from "../scripts/control-call.ts";

let sandbox: Awaited<ReturnType<typeof startSandboxServer>>;
beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, host: "127.0.0.1", seed: 1 });
});
afterAll(() => sandbox.close());

it("clears faults and resets after the event loop was blocked past the keep-alive timeout", async () => {
  const control = sandboxControlCall(sandbox.url);
  await control("DELETE", "/sandbox/faults");
  await control("POST", "/sandbox/reset");
  // A synchronous child process, as an install step would be: no timer of this process runs meanwhile.
  spawnSync("sleep", ["7"]);
  await expect(control("DELETE", "/sandbox/faults")).resolves.toBeUndefined();
  await expect(control("POST", "/sandbox/reset")).resolves.toBeUndefined();
});
