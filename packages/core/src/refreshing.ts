// The authenticator of `Credentials.refreshing`: OAuth tokens loaded once, renewed single-flight
// before they expire and once after a 401, handed to `onTokens`. In a module of its own, so only a
// client with refreshing credentials ships it.
import * as Effect from "effect/Effect";
import * as Redacted from "effect/Redacted";
import { type Authenticator, failureOf, type RefreshingOptions, type TokenSet } from "./credentials.ts";

/** Tokens the client keeps current: loaded once, renewed single-flight, handed to `onTokens`. */
export const refreshingAuthenticator = (options: RefreshingOptions): Authenticator => {
  const ahead = options.refreshAheadMs ?? 60_000;
  let current: TokenSet | undefined;
  let loading: Promise<TokenSet> | undefined;
  let renewing: Promise<TokenSet> | undefined;
  const known = new Set<string>();
  const remember = (tokens: TokenSet) => {
    current = tokens;
    known.add(Redacted.value(tokens.accessToken));
    if (tokens.refreshToken !== undefined) known.add(Redacted.value(tokens.refreshToken));
    return tokens;
  };
  const load = (): Promise<TokenSet> => {
    if (current !== undefined) return Promise.resolve(current);
    loading ??= Promise.resolve()
      .then(() => (typeof options.tokens === "function" ? options.tokens() : options.tokens))
      .then(remember)
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  const renew = (from: TokenSet): Promise<TokenSet> => {
    renewing ??= options
      .refresh(from)
      .then(async (tokens) => {
        remember(tokens);
        await options.onTokens?.(tokens);
        return tokens;
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };
  const due = (tokens: TokenSet) => tokens.expiresAt !== undefined && tokens.expiresAt - ahead <= Date.now();
  const bearer = (tokens: TokenSet) => `Bearer ${Redacted.value(tokens.accessToken)}`;
  return {
    header: Effect.tryPromise({
      try: async () => {
        const tokens = await load();
        return bearer(due(tokens) ? await renew(tokens) : tokens);
      },
      catch: (error) => failureOf(error, "token refresh"),
    }),
    renewAfterUnauthorized: (used) =>
      Effect.tryPromise({
        try: async () => {
          const tokens = await load();
          // Another call renewed it since this request left: try the new token.
          if (bearer(tokens) !== used) return true;
          await renew(tokens);
          return true;
        },
        catch: (error) => failureOf(error, "token refresh"),
      }),
    secrets: () => [...known],
  };
};
