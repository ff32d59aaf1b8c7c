// Streams a file to disk without ever leaving a partial file under the target name, by core's atomic
// download (a temporary file beside the target, flushed, then renamed; removed on any failure or
// abort) on Deno's file APIs, after checking the permissions it needs.
import { basename, dirname, join, resolve } from "node:path";
import type { CallOptions, ShutterstockClient } from "@shutterkit/core";
import { downloadImage } from "@shutterkit/core/images";
import {
  type DownloadFileSystem,
  type DownloadOptions,
  type DownloadResult,
  makeDownloadToFile,
  publicUrl,
} from "@shutterkit/core/wire";
import { DownloadError } from "./errors.ts";
import { requireNet, requireRead, requireWrite } from "./permissions.ts";

// Only asked when reading is already allowed, so looking never triggers a permission prompt.
const isDirectory = async (path: string): Promise<boolean> => {
  if (Deno.permissions.querySync({ name: "read", path }).state !== "granted") return false;
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
};

const denoFiles: DownloadFileSystem<Deno.FsFile> = {
  isDirectory,
  exists: (path) =>
    Deno.lstat(path).then(
      () => true,
      () => false,
    ),
  resolve,
  dirname,
  basename,
  makeDirectory: (path) => Deno.mkdir(path, { recursive: true }),
  createNew: (path) => Deno.open(path, { write: true, createNew: true, mode: 0o644 }),
  write: (file, chunk) => file.write(chunk),
  sync: (file) => file.sync(),
  close: async (file) => file.close(),
  rename: Deno.rename,
  link: Deno.link,
  remove: (path) => Deno.remove(path),
};

const atomicDownload = makeDownloadToFile({
  files: denoFiles,
  // Looked up on each call, so a replaced global `fetch` is the one used.
  fetch: (input, init) => globalThis.fetch(input, init),
  error: (failure) => new DownloadError(failure),
});

const isHttpUrl = (url: string | URL): boolean =>
  URL.canParse(url) && ["http:", "https:"].includes(new URL(url).protocol);

/**
 * Downloads `url` to `target` (a file path, or a directory, created when missing, to keep the
 * server's file name). Rejects with {@link DownloadError} (or MissingPermission without
 * `--allow-write`, `--allow-read` for the directory, or `--allow-net` for the host, which is not
 * checked when `options.fetch` is given); on any failure or abort no file is left behind and an
 * existing target is untouched.
 */
export const downloadToFile = async (
  url: string | URL,
  target: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> => {
  // The shared download rejects a URL it cannot fetch before touching anything.
  if (!isHttpUrl(url)) return atomicDownload(url, target, options);
  const targetIsDirectory = /[/\\]$/.test(target) || (await isDirectory(target));
  const directory = targetIsDirectory ? target : dirname(target);
  requireWrite(directory, "Downloading to a file");
  // Deno.rename and Deno.realPath need read access as well as write.
  requireRead(directory, "Downloading to a file");
  if (options.fetch === undefined) requireNet(new URL(url), "Downloading a file");

  let realDirectory: string;
  try {
    // Made here, not by the shared download, because Deno.realPath (which needs no access to the
    // working directory, unlike a relative resolve) wants the folder to exist.
    Deno.mkdirSync(directory, { recursive: true });
    realDirectory = Deno.realPathSync(directory);
  } catch (error) {
    throw new DownloadError({
      message: `Cannot write to ${directory}: ${error instanceof Error ? error.message : String(error)}`,
      reason: "WriteFailed",
      url: publicUrl(new URL(url)),
      path: target,
    });
  }
  return atomicDownload(
    url,
    targetIsDirectory ? join(realDirectory, "/") : join(realDirectory, basename(target)),
    options,
  );
};

export interface DownloadImageOptions extends DownloadOptions {
  /** Image size to download; the license decides which sizes are allowed. */
  readonly size?: "small" | "medium" | "huge" | "supersize" | "vector";
  /** Options of the API call that asks for the download URL. */
  readonly request?: Omit<CallOptions, "signal">;
}

/**
 * Asks the API for the download URL of a licensed image (`POST /v2/images/licenses/{id}/downloads`,
 * `licenses.view` scope) and streams it to `target` with {@link downloadToFile}.
 */
export const downloadLicensedImage = async (
  client: ShutterstockClient,
  licenseId: string,
  target: string,
  options: DownloadImageOptions = {},
): Promise<DownloadResult> => {
  const { size, request, ...download } = options;
  const { url } = await client.send(
    downloadImage,
    size === undefined ? {} : { size },
    { id: licenseId },
    { ...request, ...(options.signal === undefined ? {} : { signal: options.signal }) },
  );
  return downloadToFile(url, target, download);
};
