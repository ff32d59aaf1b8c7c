// Who retries what. The core retries transient failures itself (backoff, Retry-After, the
// purchase-safe rule in `isRetryable`), so a TanStack retry on top would multiply its attempts. A
// query made by a factory therefore retries a Shutterstock error in TanStack only when its client
// makes a single attempt (`retry: false`), and then only what `isRetryable` allows for its method.
import {
  isRetryable,
  isShutterstockError,
  type RetrySetting,
  type ShutterstockClient,
} from "@shutterkit/core";
import { QueryClient, type QueryClientConfig } from "@tanstack/react-query";

/** TanStack's own default number of retries, used when the client itself does not retry. */
const TANSTACK_RETRIES = 3;

const retriesItself = (setting: RetrySetting): boolean => {
  if (setting === false) return false;
  if ("maxAttempts" in setting && typeof setting.maxAttempts === "number") return setting.maxAttempts > 1;
  return true;
};

/**
 * The TanStack `retry` predicate for one client's calls: a Shutterstock error is final when the
 * client already retried it, or when `isRetryable(error.method, error)` says no (a 404, a bad
 * parameter, a POST that may have reached the server); anything else (a bug in a custom `fetch`,
 * say) gets one more try.
 */
export const retryFor =
  (client: Pick<ShutterstockClient, "config">) =>
  (failureCount: number, error: unknown): boolean => {
    if (!isShutterstockError(error)) return failureCount < 1;
    if (retriesItself(client.config.retry)) return false;
    return failureCount < TANSTACK_RETRIES && isRetryable(error.method, error);
  };

/**
 * The default `retry` for queries this package did not build: one more try for errors that are
 * not the core's, none for the core's (it has retried them already, or they are final).
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
