// Credentials never leave in errors, logs, spans or debug events: headers that carry them are
// redacted by name, and server text is scrubbed of the configured secrets by value.

export const REDACTED = "<redacted>";

/** Header names whose values are credentials. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "cookie",
  "proxy-authorization",
  "set-cookie",
  "x-api-key",
]);

/** A copy of the headers with credential values replaced. */
export const redactHeaders = (
  headers: Readonly<Record<string, string>> | Headers,
): Record<string, string> => {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries)
    out[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  return out;
};

/** Secrets shorter than this are not scrubbed by value: replacing every "a" would garble text and hide nothing. */
const MIN_SECRET_LENGTH = 4;

/**
 * A function that removes the given secrets from text, as written and as they travel (percent-encoded
 * in a URL or form body).
 */
export const makeScrubber = (secrets: ReadonlyArray<string>): ((text: string) => string) => {
  const variants = [
    ...new Set(
      secrets
        .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
        .flatMap((secret) => [secret, encodeURIComponent(secret)]),
    ),
  ].sort((a, b) => b.length - a.length);
  if (variants.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of variants) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
};

/** A download URL without its query, which signs it (a credential) on the API's CDN. */
export const publicUrl = (url: URL): string => `${url.origin}${url.pathname}`;
