/**
 * `@shutterkit/sandbox`: a local, spec-faithful Shutterstock API v2 with a generated catalog, for
 * tests, demos and offline work. `createSandbox()` is a fetch-standard handler that runs in any
 * runtime; `@shutterkit/sandbox/node` adds an HTTP server (`startSandboxServer`).
 */
export { CATALOG_NOW, Catalog, type CatalogSize, DEFAULT_CATALOG_SIZE } from "./catalog/build.ts";
export type { FaultKind, FaultSpec } from "./faults/faults.ts";
export { createSandbox, type Dispatched, type Sandbox, type SandboxOptions } from "./sandbox.ts";
export { ALL_SCOPES, type SandboxCredentials } from "./server/auth.ts";
export { SandboxStateError, type SandboxStateProblem } from "./state/errors.ts";
export type { SandboxState } from "./state/model.ts";
export { memoryStore, type SandboxStore } from "./state/store.ts";
export type { SandboxStats } from "./stats.ts";
