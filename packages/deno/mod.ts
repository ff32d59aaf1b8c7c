/**
 * `@shutterkit/deno`: the shutterkit Shutterstock API client for Deno. Everything from
 * `@shutterkit/core` (the Promise client, the Effect API, the typed errors such as `NotFound`), plus
 * configuration from `Deno.env` with clear permission errors, image upload from a path, and
 * streaming downloads that never leave a partial file, on Deno's own APIs.
 *
 * ```ts
 * import { createClientFromEnv, getSimilarImages, uploadImageFile } from "@shutterkit/deno";
 *
 * const client = createClientFromEnv();
 * const uploadId = await uploadImageFile(client, "./photo.jpg");
 * const similar = await client.send(getSimilarImages, { asset_id: uploadId, per_page: 5 });
 * ```
 *
 * @module
 */
export * from "@shutterkit/core";
export type { DownloadOptions, DownloadResult, ImageFile, ImageFileOptions } from "@shutterkit/core/wire";
export {
  type DownloadImageOptions,
  downloadLicensedImage,
  downloadToFile,
} from "./src/download.ts";
export {
  configFromEnv,
  createClientFromEnv,
  createShutterstockFromEnv,
  type EnvOverrides,
  readEnvConfig,
  ShutterstockDeno,
} from "./src/env.ts";
export {
  DownloadError,
  type DownloadErrorReason,
  ENV_VARS,
  EnvironmentError,
  type EnvironmentErrorReason,
  FileError,
  type FileErrorReason,
  MissingPermission,
  type PermissionName,
} from "./src/errors.ts";
export {
  inspectImageFile,
  type UploadImageOptions,
  uploadImageFile,
} from "./src/upload.ts";
