// Streams a file to disk without ever leaving a partial file under the target name, as the Node
// adapter does: bytes go to a hidden temporary file in the same directory (so the final rename stays
// on one file system and is atomic), which is renamed only once complete and of the announced length,
// and removed on any failure or abort.
import { basename, dirname, join } from "node:path";
import type { CallOptions, ShutterstockClient } from "@shutterkit/core";
import { downloadImage } from "@shutterkit/core/images";
import {
  announcedLength,
  type DownloadOptions,
  type DownloadResult,
  fileNameFromDisposition,
  fileNameFromUrl,
  publicUrl,
  safeFileName,
} from "@shutterkit/core/wire";
import { DownloadError, type DownloadErrorReason } from "./errors.ts";
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

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const writeAll = async (file: Deno.FsFile, chunk: Uint8Array): Promise<void> => {
  let written = 0;
  while (written < chunk.byteLength) written += await file.write(chunk.subarray(written));
};

/** Where a failure came from, to tell a broken connection (Network) from a disk error (WriteFailed). */
class Failure {
  readonly side: "network" | "disk";
  readonly error: unknown;
  constructor(side: "network" | "disk", error: unknown) {
    this.side = side;
    this.error = error;
  }
}

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
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new DownloadError({
      message:
        parsed === undefined
          ? "Not a valid URL"
          : `Only http(s) URLs can be downloaded, not ${parsed.protocol}`,
      reason: "InvalidUrl",
      url: parsed === undefined ? "" : publicUrl(parsed),
      path: target,
    });
  }
  const shownUrl = publicUrl(parsed);
  const overwrite = options.overwrite ?? true;
  const targetIsDirectory = /[/\\]$/.test(target) || (await isDirectory(target));
  const directory = targetIsDirectory ? target : dirname(target);
  requireWrite(directory, "Downloading to a file");
  // Deno.rename and Deno.realPath need read access as well as write.
  requireRead(directory, "Downloading to a file");
  if (options.fetch === undefined) requireNet(parsed, "Downloading a file");

  let realDirectory: string;
  try {
    // A target such as `downloads/` or `out/images/a.jpg` gets its folders, as `curl --create-dirs` does.
    Deno.mkdirSync(directory, { recursive: true });
    realDirectory = Deno.realPathSync(directory);
  } catch (error) {
    throw new DownloadError({
      message: `Cannot write to ${directory}: ${describe(error)}`,
      reason: "WriteFailed",
      url: shownUrl,
      path: target,
    });
  }
  let destination = targetIsDirectory ? realDirectory : join(realDirectory, basename(target));
  const fail = (reason: DownloadErrorReason, message: string, extra: object = {}): DownloadError =>
    new DownloadError({ message, reason, url: shownUrl, path: destination, ...extra });
  const exists = async (path: string) => (await Deno.lstat(path).catch(() => undefined)) !== undefined;

  const { signal } = options;
  if (signal?.aborted) throw fail("Aborted", "Download aborted before it started");
  if (!targetIsDirectory && !overwrite && (await exists(destination))) {
    throw fail("TargetExists", `${destination} already exists`);
  }

  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch)(parsed, {
      // Content-Length must describe the bytes we count, so ask for no transfer compression.
      headers: { "accept-encoding": "identity", ...options.headers },
      redirect: "follow",
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (signal?.aborted) throw fail("Aborted", "Download aborted");
    throw fail("Network", `Could not reach ${shownUrl}: ${describe(error)}`);
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    throw fail("HttpStatus", `${shownUrl} answered ${response.status} ${response.statusText}`.trim(), {
      status: response.status,
    });
  }
  if (targetIsDirectory) {
    const name =
      fileNameFromDisposition(response.headers.get("content-disposition")) ?? fileNameFromUrl(parsed);
    destination = join(realDirectory, safeFileName(basename(name ?? "download")));
    if (!overwrite && (await exists(destination))) {
      await response.body.cancel().catch(() => undefined);
      throw fail("TargetExists", `${destination} already exists`);
    }
  }

  const total = announcedLength(response.headers);
  const contentType = response.headers.get("content-type") ?? undefined;
  const temporary = join(realDirectory, `.${basename(destination)}.${crypto.randomUUID().slice(0, 8)}.part`);
  let received = 0;
  const report = () => {
    try {
      options.onProgress?.(received, total);
    } catch {
      // A failing progress callback must not corrupt the download.
    }
  };

  const reader = response.body.getReader();
  let openFile: Deno.FsFile | undefined;
  // Only a temporary file this call created is removed, never one that happened to share its name.
  let created = false;
  try {
    const file = await Deno.open(temporary, { write: true, createNew: true, mode: 0o644 }).catch(
      (error: unknown) => Promise.reject(new Failure("disk", error)),
    );
    openFile = file;
    created = true;
    report();
    for (;;) {
      const { done, value } = await reader
        .read()
        .catch((error: unknown) => Promise.reject(new Failure("network", error)));
      if (done) break;
      await writeAll(file, value).catch((error: unknown) => Promise.reject(new Failure("disk", error)));
      received += value.byteLength;
      report();
    }
    if (total !== undefined && received !== total) {
      throw fail("SizeMismatch", `Received ${received} of ${total} bytes from ${shownUrl}`, {
        received,
        expected: total,
      });
    }
    signal?.throwIfAborted();
    try {
      // Flushed before the rename, so a crash cannot leave a complete name with missing bytes.
      await file.sync();
      file.close();
      openFile = undefined;
      if (overwrite) await Deno.rename(temporary, destination);
      else {
        // link() refuses to replace an existing file, closing the race a stat-then-rename would leave.
        await Deno.link(temporary, destination);
        await Deno.remove(temporary).catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof Deno.errors.AlreadyExists)
        throw fail("TargetExists", `${destination} already exists`);
      throw new Failure("disk", error);
    }
    return { path: destination, bytes: received, contentType };
  } catch (error) {
    openFile?.close();
    if (created) await Deno.remove(temporary).catch(() => undefined);
    await reader.cancel().catch(() => undefined);
    if (error instanceof DownloadError) throw error;
    const expected = total === undefined ? {} : { expected: total };
    if (signal?.aborted)
      throw fail("Aborted", `Download aborted after ${received} bytes`, { received, ...expected });
    const failure = error instanceof Failure ? error : new Failure("network", error);
    if (failure.side === "disk") {
      throw fail("WriteFailed", `Could not write ${destination}: ${describe(failure.error)}`, {
        received,
        ...expected,
      });
    }
    throw fail(
      "Network",
      `Connection to ${shownUrl} broke after ${received}${total === undefined ? "" : ` of ${total}`} bytes`,
      { received, ...expected },
    );
  }
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
