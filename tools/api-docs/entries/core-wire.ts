/**
 * The API's wire rules without Effect: status to error kind, request id, redaction, parameter encoding, route matching, the pagination rule and image sniffing.
 *
 * @module @shutterkit/core/wire
 */
export * from "../../../packages/core/src/wire/index.ts";
