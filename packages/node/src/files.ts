// The file helpers for Promise code, next to their Effect forms in `Files`.
import { Shutterstock, type ShutterstockService } from "@shutterkit/core";
import type { ImageFile, ImageFileOptions } from "@shutterkit/core/wire";
import { Effect } from "effect";
import { download, downloadToFile } from "./download.ts";
import { readImageFile, uploadImage } from "./upload.ts";

export interface UploadImageOptions extends ImageFileOptions {
  readonly signal?: AbortSignal;
}

/**
 * Checks a JPEG/PNG file and uploads it for reverse image search; resolves to the upload id.
 * Rejects with `FileError` (nothing sent) or the API's tagged errors.
 */
export const uploadImageFile = (
  client: { readonly service: ShutterstockService },
  path: string,
  options: UploadImageOptions = {},
): Promise<string> => {
  const { signal, ...checks } = options;
  return Effect.runPromise(
    Effect.provideService(uploadImage(path, checks), Shutterstock, client.service),
    signal === undefined ? undefined : { signal },
  );
};

/** Reads and checks an image file (size, JPEG/PNG magic bytes, pixel size); rejects with `FileError`. */
export const inspectImageFile = (path: string, options: ImageFileOptions = {}): Promise<ImageFile> =>
  Effect.runPromise(readImageFile(path, options));

/** The Effect forms of the file helpers. */
export const Files = {
  /** Reads and checks an image file. */
  readImage: readImageFile,
  /** Uploads a checked image for computer vision; succeeds with the upload id. */
  uploadImage,
  /** Streams a URL to a file atomically; interruption aborts and cleans up. */
  download,
} as const;

export { downloadToFile };
