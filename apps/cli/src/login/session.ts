// Later runs on the stored sign-in: when the environment names no credentials, the client uses
// the tokens `shutterkit login` stored and renews them itself (before they expire, or once after
// a 401). Every token set the API hands back replaces the stored one at once, because the API
// rotates refresh tokens and the old one stops working.
import { refresher } from "@shutterkit/core/oauth";
import { Credentials, createClient, ENV_VARS, type ShutterstockConfig } from "@shutterkit/node";
import { Redacted } from "effect";
import { CommandFailed, ExitCode } from "../errors.ts";
import { readStoredLogin, type StoredLogin, writeStoredLogin } from "./store.ts";

/**
 * Renews the stored tokens. Another `shutterkit` run may have renewed them since this one read the
 * file: its tokens are then on disk, and using them beats spending the refresh token it already
 * rotated away (which the API would answer with `invalid_grant`).
 */
export const storedCredentials = (path: string, login: StoredLogin, userAgent: string): Credentials => {
  // The token endpoint takes the application's secret in the body, so this client sends no credentials.
  const tokenEndpoint = createClient({ baseUrl: login.baseUrl, userAgent });
  const renew = refresher(tokenEndpoint, { clientId: login.clientId, clientSecret: login.clientSecret });
  return Credentials.refreshing({
    tokens: login.tokens,
    refresh: (current) => {
      const onDisk = readStoredLogin(path)?.tokens;
      const renewedElsewhere =
        onDisk !== undefined &&
        Redacted.value(onDisk.accessToken) !== Redacted.value(current.accessToken) &&
        (onDisk.expiresAt === undefined || onDisk.expiresAt > Date.now() + RENEW_AHEAD_MS);
      return renewedElsewhere ? Promise.resolve(onDisk) : renew(current);
    },
    onTokens: (tokens) => writeStoredLogin(path, { ...login, tokens }),
    refreshAheadMs: RENEW_AHEAD_MS,
  });
};

/** Renew this long before the stored expiry, as `Credentials.refreshing` does by default. */
const RENEW_AHEAD_MS = 60_000;

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";

const originOf = (text: string): string | undefined =>
  URL.canParse(text) ? new URL(text).origin : undefined;

export interface StoredSession {
  /** The credentials file in use. */
  readonly path: string;
  /** Overrides for `createClientFromEnv`: the stored origin and the renewing credentials. */
  readonly config: Pick<ShutterstockConfig, "baseUrl" | "credentials">;
}

/**
 * The stored sign-in to use, or undefined when the environment has credentials of its own (they
 * win) or nobody signed in. Tokens stay with the origin they came from: a different
 * `SHUTTERSTOCK_BASE_URL` is refused rather than sent the tokens.
 */
export const storedSession = (
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  userAgent: string,
): StoredSession | undefined => {
  if (isSet(env[ENV_VARS.token]) || isSet(env[ENV_VARS.key]) || isSet(env[ENV_VARS.secret])) return undefined;
  const login = readStoredLogin(path);
  if (login === undefined) return undefined;
  const requested = env[ENV_VARS.baseUrl];
  if (isSet(requested) && requested !== undefined) {
    const origin = originOf(requested);
    if (origin !== undefined && origin !== originOf(login.baseUrl))
      throw new CommandFailed(
        `The stored sign-in (${path}) is for ${login.baseUrl}, but ${ENV_VARS.baseUrl} is ${origin}. ` +
          `Run shutterkit login against ${origin}, or unset ${ENV_VARS.baseUrl}.`,
        ExitCode.Auth,
      );
  }
  return {
    path,
    config: { baseUrl: login.baseUrl, credentials: storedCredentials(path, login, userAgent) },
  };
};
