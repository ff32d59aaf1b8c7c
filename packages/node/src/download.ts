// Streams a licensed asset to disk without ever leaving a partial file under the target name, by
// core's atomic download (a temporary file beside the target, flushed, then renamed) on node:fs.
import { link, lstat, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import {
  type DownloadFileSystem,
  type DownloadOptions,
  type DownloadResult,
  makeDownloadToFile,
  publicUrl,
} from "@shutterkit/core/wire";
import { Effect } from "effect";
import { DownloadError } from "./errors.ts";
import { nodeFetch } from "./transport.ts";

type FileHandle = Awaited<ReturnType<typeof open>>;

const nodeFiles: DownloadFileSystem<FileHandle> = {
  isDirectory: (path) =>
    stat(path).then(
      (info) => info.isDirectory(),
      () => false,
    ),
  exists: (path) =>
    lstat(path).then(
      () => true,
      () => false,
    ),
  resolve,
  dirname,
  basename,
  makeDirectory: async (path) => void (await mkdir(path, { recursive: true })),
  createNew: (path) => open(path, "wx", 0o644),
  write: async (handle, chunk) => (await handle.write(chunk)).bytesWritten,
  sync: (handle) => handle.sync(),
  close: (handle) => handle.close(),
  rename,
  link,
  remove: unlink,
};

const atomicDownload = makeDownloadToFile({
  files: nodeFiles,
  fetch: nodeFetch,
  error: (failure) => new DownloadError(failure),
});

/**
 * Downloads `url` to `target` (a file path, or an existing directory to keep the server's file
 * name). Rejects with {@link DownloadError}; on any failure or abort no file is left behind.
 * Requests go through `options.fetch`, or the adapter's shared {@link nodeFetch}.
 */
export const downloadToFile = (
  url: string | URL,
  target: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> => atomicDownload(url, target, options);

/** {@link downloadToFile} as an Effect; interrupting the fiber aborts the download and cleans up. */
export const download = (
  url: string | URL,
  target: string,
  options: DownloadOptions = {},
): Effect.Effect<DownloadResult, DownloadError> =>
  Effect.tryPromise({
    try: (signal) =>
      downloadToFile(url, target, {
        ...options,
        signal: options.signal === undefined ? signal : AbortSignal.any([signal, options.signal]),
      }),
    catch: (error) =>
      error instanceof DownloadError
        ? error
        : new DownloadError({
            message: String(error),
            reason: "Network",
            url: URL.canParse(url) ? publicUrl(new URL(url)) : "",
            path: target,
          }),
  });
