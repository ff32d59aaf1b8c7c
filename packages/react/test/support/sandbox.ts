import { type SandboxServer, startSandboxServer } from "@shutterkit/sandbox/node";
import { afterAll, beforeAll } from "vitest";

/**
 * One sandbox per test file, started before its tests and closed after them. The seed is fixed so
 * the generated catalog (and so every search total and similarity ranking) is the same each run.
 */
export const sandboxPerFile = (seed = 1): { readonly current: SandboxServer } => {
  const holder: { current: SandboxServer | undefined } = { current: undefined };
  beforeAll(async () => {
    holder.current = await startSandboxServer({ host: "127.0.0.1", port: 0, seed });
  });
  afterAll(() => holder.current?.close());
  return {
    get current(): SandboxServer {
      if (holder.current === undefined) throw new Error("the sandbox starts in beforeAll");
      return holder.current;
    },
  };
};

/** How many requests for `operationId` the sandbox has received so far. */
export const requestsFor = (server: SandboxServer, operationId: string): number =>
  server.sandbox.stats().byOperation[operationId] ?? 0;
