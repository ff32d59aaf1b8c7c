/**
 * The sandbox on a Node HTTP server (`startSandboxServer`), with persistence and connection-level faults.
 *
 * @module @shutterkit/sandbox/node
 */
export * from "../../../packages/sandbox/src/node.ts";
