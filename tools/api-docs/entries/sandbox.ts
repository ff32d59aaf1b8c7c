/**
 * A local, spec-faithful Shutterstock API v2 with a generated catalog: `createSandbox()` is a fetch-standard handler that runs in any runtime.
 *
 * @module @shutterkit/sandbox
 * @document ../../../packages/sandbox/README.md
 */
export * from "../../../packages/sandbox/src/index.ts";
