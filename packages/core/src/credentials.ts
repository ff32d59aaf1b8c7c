// Credentials and what the client asks of them: the `Authorization` header of the next attempt, a
// refresh when the API says the token is no longer good, and the secret values to scrub from
// anything that leaves the client. The constructors are `Credentials.*` (credential-kinds.ts).
import * as Effect from "effect/Effect";
import * as Redacted from "effect/Redacted";

/** An OAuth token set as the API issues it; `expiresAt` is epoch milliseconds. */
export interface TokenSet {
  readonly accessToken: Redacted.Redacted<string>;
  readonly refreshToken?: Redacted.Redacted<string> | undefined;
  readonly expiresAt?: number | undefined;
}

/** How a refreshing credential gets, renews and hands on its tokens. */
export interface RefreshingOptions {
  /** The tokens to start with, or a function loading them (from storage) on first use. */
  readonly tokens: TokenSet | (() => TokenSet | Promise<TokenSet>);
  /**
   * Gets a new token set from the current one, typically `refreshTokens(...)` from
   * `@shutterkit/core/oauth`. Called once however many calls wait for it.
   */
  readonly refresh: (current: TokenSet) => Promise<TokenSet>;
  /** Called with every new token set, to persist it (the API rotates refresh tokens). */
  readonly onTokens?: ((tokens: TokenSet) => void | Promise<void>) | undefined;
  /** Refresh this long before `expiresAt`, so a call does not leave with a token about to expire. Default 60 s. */
  readonly refreshAheadMs?: number | undefined;
}

/** What a client authenticates with: made by `Credentials.oauth`, `.basic`, `.tokenProvider` or `.refreshing`. */
export type Credentials =
  | { readonly type: "oauth"; readonly accessToken: Redacted.Redacted<string> }
  | { readonly type: "token-provider"; readonly token: () => string | Promise<string> }
  | {
      readonly type: "refreshing";
      readonly options: RefreshingOptions;
      /** Keeps the tokens current; brought by `Credentials.refreshing`, so only clients that use it ship it. */
      readonly authenticator: (options: RefreshingOptions) => Authenticator;
    }
  | {
      readonly type: "basic";
      readonly clientId: Redacted.Redacted<string>;
      readonly clientSecret: Redacted.Redacted<string>;
    };

/** Why the credential could not give a header: the pipeline turns it into `Unauthorized`. */
export interface CredentialFailure {
  readonly message: string;
  readonly oauthError?: string | undefined;
}

/** What the client asks of its credentials on every attempt. */
export interface Authenticator {
  /** The `Authorization` header value for the next attempt (refreshed first when due), or undefined. */
  readonly header: Effect.Effect<string | undefined, CredentialFailure>;
  /**
   * After a 401 to a request sent with `used`: renews the token when it can (single-flight; a token
   * already renewed by another call counts), and says whether a new one is there to try once.
   */
  readonly renewAfterUnauthorized: (used: string | undefined) => Effect.Effect<boolean, CredentialFailure>;
  /** Every secret value known now (and its encodings on the wire), for scrubbing server text and errors. */
  readonly secrets: () => ReadonlyArray<string>;
}

const basicToken = (clientId: string, clientSecret: string): string => btoa(`${clientId}:${clientSecret}`);

export const failureOf = (error: unknown, what: string): CredentialFailure => {
  const oauthError = oauthErrorOf(error);
  return {
    message: `${what} failed${oauthError === undefined ? "" : `: ${oauthError}`}`,
    ...(oauthError === undefined ? {} : { oauthError }),
  };
};

/** The OAuth error code (`invalid_grant`, ...) an error carries, from the API's answer. */
export const oauthErrorOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined;
  if ("oauthError" in error && typeof error.oauthError === "string") return error.oauthError;
  if ("errors" in error && Array.isArray(error.errors)) {
    const code: unknown = error.errors[0]?.code;
    if (typeof code === "string") return code;
  }
  return undefined;
};

const fixed = (header: string, secrets: ReadonlyArray<string>): Authenticator => ({
  header: Effect.succeed(header),
  renewAfterUnauthorized: () => Effect.succeed(false),
  secrets: () => secrets,
});

export const authenticatorOf = (credentials: Credentials | undefined): Authenticator => {
  if (credentials === undefined)
    return {
      header: Effect.succeed(undefined),
      renewAfterUnauthorized: () => Effect.succeed(false),
      secrets: () => [],
    };
  switch (credentials.type) {
    case "oauth": {
      const token = Redacted.value(credentials.accessToken);
      return fixed(`Bearer ${token}`, [token]);
    }
    case "basic": {
      const id = Redacted.value(credentials.clientId);
      const secret = Redacted.value(credentials.clientSecret);
      const token = basicToken(id, secret);
      return fixed(`Basic ${token}`, [id, secret, token]);
    }
    case "token-provider": {
      const known = new Set<string>();
      return {
        header: Effect.tryPromise({
          try: async () => {
            const token = await credentials.token();
            known.add(token);
            return `Bearer ${token}`;
          },
          catch: (error) => failureOf(error, "the token provider"),
        }),
        renewAfterUnauthorized: () => Effect.succeed(false),
        secrets: () => [...known],
      };
    }
    case "refreshing":
      return credentials.authenticator(credentials.options);
  }
};
