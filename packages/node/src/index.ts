/**
 * `@shutterkit/node`: the shutterkit client for Node.js. Everything from `@shutterkit/core`, plus
 * configuration from environment variables, image upload from a path, and atomic downloads.
 */
export * from "@shutterkit/core";
export { type DownloadOptions, type DownloadResult, publicUrl } from "./download.ts";
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
export { detectImageType, type ImageSize, type ImageType, imageSize } from "./image.ts";
export {
  type ImageFile,
  type ImageFileOptions,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_PIXELS,
  readImageFile,
  uploadImage,
} from "./upload.ts";
