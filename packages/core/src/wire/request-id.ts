// Where the API (and the proxies in front of it) put the id of a request, for support tickets.

/** Checked in order; the first present wins. */
export const REQUEST_ID_HEADERS = ["x-shutterstock-request-id", "x-request-id", "x-amzn-requestid"] as const;

/**
 * The request id of a response. `scrub` runs over it like over any server text: a hostile server
 * could echo a secret there.
 */
export const requestIdOf = (
  headers: Headers,
  scrub: (text: string) => string = (text) => text,
): string | undefined => {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value !== null) return scrub(value);
  }
  return undefined;
};
