import { Schema } from "effect";

/** The environment variables the adapter reads, in the order an error message lists them. */
export const ENV_VARS = {
  token: "SHUTTERSTOCK_API_TOKEN",
  key: "SHUTTERSTOCK_API_KEY",
  secret: "SHUTTERSTOCK_API_SECRET",
  baseUrl: "SHUTTERSTOCK_BASE_URL",
  logLevel: "SHUTTERKIT_LOG",
} as const;

export const EnvironmentErrorReason = Schema.Literals([
  "MissingCredentials",
  "IncompleteCredentials",
  "InvalidBaseUrl",
  "InvalidLogLevel",
]);
export type EnvironmentErrorReason = typeof EnvironmentErrorReason.Type;

/**
 * The environment holds no usable credentials, only half of a key pair, or a malformed base URL.
 * `variables` names what to set or fix, so a CLI can print it as is. Never contains a secret.
 */
export class EnvironmentError extends Schema.TaggedError<EnvironmentError>()("EnvironmentError", {
  message: Schema.String,
  reason: EnvironmentErrorReason,
  variables: Schema.Array(Schema.String),
}) {}

export const FileErrorReason = Schema.Literals([
  "NotFound",
  "NotAFile",
  "Empty",
  "TooLarge",
  "UnsupportedType",
  "ReadFailed",
]);
export type FileErrorReason = typeof FileErrorReason.Type;

/** A local file could not be used: missing, not a regular file, empty, too large, or not a JPEG/PNG. */
export class FileError extends Schema.TaggedError<FileError>()("FileError", {
  message: Schema.String,
  path: Schema.String,
  reason: FileErrorReason,
  size: Schema.optional(Schema.Number),
  maxBytes: Schema.optional(Schema.Number),
}) {}

export const DownloadErrorReason = Schema.Literals([
  "InvalidUrl",
  "HttpStatus",
  "Network",
  "SizeMismatch",
  "Aborted",
  "TargetExists",
  "WriteFailed",
]);
export type DownloadErrorReason = typeof DownloadErrorReason.Type;

/**
 * A download did not complete. The target file is untouched: bytes go to a temporary file that is
 * renamed only once complete, and removed on any failure.
 */
export class DownloadError extends Schema.TaggedError<DownloadError>()("DownloadError", {
  message: Schema.String,
  reason: DownloadErrorReason,
  /** The URL without its query string, which for signed URLs is a credential. */
  url: Schema.String,
  path: Schema.String,
  status: Schema.optional(Schema.Number),
  received: Schema.optional(Schema.Number),
  expected: Schema.optional(Schema.Number),
}) {}
