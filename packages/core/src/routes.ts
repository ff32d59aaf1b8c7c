/**
 * `@shutterkit/core/routes`: the API's route table and the URL rules, without Effect. For proxies and
 * servers that route, check and forward requests but leave validation and retries to the caller's
 * client; importing it costs a few kilobytes instead of Effect's Schema module.
 */

export * from "./generated/routes.ts";
export type {
  HttpMethod,
  ParameterDescriptor,
  ParameterType,
  RouteDescriptor,
  SecurityRequirement,
  Tag,
} from "./operation.ts";
export {
  type ApiErrorItem,
  matchPath,
  parseRetryAfter,
  type RequestParts,
  readApiErrors,
  readParams,
  writeParams,
} from "./wire.ts";
