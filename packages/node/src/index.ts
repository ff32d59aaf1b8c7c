/**
 * `@shutterkit/node`: the shutterkit client for Node.js. Everything from `@shutterkit/core`, plus
 * configuration from environment variables, image upload from a path, atomic downloads, and a
 * `fetch` built on undici's dispatcher that these use by default.
 */
export * from "@shutterkit/core";
// Shadows core's star-exported constructor: same signature, Node transport by default.
export { createShutterstock } from "./client.ts";
export {
  configFromEnv,
  createShutterstockFromEnv,
  type EnvOverrides,
  type EnvSettings,
  envSettings,
  readEnvConfig,
  ShutterstockNode,
  settingsToConfig,
} from "./env.ts";
export * from "./errors.ts";
export {
  downloadToFile,
  Files,
  inspectImageFile,
  type UploadImageOptions,
  uploadImageFile,
} from "./files.ts";
export {
  createNodeFetch,
  type NodeFetch,
  type NodeFetchOptions,
  nodeFetch,
} from "./transport.ts";
export {
  readImageFile,
  uploadImage,
} from "./upload.ts";
