// The proxy's own credentials, without Effect: secrets are kept out of sight (they print, serialise
// and inspect as `<redacted>`), and every text the proxy relays from the network can be scrubbed of
// them. Core's `Credentials` hold Effect `Redacted` values, which only Effect can read, so they are
// converted in `core-credentials.ts`, outside the worker's import graph.
import { ProxyConfigError } from "./config-error.ts";

declare const RedactedBrand: unique symbol;

/** A secret that never shows its value when printed, logged or serialised. */
export interface Redacted {
  readonly [RedactedBrand]: true;
}

/** A secret as text, or already wrapped by {@link Credentials}. */
export type Secret = string | Redacted;

export type Credentials =
  | { readonly type: "oauth"; readonly accessToken: Redacted }
  | { readonly type: "basic"; readonly clientId: Redacted; readonly clientSecret: Redacted };

const REDACTED = "<redacted>";
const values = new WeakMap<object, string>();

const RedactedProto = {
  toString: () => REDACTED,
  toJSON: () => REDACTED,
  [Symbol.for("nodejs.util.inspect.custom")]: () => REDACTED,
};

const redact = (secret: Secret): Redacted => {
  if (typeof secret !== "string") return secret;
  const wrapped = Object.create(RedactedProto) as Redacted;
  values.set(wrapped, secret);
  return wrapped;
};

export const Credentials = {
  /** An OAuth access token, sent as `Authorization: Bearer …`. Needed for collections and licensing. */
  oauth: (accessToken: Secret): Credentials => ({ type: "oauth", accessToken: redact(accessToken) }),
  /** An application's consumer key and secret, sent as HTTP Basic auth. Enough for search and details. */
  basic: (clientId: Secret, clientSecret: Secret): Credentials => ({
    type: "basic",
    clientId: redact(clientId),
    clientSecret: redact(clientSecret),
  }),
};

const reveal = (secret: unknown, name: string): string => {
  const value = typeof secret === "object" && secret !== null ? values.get(secret) : undefined;
  if (value !== undefined) return value;
  throw new ProxyConfigError(
    `credentials.${name} cannot be read: build credentials with Credentials.oauth or Credentials.basic ` +
      "from @shutterkit/edge (core's Credentials are accepted by createProxyHandler only)",
  );
};

export interface Authorization {
  /** The `Authorization` header value sent upstream. */
  readonly header: string;
  /** Replaces every secret (and the Basic token made of them) in text from the network. */
  readonly scrub: (text: string) => string;
}

/** Reads the secrets once, when the handler is built; a wrong shape fails then, not per request. */
export const authorizationOf = (credentials: Credentials): Authorization => {
  let header: string;
  let secrets: string[];
  if (credentials.type === "oauth") {
    const token = reveal(credentials.accessToken, "accessToken");
    header = `Bearer ${token}`;
    secrets = [token];
  } else if (credentials.type === "basic") {
    const id = reveal(credentials.clientId, "clientId");
    const secret = reveal(credentials.clientSecret, "clientSecret");
    const basic = btoa(`${id}:${secret}`);
    header = `Basic ${basic}`;
    secrets = [basic, id, secret];
  } else throw new ProxyConfigError('credentials.type must be "oauth" or "basic"');
  // Very short values would blank out ordinary words; such secrets would be unusable anyway.
  const scrubbed = secrets.filter((value) => value.length >= 4);
  const scrub = (text: string): string =>
    scrubbed.reduce((current, secret) => current.split(secret).join(REDACTED), text);
  return { header, scrub };
};
