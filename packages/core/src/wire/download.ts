// The atomic download the Node and Deno adapters share: bytes go to a hidden temporary file beside
// the target (so the final rename stays on one file system and is atomic), flushed to disk, then
// renamed only once complete and of the announced length; on any failure or abort the temporary
// file is removed and an existing target is left as it was. The platform brings its file operations.

import { errorCodeOf } from "./error-code.ts";
import {
  announcedLength,
  type DownloadOptions,
  type DownloadResult,
  fileNameFromDisposition,
  fileNameFromUrl,
  safeFileName,
} from "./files.ts";
import { publicUrl } from "./redact.ts";

/** The file operations a download needs, on handles of the platform's own open files. */
export interface DownloadFileSystem<Handle> {
  /** Whether `path` is an existing directory; false when it is not or cannot be told. Never throws. */
  readonly isDirectory: (path: string) => Promise<boolean>;
  /** Whether anything, even a dangling link, stands at `path`. Never throws. */
  readonly exists: (path: string) => Promise<boolean>;
  /** The absolute path the segments name, as `path.resolve` does. */
  readonly resolve: (...segments: ReadonlyArray<string>) => string;
  readonly dirname: (path: string) => string;
  readonly basename: (path: string) => string;
  /** Creates the directory and its missing parents; succeeds when it already exists. */
  readonly makeDirectory: (path: string) => Promise<void>;
  /** Creates and opens a new file for writing (mode 0o644), failing when `path` exists. */
  readonly createNew: (path: string) => Promise<Handle>;
  /** Writes from the start of `chunk`; resolves to how many bytes were written. */
  readonly write: (handle: Handle, chunk: Uint8Array) => Promise<number>;
  /** Flushes the file's bytes to the disk. */
  readonly sync: (handle: Handle) => Promise<void>;
  readonly close: (handle: Handle) => Promise<void>;
  /** Moves `from` to `to`, replacing a file at `to`. */
  readonly rename: (from: string, to: string) => Promise<void>;
  /** Makes `to` a hard link to `from`; fails with code `EEXIST` when `to` exists. */
  readonly link: (from: string, to: string) => Promise<void>;
  readonly remove: (path: string) => Promise<void>;
}

export type DownloadFailureReason =
  | "InvalidUrl"
  | "HttpStatus"
  | "Network"
  | "SizeMismatch"
  | "Aborted"
  | "TargetExists"
  | "WriteFailed";

/** What a failed download reports; each adapter makes its own `DownloadError` of it. */
export interface DownloadFailure {
  readonly message: string;
  readonly reason: DownloadFailureReason;
  /** The URL without its query string, which for signed URLs is a credential. */
  readonly url: string;
  readonly path: string;
  readonly status?: number;
  readonly received?: number;
  readonly expected?: number;
}

export interface DownloadPlatform<Handle> {
  readonly files: DownloadFileSystem<Handle>;
  /** The `fetch` used when the call gives none. */
  readonly fetch: typeof globalThis.fetch;
  /** The error a failure rejects with. */
  readonly error: (failure: DownloadFailure) => Error;
}

/** Where a failure came from, to tell a broken connection (Network) from a disk error (WriteFailed). */
class SideFailure {
  readonly side: "network" | "disk";
  readonly error: unknown;
  constructor(side: "network" | "disk", error: unknown) {
    this.side = side;
    this.error = error;
  }
}

const onSide =
  (side: "network" | "disk") =>
  (error: unknown): never => {
    throw new SideFailure(side, error);
  };

const describe = (error: unknown): string =>
  errorCodeOf(error, { maxDepth: 4 }) ?? (error instanceof Error ? error.message : String(error));

const cancel = (body: ReadableStream<Uint8Array> | null) => body?.cancel().catch(() => undefined);

/**
 * The adapters' `downloadToFile` on `platform`: downloads `url` to `target` (a file path, or a
 * directory, named so by a trailing separator or by existing, to keep the server's file name;
 * missing folders are created). Rejects with `platform.error` of a {@link DownloadFailure}.
 */
export const makeDownloadToFile =
  <Handle>(platform: DownloadPlatform<Handle>) =>
  async (url: string | URL, target: string, options: DownloadOptions = {}): Promise<DownloadResult> => {
    const { files } = platform;
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:"))
      throw platform.error({
        message:
          parsed === undefined
            ? "Not a valid URL"
            : `Only http(s) URLs can be downloaded, not ${parsed.protocol}`,
        reason: "InvalidUrl",
        url: parsed === undefined ? "" : publicUrl(parsed),
        path: target,
      });
    const shownUrl = publicUrl(parsed);
    const { signal } = options;
    const overwrite = options.overwrite ?? true;
    const targetIsDirectory = /[/\\]$/.test(target) || (await files.isDirectory(target));
    let destination = files.resolve(target);
    const failures = new WeakSet<object>();
    const fail = (reason: DownloadFailureReason, message: string, extra: object = {}): Error => {
      const error = platform.error({ message, reason, url: shownUrl, path: destination, ...extra });
      failures.add(error);
      return error;
    };

    if (signal?.aborted) throw fail("Aborted", "Download aborted before it started");
    if (!targetIsDirectory && !overwrite && (await files.exists(destination)))
      throw fail("TargetExists", `${destination} already exists`);

    let response: Response;
    try {
      response = await (options.fetch ?? platform.fetch)(parsed, {
        // Content-Length must describe the bytes we count, so ask for no transfer compression.
        headers: { "accept-encoding": "identity", ...options.headers },
        redirect: "follow",
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (signal?.aborted) throw fail("Aborted", "Download aborted");
      throw fail("Network", `Could not reach ${shownUrl}: ${describe(error)}`);
    }
    const { body } = response;
    // A success without a body (204) has no file to give.
    if (!response.ok || body === null) {
      await cancel(body);
      throw fail("HttpStatus", `${shownUrl} answered ${response.status} ${response.statusText}`.trim(), {
        status: response.status,
      });
    }
    if (targetIsDirectory) {
      const name =
        fileNameFromDisposition(response.headers.get("content-disposition")) ?? fileNameFromUrl(parsed);
      destination = files.resolve(target, safeFileName(files.basename(name ?? "download")));
      if (!overwrite && (await files.exists(destination))) {
        await cancel(body);
        throw fail("TargetExists", `${destination} already exists`);
      }
    }

    const folder = files.dirname(destination);
    try {
      // A target such as `downloads/` or `out/images/a.jpg` gets its folders, as `curl --create-dirs` does.
      await files.makeDirectory(folder);
    } catch (error) {
      await cancel(body);
      throw fail("WriteFailed", `Could not create ${folder}: ${describe(error)}`);
    }
    const total = announcedLength(response.headers);
    const contentType = response.headers.get("content-type") ?? undefined;
    const temporary = files.resolve(
      folder,
      `.${files.basename(destination)}.${crypto.randomUUID().slice(0, 8)}.part`,
    );
    let received = 0;
    const report = () => {
      try {
        options.onProgress?.(received, total);
      } catch {
        // A failing progress callback must not corrupt the download.
      }
    };

    const reader = body.getReader();
    // A `fetch` that ignores the signal would leave the read pending: cancelling ends it.
    const stopReading = () => void reader.cancel().catch(() => undefined);
    signal?.addEventListener("abort", stopReading, { once: true });
    // Only a temporary file this call created is removed, never one that happened to share its name.
    let file: { readonly handle: Handle; open: boolean } | undefined;
    try {
      file = { handle: await files.createNew(temporary).catch(onSide("disk")), open: true };
      const { handle } = file;
      report();
      for (;;) {
        const { done, value } = await reader.read().catch(onSide("network"));
        if (done) break;
        for (let written = 0; written < value.byteLength; ) {
          const count = await files.write(handle, value.subarray(written)).catch(onSide("disk"));
          if (count <= 0) onSide("disk")(new Error("the file system accepted no bytes"));
          written += count;
        }
        received += value.byteLength;
        report();
      }
      signal?.throwIfAborted();
      if (total !== undefined && received !== total)
        throw fail("SizeMismatch", `Received ${received} of ${total} bytes from ${shownUrl}`, {
          received,
          expected: total,
        });
      try {
        // Flushed before the rename, so a crash cannot leave a complete name with missing bytes.
        await files.sync(handle);
        file.open = false;
        await files.close(handle);
        if (overwrite) await files.rename(temporary, destination);
        else {
          // link() refuses to replace an existing file, closing the race a check-then-rename would leave.
          await files.link(temporary, destination);
          await files.remove(temporary).catch(() => undefined);
        }
      } catch (error) {
        if (errorCodeOf(error, { maxDepth: 4 }) === "EEXIST")
          throw fail("TargetExists", `${destination} already exists`);
        onSide("disk")(error);
      }
      return { path: destination, bytes: received, contentType };
    } catch (error) {
      if (file?.open === true) await files.close(file.handle).catch(() => undefined);
      if (file !== undefined) await files.remove(temporary).catch(() => undefined);
      await reader.cancel().catch(() => undefined);
      if (typeof error === "object" && error !== null && failures.has(error)) throw error;
      const expected = total === undefined ? {} : { expected: total };
      if (signal?.aborted)
        throw fail("Aborted", `Download aborted after ${received} bytes`, { received, ...expected });
      const failure = error instanceof SideFailure ? error : new SideFailure("network", error);
      if (failure.side === "disk")
        throw fail("WriteFailed", `Could not write ${destination}: ${describe(failure.error)}`, {
          received,
          ...expected,
        });
      throw fail(
        "Network",
        `Connection to ${shownUrl} broke after ${received}${total === undefined ? "" : ` of ${total}`} bytes`,
        { received, ...expected },
      );
    } finally {
      signal?.removeEventListener("abort", stopReading);
    }
  };
