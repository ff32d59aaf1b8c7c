// Errors of the Deno adapter. Names, reasons and fields match `@shutterkit/node`, so code that
// handles one handles the other. They are plain `Error` subclasses with a literal `_tag` (JSR keeps
// public types explicit, which rules out the Schema-built classes core uses): `instanceof` and
// `switch (error._tag)` both work. None of them ever holds a credential or a signed URL's query.
import type { DownloadFailureReason } from "@shutterkit/core/wire";

/** The environment variables the adapter reads, in the order an error message lists them. */
export const ENV_VARS = {
  token: "SHUTTERSTOCK_API_TOKEN",
  key: "SHUTTERSTOCK_API_KEY",
  secret: "SHUTTERSTOCK_API_SECRET",
  baseUrl: "SHUTTERSTOCK_BASE_URL",
  logLevel: "SHUTTERKIT_LOG",
} as const;

export type EnvironmentErrorReason =
  | "MissingCredentials"
  | "IncompleteCredentials"
  | "InvalidBaseUrl"
  | "InvalidLogLevel";

/**
 * The environment holds no usable credentials, only half of a key pair, or a malformed base URL.
 * `variables` names what to set or fix, so a CLI can print it as is. Never contains a secret.
 */
export class EnvironmentError extends Error {
  override readonly name: "EnvironmentError" = "EnvironmentError";
  readonly _tag: "EnvironmentError" = "EnvironmentError";
  readonly reason: EnvironmentErrorReason;
  readonly variables: ReadonlyArray<string>;

  constructor(props: {
    readonly message: string;
    readonly reason: EnvironmentErrorReason;
    readonly variables: ReadonlyArray<string>;
  }) {
    super(props.message);
    this.reason = props.reason;
    this.variables = props.variables;
  }
}

/** The Deno permissions the adapter may need. */
export type PermissionName = "env" | "net" | "read" | "write";

/**
 * The script lacks a Deno permission the call needs. Thrown before anything is read, sent or
 * written, instead of Deno's raw `NotCapable`, with a flag that grants it.
 */
export class MissingPermission extends Error {
  override readonly name: "MissingPermission" = "MissingPermission";
  readonly _tag: "MissingPermission" = "MissingPermission";
  readonly permission: PermissionName;
  /** The variable, host (with port) or path the permission was needed for. */
  readonly target: string;
  /** A flag that grants it, e.g. `--allow-env=SHUTTERSTOCK_API_TOKEN`. */
  readonly flag: string;

  constructor(props: {
    readonly message: string;
    readonly permission: PermissionName;
    readonly target: string;
    readonly flag: string;
  }) {
    super(props.message);
    this.permission = props.permission;
    this.target = props.target;
    this.flag = props.flag;
  }
}

export type FileErrorReason =
  | "NotFound"
  | "NotAFile"
  | "Empty"
  | "TooLarge"
  | "UnsupportedType"
  | "ReadFailed";

/** A local file could not be used: missing, not a regular file, empty, too large, or not a JPEG/PNG. */
export class FileError extends Error {
  override readonly name: "FileError" = "FileError";
  readonly _tag: "FileError" = "FileError";
  readonly path: string;
  readonly reason: FileErrorReason;
  readonly size: number | undefined;
  readonly maxBytes: number | undefined;

  constructor(props: {
    readonly message: string;
    readonly path: string;
    readonly reason: FileErrorReason;
    readonly size?: number;
    readonly maxBytes?: number;
  }) {
    super(props.message);
    this.path = props.path;
    this.reason = props.reason;
    this.size = props.size;
    this.maxBytes = props.maxBytes;
  }
}

/** Why a download failed: the shared download's reasons. */
export type DownloadErrorReason = DownloadFailureReason;

/**
 * A download did not complete. The target file is untouched: bytes go to a temporary file that is
 * renamed only once complete, and removed on any failure.
 */
export class DownloadError extends Error {
  override readonly name: "DownloadError" = "DownloadError";
  readonly _tag: "DownloadError" = "DownloadError";
  readonly reason: DownloadErrorReason;
  /** The URL without its query string, which for signed URLs is a credential. */
  readonly url: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly received: number | undefined;
  readonly expected: number | undefined;

  constructor(props: {
    readonly message: string;
    readonly reason: DownloadErrorReason;
    readonly url: string;
    readonly path: string;
    readonly status?: number;
    readonly received?: number;
    readonly expected?: number;
  }) {
    super(props.message);
    this.reason = props.reason;
    this.url = props.url;
    this.path = props.path;
    this.status = props.status;
    this.received = props.received;
    this.expected = props.expected;
  }
}
