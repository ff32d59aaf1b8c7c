/**
 * `@shutterkit/core/routes`: every operation's route (method, path, parameters, security, access)
 * without Effect, for proxies and servers that route, check and forward requests but leave
 * validation and retries to the caller's client. Importing it costs a few kilobytes instead of
 * Effect's Schema module. The wire rules they need come with it.
 */

export * from "./generated/routes/index.ts";
export type {
  Access,
  HttpMethod,
  ParameterDescriptor,
  ParameterType,
  RouteDescriptor,
  SecurityRequirement,
  Tag,
} from "./operation.ts";
export {
  type ApiErrorItem,
  compileRoutes,
  matchPath,
  parseRetryAfter,
  type RequestParts,
  type RouteMatch,
  type Router,
  readApiErrors,
  readParams,
  writeParams,
} from "./wire/index.ts";
