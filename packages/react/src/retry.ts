// TanStack's own retries would multiply the core's: the core already retries transient failures
// (429, 5xx, timeouts, network) with backoff and Retry-After, and the rest (invalid params, 401,
// 403, 404, a response off the contract) fail the same way however often they are repeated.
import { isShutterstockError, type ShutterstockError } from "@shutterkit/core";
import { QueryClient, type QueryClientConfig } from "@tanstack/react-query";

/** Errors that no retry can fix. */
export const permanentErrorTags = [
  "InvalidRequest",
  "BadRequest",
  "Unauthorized",
  "Forbidden",
  "NotFound",
  "DecodeError",
] as const satisfies ReadonlyArray<ShutterstockError["_tag"]>;

export const isPermanentError = (error: unknown): boolean =>
  isShutterstockError(error) && (permanentErrorTags as ReadonlyArray<string>).includes(error._tag);

/**
 * TanStack `retry` predicate: a Shutterstock error is final (permanent, or transient and already
 * retried by the core); anything else (a bug in a custom `fetch`, say) gets one more try.
 */
export const shouldRetry = (failureCount: number, error: unknown): boolean =>
  !isShutterstockError(error) && failureCount < 1;

/** A QueryClient with {@link shouldRetry} for queries and no retries for mutations (uploads are POSTs). */
export const createShutterkitQueryClient = (config: QueryClientConfig = {}): QueryClient =>
  new QueryClient({
    ...config,
    defaultOptions: {
      ...config.defaultOptions,
      queries: { retry: shouldRetry, ...config.defaultOptions?.queries },
      mutations: { retry: false, ...config.defaultOptions?.mutations },
    },
  });
