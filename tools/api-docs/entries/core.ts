/**
 * Every Shutterstock API v2 operation as a typed Effect program with typed errors, retries and pagination, plus a Promise client of the same shape (`createShutterstock`). Isomorphic: it needs only `fetch`.
 *
 * @module @shutterkit/core
 * @document ../../../packages/core/README.md
 */
export * from "../../../packages/core/src/index.ts";
