// The constructors of `Credentials`, a namespace of separate exports (index.ts: `export * as
// Credentials`), so a bundler keeps the kinds an app makes and drops the others, the refresher
// with them.
import { redact, type Secret } from "./config.ts";
import type { Credentials, RefreshingOptions } from "./credentials.ts";
import { refreshingAuthenticator } from "./refreshing.ts";

/** An OAuth access token, sent as `Authorization: Bearer …`. Needed for licensing, collections and user routes. */
export const oauth = (accessToken: Secret): Credentials => ({
  type: "oauth",
  accessToken: redact(accessToken),
});

/**
 * A function returning the current access token, asked before every attempt (your own token
 * store). The client does not refresh it; see {@link refreshing} for that.
 */
export const tokenProvider = (token: () => string | Promise<string>): Credentials => ({
  type: "token-provider",
  token,
});

/**
 * OAuth tokens the client renews itself: before they expire, and once when a 401 says the token is
 * no longer good, single-flight however many calls are waiting. A failed refresh fails the call
 * with `Unauthorized` (its `oauthError`, e.g. `invalid_grant`, says why); it is never retried in a loop.
 */
export const refreshing = (options: RefreshingOptions): Credentials => ({
  type: "refreshing",
  options,
  authenticator: refreshingAuthenticator,
});

/** An application's consumer key and secret, sent as HTTP Basic auth. Enough for search and details. */
export const basic = (clientId: Secret, clientSecret: Secret): Credentials => ({
  type: "basic",
  clientId: redact(clientId),
  clientSecret: redact(clientSecret),
});
