// What the limiter's node-redis client is made with, and the checks on it: one place for the
// defaults both the Promise and the Effect entry points use.
import type { RedisClientOptions } from "redis";

export interface RedisRateLimiterOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://` for TLS. Default `redis://127.0.0.1:6379`. */
  readonly url?: string | undefined;
  /**
   * Put before every key this limiter writes: the quota `key` of `rateLimit` follows it. Processes
   * share a quota when they use the same Redis, prefix and key. Default `"shutterkit:ratelimit:"`.
   */
  readonly prefix?: string | undefined;
  /**
   * How long one limiter command may take before the call fails (default 1000 ms). It bounds the
   * wait on a Redis that keeps the connection open but does not answer (frozen, overloaded, a
   * network that drops packets), which node-redis's own timeout, counted only until a command is
   * written, does not.
   */
  readonly commandTimeoutMs?: number | undefined;
  /**
   * Further node-redis client options (`socket.tls`, `socket.connectTimeout`, `username`, ...).
   * `url` and the settings above win over the same fields here.
   */
  readonly client?: Omit<RedisClientOptions, "url"> | undefined;
}

export const DEFAULT_URL = "redis://127.0.0.1:6379";
export const DEFAULT_PREFIX = "shutterkit:ratelimit:";
const DEFAULT_COMMAND_TIMEOUT_MS = 1000;

/** The bound on one limiter command, in ms. Throws a RangeError when it is not positive. */
export const commandTimeoutOf = (options: Pick<RedisRateLimiterOptions, "commandTimeoutMs">): number => {
  const timeout = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  if (!(timeout > 0)) throw new RangeError("redisRateLimiter: commandTimeoutMs must be a positive number");
  return timeout;
};

/** The URL as it may appear in errors: the password replaced. */
export const printableUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.href;
  } catch {
    return "(invalid URL)";
  }
};

/** node-redis options from ours. Throws a RangeError for a URL it cannot use. */
export const clientOptions = (options: RedisRateLimiterOptions): RedisClientOptions => {
  const url = options.url ?? DEFAULT_URL;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new RangeError(`redisRateLimiter: url is not a URL: ${printableUrl(url)}`);
  }
  if (protocol !== "redis:" && protocol !== "rediss:")
    throw new RangeError(`redisRateLimiter: url must start with redis:// or rediss://, got ${protocol}//`);
  return {
    ...options.client,
    url,
    // While the connection is down, a limiter command fails at once (the call fails with
    // RATE_LIMITER_STORE) instead of queueing until Redis is back; the client reconnects meanwhile.
    disableOfflineQueue: true,
  };
};
