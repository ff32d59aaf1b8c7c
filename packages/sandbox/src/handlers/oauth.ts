// The user, their subscriptions and token, the OAuth flow, and the API's test endpoints.
import { ALL_SCOPES } from "../server/auth.ts";
import { ApiError, forbidden, invalidField, invalidGrant, OAuthError } from "../server/errors.ts";
import { nextId, SANDBOX_USER } from "../state/initial.ts";
import type { SandboxState } from "../state/model.ts";
import type { Handlers, World } from "../world.ts";

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

interface Grant {
  readonly clientId: string;
  readonly scopes: ReadonlyArray<string>;
  readonly realm?: "customer" | "contributor";
  /** An expiring token, with a refresh token. */
  readonly expires: boolean;
}

/** Writes a new access token (and refresh token) into a draft state: call inside a mutation. */
const grantToken = (state: SandboxState, world: World, grant: Grant, now: Date): IssuedToken => {
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

const checkClient = (world: World, clientId: string, secret: string | undefined): void => {
  if (clientId !== world.credentials.clientId || secret !== world.credentials.clientSecret) {
    throw new OAuthError("invalid_client", "Unauthorized: invalid client_id or client_secret");
  }
};

export const accountHandlers = {
  getUser: () => ({
    id: SANDBOX_USER.id,
    username: SANDBOX_USER.username,
    email: SANDBOX_USER.email,
    first_name: SANDBOX_USER.first_name,
    last_name: SANDBOX_USER.last_name,
    full_name: `${SANDBOX_USER.first_name} ${SANDBOX_USER.last_name}`,
    customer_id: SANDBOX_USER.customer_id,
    language: SANDBOX_USER.language,
    is_premier: false,
    is_premier_parent: false,
    only_enhanced_license: false,
    only_sensitive_use: false,
    premier_permissions: [],
  }),

  getUserSubscriptionList: ({ world }) => {
    const subscriptions = world.queue.state.subscriptions;
    return {
      data: subscriptions.map((subscription) => ({
        id: subscription.id,
        asset_type: subscription.asset_type,
        description: subscription.description,
        license: subscription.license,
        expiration_time: subscription.end_time,
        allotment: {
          downloads_left: subscription.downloads_left,
          downloads_limit: subscription.downloads_limit,
          start_time: subscription.start_time,
          end_time: subscription.end_time,
        },
        formats: subscription.formats.map((format) => ({ ...format })),
        metadata: {},
      })),
      page: 1,
      per_page: subscriptions.length,
      total_count: subscriptions.length,
    };
  },

  getAccessToken: ({ principal, now }) => {
    if (principal === undefined || principal.scheme !== "oauth")
      throw forbidden("Forbidden: not an OAuth access token");
    return {
      client_id: principal.clientId,
      customer_id: SANDBOX_USER.customer_id,
      user_id: SANDBOX_USER.id,
      username: SANDBOX_USER.username,
      realm: principal.realm,
      scopes: [...principal.scopes],
      ...(principal.expiresAt === undefined
        ? {}
        : { expires_in: Math.max(0, Math.floor((principal.expiresAt - now.getTime()) / 1000)) }),
    };
  },

  authorize: async ({ world, params, now }) => {
    if (params.client_id !== world.credentials.clientId) {
      throw invalidField("$.query.client_id", "Unknown client_id", params.client_id);
    }
    let redirect: URL;
    try {
      redirect = new URL(params.redirect_uri);
    } catch {
      throw invalidField("$.query.redirect_uri", "redirect_uri must be an absolute URL", params.redirect_uri);
    }
    const scopes = parseScopes(params.scope);
    const code = await world.queue.mutate((state) => {
      const code = nextId(state, "hex");
      for (const [key, entry] of Object.entries(state.authCodes)) {
        if (Date.parse(entry.expires_at) <= now.getTime()) delete state.authCodes[key];
      }
      state.authCodes[code] = {
        client_id: params.client_id,
        redirect_uri: params.redirect_uri,
        scopes,
        realm: params.realm ?? "customer",
        expires_at: new Date(now.getTime() + world.config.authCodeTtlMs).toISOString(),
      };
      return code;
    });
    redirect.searchParams.set("code", code);
    redirect.searchParams.set("state", params.state);
    const location = redirect.toString();
    return new Response(`Moved Temporarily. Redirecting to ${location}`, {
      status: 302,
      headers: { location, "content-type": "text/plain; charset=utf-8" },
    });
  },

  createAccessToken: async ({ world, body, now }) => {
    if (body === undefined) {
      throw new ApiError(400, "Validation failed", [
        { code: "VALIDATION_REQUIRED", message: "Missing request body", path: "$.body" },
      ]);
    }
    const expires = body.expires === true;
    switch (body.grant_type) {
      case "authorization_code": {
        checkClient(world, body.client_id, body.client_secret);
        const code = body.code;
        if (code === undefined)
          throw new OAuthError("invalid_request", "code is required for authorization_code");
        // Looking the code up, spending it and issuing the token is one transaction: a code is used once
        // even when two exchanges race.
        return world.queue.mutate((state) => {
          const grant = state.authCodes[code];
          if (grant === undefined) throw invalidGrant("Invalid or already used authorization code");
          delete state.authCodes[code];
          if (grant.client_id !== body.client_id)
            throw invalidGrant("The authorization code was issued to another client");
          if (Date.parse(grant.expires_at) <= now.getTime())
            throw invalidGrant("The authorization code expired");
          return grantToken(state, world, { ...grant, clientId: body.client_id, expires }, now);
        });
      }
      case "client_credentials":
        checkClient(world, body.client_id, body.client_secret);
        return issueToken(world, { clientId: body.client_id, scopes: [], expires: true }, now);
      case "refresh_token": {
        checkClient(world, body.client_id, body.client_secret);
        const refresh = body.refresh_token;
        if (refresh === undefined) throw new OAuthError("invalid_request", "refresh_token is required");
        // Rotation: the refresh token is spent in the same transaction that issues its successor, so of
        // two refreshes racing with one token exactly one succeeds.
        return world.queue.mutate((state) => {
          const previous = state.refreshTokens[refresh];
          const token = previous === undefined ? undefined : state.tokens[previous];
          if (token === undefined) throw invalidGrant("Invalid or already used refresh token");
          if (token.client_id !== body.client_id)
            throw invalidGrant("The refresh token was issued to another client");
          delete state.refreshTokens[refresh];
          if (token.refresh_expires_at !== undefined && Date.parse(token.refresh_expires_at) <= now.getTime())
            throw invalidGrant("The refresh token expired");
          return grantToken(
            state,
            world,
            { clientId: token.client_id, scopes: token.scopes, realm: token.realm, expires: true },
            now,
          );
        });
      }
    }
  },

  echo: ({ params }) => ({ text: params.text ?? "ok" }),

  validate: ({ params }) => ({
    query: { id: params.id, ...(params.tag === undefined ? {} : { tag: [...params.tag] }) },
    header: params["user-agent"] === undefined ? {} : { "user-agent": params["user-agent"] },
  }),
} satisfies Partial<Handlers>;
