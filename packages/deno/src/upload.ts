// Image upload for computer vision from a path. The file is checked locally (exists, size, JPEG/PNG
// magic bytes, pixel size) so a file the API would refuse costs no request, and a 13 MB base64 body
// is never sent just to get a 413 back.
import type { CallOptions, ShutterstockClient } from "@shutterkit/core";
import { uploadImage } from "@shutterkit/core/computer-vision";
import {
  detectImageType,
  type ImageFile,
  type ImageFileOptions,
  imageSize,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_PIXELS,
} from "@shutterkit/core/wire";
import { FileError, type FileErrorReason } from "./errors.ts";
import { requireRead } from "./permissions.ts";

const fileError = (
  path: string,
  reason: FileErrorReason,
  message: string,
  extra: { size?: number; maxBytes?: number } = {},
) => new FileError({ path, reason, message: `${path}: ${message}`, ...extra });

const failedRead = (path: string, error: unknown): FileError =>
  error instanceof Deno.errors.NotFound
    ? fileError(path, "NotFound", "no such file")
    : fileError(
        path,
        "ReadFailed",
        `cannot read (${error instanceof Error ? error.message : String(error)})`,
      );

/**
 * Reads and checks an image file: size before reading it, then format and pixel size. Rejects with
 * {@link FileError} for anything the API would refuse, or MissingPermission without `--allow-read`.
 */
export const inspectImageFile = async (path: string, options: ImageFileOptions = {}): Promise<ImageFile> => {
  requireRead(path, "Reading an image file");
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const maxPixels = options.maxPixels ?? MAX_UPLOAD_PIXELS;
  const info = await Deno.stat(path).catch((error: unknown) => Promise.reject(failedRead(path, error)));
  if (!info.isFile) throw fileError(path, "NotAFile", "not a regular file");
  if (info.size === 0) throw fileError(path, "Empty", "the file is empty", { size: 0 });
  if (info.size > maxBytes) {
    throw fileError(path, "TooLarge", `${info.size} bytes is over the ${maxBytes}-byte limit`, {
      size: info.size,
      maxBytes,
    });
  }
  const bytes = await Deno.readFile(path).catch((error: unknown) => Promise.reject(failedRead(path, error)));
  const type = detectImageType(bytes);
  if (type === undefined) {
    throw fileError(path, "UnsupportedType", "not a JPEG or PNG image", { size: bytes.length });
  }
  const dimensions = imageSize(bytes, type);
  if (dimensions !== undefined && Math.max(dimensions.width, dimensions.height) > maxPixels) {
    throw fileError(
      path,
      "TooLarge",
      `${dimensions.width}×${dimensions.height} pixels is over the ${maxPixels}-pixel limit`,
      { size: bytes.length },
    );
  }
  return { path, type, size: bytes.length, dimensions, bytes };
};

export interface UploadImageOptions extends ImageFileOptions, CallOptions {}

/**
 * Checks a JPEG/PNG file and uploads it for reverse image search; resolves to the upload id, to pass
 * as `asset_id` to `computerVision.getSimilarImages`, `getSimilarVideos` or `getKeywords`. Rejects
 * with {@link FileError} (nothing sent), MissingPermission, or the API's tagged errors.
 */
export const uploadImageFile = async (
  client: ShutterstockClient,
  path: string,
  options: UploadImageOptions = {},
): Promise<string> => {
  const { maxBytes, maxPixels, ...request } = options;
  const image = await inspectImageFile(path, {
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(maxPixels === undefined ? {} : { maxPixels }),
  });
  request.signal?.throwIfAborted();
  // The operation takes no parameters: `{}` keeps `request` in the options position.
  const result = await client.send(uploadImage, { base64_image: image.bytes.toBase64() }, {}, request);
  return result.upload_id;
};
