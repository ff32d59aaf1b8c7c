// The system or fetch error code of a failure, from its cause chain: ky wraps fetch's error, which
// wraps the socket's. The client, the edge proxy and the Node adapter's downloads all read it here.

export interface ErrorCodeOptions {
  /** How many links of the cause chain to look at. Default 6. */
  readonly maxDepth?: number;
  /** Only codes this accepts count (the edge proxy relays only plain identifiers); default any. */
  readonly accept?: (code: string) => boolean;
}

/** The first code on the error or its causes (`ECONNRESET`, `UND_ERR_SOCKET`, ...), or undefined. */
export const errorCodeOf = (error: unknown, options: ErrorCodeOptions = {}): string | undefined => {
  const maxDepth = options.maxDepth ?? 6;
  let current: unknown = error;
  for (let depth = 0; depth < maxDepth && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && typeof current.code === "string" && (options.accept?.(current.code) ?? true))
      return current.code;
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
};
