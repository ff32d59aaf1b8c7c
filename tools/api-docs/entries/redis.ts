/**
 * Core's rate limit on Redis, so many processes share one request quota.
 *
 * @module @shutterkit/redis
 * @document ../../../packages/redis/README.md
 */
export * from "../../../packages/redis/src/index.ts";
