// Credentials and what the client asks of them: the `Authorization` header of the next attempt and
// the secret values to scrub from anything that leaves the client.
import { Redacted } from "effect";
import { redact, type Secret } from "./config.ts";

export type Credentials =
  | { readonly type: "oauth"; readonly accessToken: Redacted.Redacted<string> }
  | {
      readonly type: "basic";
      readonly clientId: Redacted.Redacted<string>;
      readonly clientSecret: Redacted.Redacted<string>;
    };

export const Credentials = {
  /** An OAuth access token, sent as `Authorization: Bearer …`. Needed for licensing, collections and user routes. */
  oauth: (accessToken: Secret): Credentials => ({ type: "oauth", accessToken: redact(accessToken) }),
  /** An application's consumer key and secret, sent as HTTP Basic auth. Enough for search and details. */
  basic: (clientId: Secret, clientSecret: Secret): Credentials => ({
    type: "basic",
    clientId: redact(clientId),
    clientSecret: redact(clientSecret),
  }),
};

const basicToken = (clientId: string, clientSecret: string): string => btoa(`${clientId}:${clientSecret}`);

/** What the client asks of its credentials on every attempt. */
export interface Authenticator {
  /** The `Authorization` header value for the next attempt, or undefined without credentials. */
  readonly header: () => string | undefined;
  /** Every secret value (and its encodings on the wire), for scrubbing server text and errors. */
  readonly secrets: ReadonlyArray<string>;
}

export const authenticatorOf = (credentials: Credentials | undefined): Authenticator => {
  if (credentials === undefined) return { header: () => undefined, secrets: [] };
  if (credentials.type === "oauth") {
    const token = Redacted.value(credentials.accessToken);
    const header = `Bearer ${token}`;
    return { header: () => header, secrets: [token] };
  }
  const id = Redacted.value(credentials.clientId);
  const secret = Redacted.value(credentials.clientSecret);
  const token = basicToken(id, secret);
  const header = `Basic ${token}`;
  return { header: () => header, secrets: [id, secret, token] };
};
