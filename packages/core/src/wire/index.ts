/**
 * `@shutterkit/core/wire`: the API's wire facts, with no Effect: how parameters travel in a URL,
 * route matching, what a status means, the request id, the error body and `Retry-After`, credential
 * redaction, the pagination stop rule, image header sniffing and download naming. The client, the
 * edge proxy, the sandbox, the React hooks and the CLI all import them from here.
 */
export { type ApiErrorItem, parseRetryAfter, readApiErrors } from "./api-errors.ts";
export {
  type DownloadFailure,
  type DownloadFailureReason,
  type DownloadFileSystem,
  type DownloadPlatform,
  makeDownloadToFile,
} from "./download.ts";
export { type ErrorCodeOptions, errorCodeOf } from "./error-code.ts";
export {
  announcedLength,
  type DownloadOptions,
  type DownloadResult,
  fileNameFromDisposition,
  fileNameFromUrl,
  safeFileName,
} from "./files.ts";
export {
  detectImageType,
  type ImageFile,
  type ImageFileOptions,
  type ImageSize,
  type ImageType,
  imageSize,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_PIXELS,
} from "./images.ts";
export {
  defaultPageSize,
  nextPage,
  type PageLimits,
  type PageShape,
  type PageWalk,
  pageWalk,
} from "./pagination.ts";
export {
  formEncode,
  makeParamsWriter,
  type RequestParts,
  readParams,
  type WrittenParams,
  writeParams,
} from "./params.ts";
export { CREDENTIAL_HEADERS, makeScrubber, publicUrl, REDACTED, redactHeaders } from "./redact.ts";
export { REQUEST_ID_HEADERS, requestIdOf } from "./request-id.ts";
export { IDEMPOTENT_METHODS, STALE_CONNECTION_CODES } from "./retry.ts";
export { compileRoutes, matchPath, type RouteMatch, type Router } from "./router.ts";
export { errorKindOf, isSuccessStatus, type StatusErrorKind } from "./status.ts";
