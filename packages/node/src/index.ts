/**
 * `@shutterkit/node`: the shutterkit client for Node.js. Everything from `@shutterkit/core`, plus
 * configuration from environment variables, image upload from a path, atomic downloads, and a
 * `fetch` on undici's own fetch over a tuned Agent that these use by default.
 */
// First, so every schema compiles before its first use.
import "./schema-jit.ts";

export * from "@shutterkit/core";
// The file and download types its helpers take and give, from core's wire module.
export type { DownloadOptions, DownloadResult, ImageFile, ImageFileOptions } from "@shutterkit/core/wire";
// Shadow core's star-exported constructors: same signatures, Node transport by default.
export { createClient, createShutterstock, layer, withNodeFetch } from "./client.ts";
export {
  configFromEnv,
  createClientFromEnv,
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
// The Effect upload from a path is `Files.uploadImage`: the name `uploadImage` is core's operation.
export { readImageFile } from "./upload.ts";
