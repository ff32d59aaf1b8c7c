// How to name, check and report a download: what the Node and Deno adapters share.

/** Keeps a server-chosen name usable on every file system and free of path separators. */
export const safeFileName = (name: string): string => {
  const cleaned = name.replace(/[/\\\0<>:"|?*]/g, "_").replace(/^\.+/, "");
  return cleaned.length === 0 ? "download" : cleaned.slice(0, 200);
};

/** The file name a `Content-Disposition` header gives, preferring the encoded `filename*`. */
export const fileNameFromDisposition = (header: string | null): string | undefined => {
  if (header === null) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header)?.[1];
  if (extended !== undefined) {
    try {
      return decodeURIComponent(extended.trim().replace(/^"|"$/g, ""));
    } catch {
      // A malformed encoded name falls back to the plain parameter.
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1]?.trim();
};

/** The last path segment of a URL, decoded, as a file name. */
export const fileNameFromUrl = (url: URL): string | undefined => {
  const last = url.pathname
    .split("/")
    .filter((part) => part.length > 0)
    .pop();
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
};

/** The body length a response announces; with a content encoding, Content-Length counts encoded bytes. */
export const announcedLength = (headers: Headers): number | undefined => {
  const length = headers.get("content-length");
  const encoding = headers.get("content-encoding");
  return length !== null && /^\d+$/.test(length) && (encoding === null || encoding === "identity")
    ? Number(length)
    : undefined;
};

/** Options of the adapters' `downloadToFile`. */
export interface DownloadOptions {
  /** Called as bytes arrive: bytes so far, and the total from `Content-Length` when the server sent it. */
  readonly onProgress?: (received: number, total: number | undefined) => void;
  /** Aborts the download; the temporary file is removed and the target left as it was. */
  readonly signal?: AbortSignal;
  /** Replace an existing file at the target. Default true; with false an existing file is an error. */
  readonly overwrite?: boolean;
  /** Extra request headers; signed download URLs need none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A `fetch` to use instead of the adapter's default (the global `fetch`; `nodeFetch` in `@shutterkit/node`). */
  readonly fetch?: typeof globalThis.fetch;
}

export interface DownloadResult {
  /** Absolute path of the written file. */
  readonly path: string;
  readonly bytes: number;
  readonly contentType: string | undefined;
}
