/**
 * The client for Node.js: everything from `@shutterkit/core` (documented there), plus configuration from environment variables, image upload from a path and atomic downloads.
 *
 * @module @shutterkit/node
 * @document ../../../packages/node/README.md
 */
export * from "../../../packages/node/src/index.ts";
