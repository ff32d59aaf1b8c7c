// Access tokens: issuing them (with refresh tokens when they expire) and reading requested scopes.
// Shared by the OAuth operations, the sandbox's /sandbox/tokens route and `sandbox.issueToken()`.
import { ALL_SCOPES } from "../../server/auth.ts";
import { invalidField } from "../../server/errors.ts";
import { nextId } from "../../state/initial.ts";
import type { SandboxState } from "../../state/model.ts";
import type { World } from "../../world.ts";

export const parseScopes = (text: string | undefined): string[] => {
  const scopes = (text ?? "user.view").split(/[\s,+]+/).filter((scope) => scope.length > 0);
  const unknown = scopes.filter((scope) => !(ALL_SCOPES as ReadonlyArray<string>).includes(scope));
  if (unknown.length > 0)
    throw invalidField("$.query.scope", `Unknown scope(s): ${unknown.join(", ")}`, text);
  return [...new Set(scopes)];
};

export interface IssuedToken {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
}

export interface Grant {
  readonly clientId: string;
  readonly scopes: ReadonlyArray<string>;
  readonly realm?: "customer" | "contributor";
  /** An expiring token, with a refresh token. */
  readonly expires: boolean;
}

/** Writes a new access token (and refresh token) into a draft state: call inside a mutation. */
export const grantToken = (state: SandboxState, world: World, grant: Grant, now: Date): IssuedToken => {
  const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = world.config;
  const token = nextId(state, "token");
  const refresh = grant.expires ? nextId(state, "token").replace("v2/", "r2/") : undefined;
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
  state.tokens[token] = {
    client_id: grant.clientId,
    scopes: [...grant.scopes],
    realm: grant.realm ?? "customer",
    created_time: now.toISOString(),
    ...(grant.expires ? { expires_at: at(accessTokenTtlSeconds) } : {}),
    ...(refresh === undefined
      ? {}
      : { refresh_token: refresh, refresh_expires_at: at(refreshTokenTtlSeconds) }),
  };
  if (refresh !== undefined) state.refreshTokens[refresh] = token;
  return {
    access_token: token,
    token_type: "Bearer",
    ...(grant.expires ? { expires_in: accessTokenTtlSeconds } : {}),
    ...(refresh === undefined ? {} : { refresh_token: refresh }),
  };
};

/** Issues an access token in a mutation; `expires` adds a lifetime and a refresh token. */
export const issueToken = (world: World, grant: Grant, now: Date): Promise<IssuedToken> =>
  world.queue.mutate((state) => grantToken(state, world, grant, now));
