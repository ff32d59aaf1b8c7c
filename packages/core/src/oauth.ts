/**
 * `@shutterkit/core/oauth`: the OAuth flow of a Shutterstock application. Build the authorize URL
 * (with a `state` from `crypto.getRandomValues`), check the callback, exchange the code for tokens,
 * and refresh them; `Credentials.refreshing` keeps a client's token current with {@link refreshTokens}.
 *
 * ```ts
 * const { url, state } = authorizeUrl({ clientId, redirectUri, scopes: ["licenses.create"] });
 * // ... the user signs in, the browser comes back to redirectUri?code=...&state=...
 * const { code } = readCallback(callbackUrl, state);
 * const tokens = await exchangeCode(client, { clientId, clientSecret, code });
 * ```
 */
import * as Redacted from "effect/Redacted";
import * as Schema from "effect/Schema";
import type { ShutterstockClient } from "./client/promise.ts";
import { DEFAULT_BASE_URL, redact, type Secret } from "./config.ts";
import type { RefreshingOptions, TokenSet } from "./credentials.ts";
import { createAccessToken } from "./generated/operations/oauth.ts";

/** A random `state` for one sign-in: 32 bytes from `crypto.getRandomValues`, base64url. */
export const createState = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
};

export interface AuthorizeUrlOptions {
  readonly clientId: string;
  readonly redirectUri: string | URL;
  /** OAuth scopes to ask for, e.g. `["licenses.create", "purchases.view"]`. */
  readonly scopes: ReadonlyArray<string>;
  /** Default: a fresh {@link createState}; keep it, and check it with {@link readCallback}. */
  readonly state?: string;
  /** `customer` (default) or `contributor`. */
  readonly realm?: "customer" | "contributor";
  /** The API origin. Default `https://api.shutterstock.com`. */
  readonly baseUrl?: string | URL;
}

/** The URL to send the user to, and the `state` the callback must bring back. */
export const authorizeUrl = (options: AuthorizeUrlOptions): { readonly url: URL; readonly state: string } => {
  const state = options.state ?? createState();
  const url = new URL("/v2/oauth/authorize", options.baseUrl ?? DEFAULT_BASE_URL);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("redirect_uri", String(options.redirectUri));
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", options.scopes.join(" "));
  url.searchParams.set("state", state);
  url.searchParams.set("realm", options.realm ?? "customer");
  return { url, state };
};

/** The callback did not come from the sign-in this app started, or the user declined. */
export class OAuthCallbackError extends Schema.TaggedError<OAuthCallbackError>()("OAuthCallbackError", {
  reason: Schema.Literals(["state_mismatch", "missing_code", "denied"]),
  message: Schema.String,
}) {}

/**
 * Reads the redirect back from the authorize page: the `code`, once the `state` is the one this
 * sign-in sent (compared in constant time). Throws {@link OAuthCallbackError} otherwise.
 */
export const readCallback = (callback: string | URL, expectedState: string): { readonly code: string } => {
  const params = new URL(callback).searchParams;
  const denied = params.get("error");
  if (denied !== null)
    throw new OAuthCallbackError({ reason: "denied", message: `the sign-in was not completed: ${denied}` });
  const state = params.get("state") ?? "";
  let difference = state.length ^ expectedState.length;
  for (let index = 0; index < Math.max(state.length, expectedState.length); index++)
    difference |= (state.charCodeAt(index) || 0) ^ (expectedState.charCodeAt(index) || 0);
  if (difference !== 0)
    throw new OAuthCallbackError({
      reason: "state_mismatch",
      message: "the callback's state is not the one this sign-in sent",
    });
  const code = params.get("code");
  if (code === null || code === "")
    throw new OAuthCallbackError({ reason: "missing_code", message: "the callback carries no code" });
  return { code };
};

export interface ClientSecrets {
  readonly clientId: string;
  readonly clientSecret: Secret;
}

const tokenSetOf = (answer: {
  readonly access_token: string;
  readonly refresh_token?: string | undefined;
  readonly expires_in?: number | undefined;
}): TokenSet => ({
  accessToken: Redacted.make(answer.access_token),
  ...(answer.refresh_token === undefined ? {} : { refreshToken: Redacted.make(answer.refresh_token) }),
  ...(answer.expires_in === undefined ? {} : { expiresAt: Date.now() + answer.expires_in * 1000 }),
});

/** One grant at the token endpoint, never retried: a code or a refresh token is good once. */
const requestTokens = async (
  client: Pick<ShutterstockClient, "send">,
  secrets: ClientSecrets,
  grant:
    | { readonly grant_type: "authorization_code"; readonly code: string }
    | { readonly grant_type: "refresh_token"; readonly refresh_token: string },
): Promise<TokenSet> =>
  tokenSetOf(
    await client.send(
      createAccessToken,
      {
        client_id: secrets.clientId,
        client_secret: Redacted.value(redact(secrets.clientSecret)),
        expires: true,
        ...grant,
      },
      {},
      { retry: false },
    ),
  );

/**
 * Exchanges the callback's code for tokens. The API's refusal (an expired or used code) rejects
 * with `BadRequest` whose first error's `code` is the OAuth error, e.g. `invalid_grant`.
 */
export const exchangeCode = (
  client: Pick<ShutterstockClient, "send">,
  options: ClientSecrets & { readonly code: string },
): Promise<TokenSet> =>
  requestTokens(client, options, { grant_type: "authorization_code", code: options.code });

/**
 * A new token set from a refresh token (the API rotates it: persist the new one). Rejects with
 * `BadRequest` carrying `invalid_grant` when the refresh token is unknown, used or expired.
 */
export const refreshTokens = (
  client: Pick<ShutterstockClient, "send">,
  options: ClientSecrets & { readonly refreshToken: Secret },
): Promise<TokenSet> =>
  requestTokens(client, options, {
    grant_type: "refresh_token",
    refresh_token: Redacted.value(redact(options.refreshToken)),
  });

/**
 * The `refresh` of `Credentials.refreshing` for an application: renews with the current refresh
 * token through `client` (a client without credentials, since the token endpoint takes none).
 */
export const refresher =
  (client: Pick<ShutterstockClient, "send">, secrets: ClientSecrets): RefreshingOptions["refresh"] =>
  (current) => {
    if (current.refreshToken === undefined)
      return Promise.reject(
        Object.assign(new Error("no refresh token to renew with"), { oauthError: "invalid_grant" }),
      );
    return refreshTokens(client, { ...secrets, refreshToken: current.refreshToken });
  };
