// Image upload for computer vision from a path: the file is checked locally (exists, size, JPEG/PNG
// magic bytes, pixel size) so a bad file costs no request.
import { readFile, stat } from "node:fs/promises";
import { Shutterstock, type ShutterstockError } from "@shutterkit/core";
import { uploadImage as uploadImageOperation } from "@shutterkit/core/computer-vision";
import {
  detectImageType,
  errorCodeOf,
  type ImageFile,
  type ImageFileOptions,
  imageSize,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_PIXELS,
} from "@shutterkit/core/wire";
import { Effect } from "effect";
import { FileError } from "./errors.ts";

const fileError = (path: string, reason: FileError["reason"], message: string, extra: object = {}) =>
  new FileError({ path, reason, message: `${path}: ${message}`, ...extra });

/** Reads and checks an image file; fails with {@link FileError} for anything the API would refuse. */
export const readImageFile = (
  path: string,
  options: ImageFileOptions = {},
): Effect.Effect<ImageFile, FileError> =>
  Effect.gen(function* () {
    const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
    const maxPixels = options.maxPixels ?? MAX_UPLOAD_PIXELS;
    const info = yield* Effect.tryPromise({
      try: () => stat(path),
      catch: (error) =>
        errorCodeOf(error) === "ENOENT"
          ? fileError(path, "NotFound", "no such file")
          : fileError(path, "ReadFailed", `cannot read (${errorCodeOf(error) ?? String(error)})`),
    });
    if (!info.isFile()) return yield* fileError(path, "NotAFile", "not a regular file");
    if (info.size === 0) return yield* fileError(path, "Empty", "the file is empty", { size: 0 });
    if (info.size > maxBytes)
      return yield* fileError(path, "TooLarge", `${info.size} bytes is over the ${maxBytes}-byte limit`, {
        size: info.size,
        maxBytes,
      });
    const bytes = yield* Effect.tryPromise({
      try: () => readFile(path),
      catch: (error) => fileError(path, "ReadFailed", `cannot read (${errorCodeOf(error) ?? String(error)})`),
    });
    const type = detectImageType(bytes);
    if (type === undefined)
      return yield* fileError(path, "UnsupportedType", "not a JPEG or PNG image", { size: bytes.length });
    const dimensions = imageSize(bytes, type);
    if (dimensions !== undefined && Math.max(dimensions.width, dimensions.height) > maxPixels)
      return yield* fileError(
        path,
        "TooLarge",
        `${dimensions.width}×${dimensions.height} pixels is over the ${maxPixels}-pixel limit`,
        { size: bytes.length },
      );
    return { path, type, size: bytes.length, dimensions, bytes: new Uint8Array(bytes) };
  });

/**
 * Uploads a JPEG or PNG for reverse image search and returns its upload id, to pass as `asset_id`
 * to `getSimilarImages`, `getSimilarVideos` or `getKeywords`. The file is checked first; nothing is
 * sent for a file the API would refuse.
 */
export const uploadImage = (
  path: string,
  options: ImageFileOptions = {},
): Effect.Effect<string, FileError | ShutterstockError, Shutterstock> =>
  Effect.gen(function* () {
    const image = yield* readImageFile(path, options);
    const base64 = Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength).toString(
      "base64",
    );
    const result = yield* Shutterstock.send(uploadImageOperation, { base64_image: base64 });
    return result.upload_id;
  });
