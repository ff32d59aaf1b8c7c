/**
 * The API's route table and URL rules without Effect, for proxies and servers that route and forward
 * requests but leave validation and retries to a client.
 *
 * @module @shutterkit/core/routes
 */
export * from "../../../packages/core/src/routes.ts";
