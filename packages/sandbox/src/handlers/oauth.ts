// The OAuth flow: authorization codes (answered with a redirect at once, there is no login page) and
// the token endpoint's grants (authorization code, client credentials, refresh with rotation).
import { ApiError, invalidField, invalidGrant, OAuthError } from "../server/errors.ts";
import { nextId } from "../state/initial.ts";
import type { HandlersOf, World } from "../world.ts";
import { grantToken, issueToken, parseScopes } from "./shared/tokens.ts";

const checkClient = (world: World, clientId: string, secret: string | undefined): void => {
  if (clientId !== world.credentials.clientId || secret !== world.credentials.clientSecret) {
    throw new OAuthError("invalid_client", "Unauthorized: invalid client_id or client_secret");
  }
};

export const oauthHandlers = {
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
} satisfies HandlersOf<"oauth">;
