// Streams a licensed asset to disk without ever leaving a partial file under the target name: bytes
// go to a hidden temporary file in the same directory (so the final rename stays on one file
// system and is atomic), which is renamed only once complete and of the announced length.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { link, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import {
  announcedLength,
  type DownloadOptions,
  type DownloadResult,
  errorCodeOf,
  fileNameFromDisposition,
  fileNameFromUrl,
  publicUrl,
  safeFileName,
} from "@shutterkit/core/wire";
import { Effect } from "effect";
import { DownloadError } from "./errors.ts";
import { nodeFetch } from "./transport.ts";

const isDirectory = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
};

const exists = async (path: string): Promise<boolean> => {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
};

const codeOf = (error: unknown): string | undefined => errorCodeOf(error, { maxDepth: 4 });

const removeQuietly = async (path: string) => {
  try {
    await unlink(path);
  } catch {
    // Already gone, or never created.
  }
};

/**
 * Downloads `url` to `target` (a file path, or an existing directory to keep the server's file
 * name). Rejects with {@link DownloadError}; on any failure or abort no file is left behind.
 * Requests go through `options.fetch`, or the adapter's shared {@link nodeFetch}.
 */
export const downloadToFile = async (
  url: string | URL,
  target: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError({
      message: "Not a valid URL",
      reason: "InvalidUrl",
      url: "",
      path: target,
    });
  }
  const shownUrl = publicUrl(parsed);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new DownloadError({
      message: `Only http(s) URLs can be downloaded, not ${parsed.protocol}`,
      reason: "InvalidUrl",
      url: shownUrl,
      path: target,
    });
  const overwrite = options.overwrite ?? true;
  const targetIsDirectory = target.endsWith("/") || target.endsWith("\\") || (await isDirectory(target));
  let destination = resolve(target);
  const fail = (reason: DownloadError["reason"], message: string, extra: object = {}): DownloadError =>
    new DownloadError({ message, reason, url: shownUrl, path: destination, ...extra });

  if (options.signal?.aborted) throw fail("Aborted", "Download aborted before it started");
  if (!targetIsDirectory && !overwrite && (await exists(destination)))
    throw fail("TargetExists", `${destination} already exists`);

  const doFetch = options.fetch ?? nodeFetch;
  let response: Response;
  try {
    response = await doFetch(parsed, {
      // Content-Length must describe the bytes we count, so ask for no transfer compression.
      headers: { "accept-encoding": "identity", ...options.headers },
      redirect: "follow",
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (options.signal?.aborted) throw fail("Aborted", "Download aborted");
    throw fail("Network", `Could not reach ${shownUrl}: ${codeOf(error) ?? String(error)}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw fail("HttpStatus", `${shownUrl} answered ${response.status} ${response.statusText}`.trim(), {
      status: response.status,
    });
  }

  if (targetIsDirectory) {
    const name =
      fileNameFromDisposition(response.headers.get("content-disposition")) ?? fileNameFromUrl(parsed);
    destination = join(resolve(target), safeFileName(basename(name ?? "download")));
    if (!overwrite && (await exists(destination))) {
      await response.body?.cancel().catch(() => undefined);
      throw fail("TargetExists", `${destination} already exists`);
    }
  }

  const total = announcedLength(response.headers);
  const contentType = response.headers.get("content-type") ?? undefined;
  try {
    // A target such as `downloads/` or `out/images/a.jpg` gets its folders, as `curl --create-dirs` does.
    await mkdir(dirname(destination), { recursive: true });
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    throw fail("WriteFailed", `Could not create ${dirname(destination)}: ${codeOf(error) ?? String(error)}`);
  }
  const temporary = join(
    dirname(destination),
    `.${basename(destination)}.${randomBytes(4).toString("hex")}.part`,
  );

  let received = 0;
  const report = () => {
    try {
      options.onProgress?.(received, total);
    } catch {
      // A failing progress callback must not corrupt the download.
    }
  };
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      report();
      callback(null, chunk);
    },
  });

  // pipeline() passes the first error to every stream, so the one that failed first tells disk
  // failures (WriteFailed) apart from a broken connection (Network).
  let firstFailure: { readonly side: "network" | "disk"; readonly error: unknown } | undefined;
  let finishing = false;
  const noteFailure = (side: "network" | "disk") => (error: unknown) => {
    firstFailure ??= { side, error };
  };
  try {
    report();
    const body =
      response.body === null
        ? Readable.from([])
        : // The DOM and node:stream/web typings of the same ReadableStream disagree on BYOB readers.
          Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
    body.once("error", noteFailure("network"));
    const file = createWriteStream(temporary, { flags: "wx", mode: 0o644 });
    file.once("error", noteFailure("disk"));
    await pipeline(body, counter, file, options.signal === undefined ? {} : { signal: options.signal });
    if (total !== undefined && received !== total)
      throw fail("SizeMismatch", `Received ${received} of ${total} bytes from ${shownUrl}`, {
        received,
        expected: total,
      });
    finishing = true;
    // Flushed to disk before the rename, so a crash cannot leave a complete name with missing bytes.
    const handle = await open(temporary, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (overwrite) await rename(temporary, destination);
    else {
      // link() refuses to replace an existing file, closing the race a stat-then-rename would leave.
      await link(temporary, destination);
      await removeQuietly(temporary);
    }
    return { path: destination, bytes: received, contentType };
  } catch (error) {
    await removeQuietly(temporary);
    if (error instanceof DownloadError) throw error;
    const expected = total === undefined ? {} : { expected: total };
    if (options.signal?.aborted)
      throw fail("Aborted", `Download aborted after ${received} bytes`, { received, ...expected });
    if (finishing && codeOf(error) === "EEXIST") throw fail("TargetExists", `${destination} already exists`);
    const diskError = finishing ? error : firstFailure?.side === "disk" ? firstFailure.error : undefined;
    if (diskError !== undefined)
      throw fail("WriteFailed", `Could not write ${destination}: ${codeOf(diskError) ?? String(diskError)}`, {
        received,
        ...expected,
      });
    throw fail(
      "Network",
      `Connection to ${shownUrl} broke after ${received}${total === undefined ? "" : ` of ${total}`} bytes`,
      { received, ...expected },
    );
  }
};

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
