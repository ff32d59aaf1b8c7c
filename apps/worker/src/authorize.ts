// Who may use the worker: callers with a JWT from the site's own sign-in, checked with `jose`. The
// token names the caller (`sub`, the rate-limit key) and what it may do beyond reads (its `scope`:
// `shutterkit:write` for uploads and collections, `shutterkit:purchase` for licensing, which this
// worker's allowlist does not expose anyway). Requests without a token are anonymous: the public
// catalogue reads only, rate limited by address.
//
// Keys: `SHUTTERKIT_JWT_SECRET` (HS256, a secret shared with the sign-in service) or
// `SHUTTERKIT_JWKS_URL` (the identity provider's public keys; RS256, ES256 or EdDSA), with
// `SHUTTERKIT_JWT_ISSUER` and `SHUTTERKIT_JWT_AUDIENCE` checked when set.
import { type Authorize, anonymous, type Grant, ProxyConfigError, refuse } from "@shutterkit/edge";
import { createRemoteJWKSet, errors, type JWTVerifyOptions, jwtVerify } from "jose";

export interface AuthEnv {
  readonly SHUTTERKIT_JWT_SECRET?: string;
  readonly SHUTTERKIT_JWKS_URL?: string;
  readonly SHUTTERKIT_JWT_ISSUER?: string;
  readonly SHUTTERKIT_JWT_AUDIENCE?: string;
}

const GRANTS: Readonly<Record<string, Grant>> = {
  "shutterkit:write": "write",
  "shutterkit:purchase": "purchase",
};

const ASYMMETRIC = ["RS256", "ES256", "EdDSA"];

/** One key set per URL and isolate: jose caches the fetched keys and refetches on an unknown `kid`. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

const verify = (token: string, env: AuthEnv) => {
  const options: JWTVerifyOptions = {
    ...(env.SHUTTERKIT_JWT_ISSUER === undefined ? {} : { issuer: env.SHUTTERKIT_JWT_ISSUER }),
    ...(env.SHUTTERKIT_JWT_AUDIENCE === undefined ? {} : { audience: env.SHUTTERKIT_JWT_AUDIENCE }),
    requiredClaims: ["sub", "exp"],
  };
  if (env.SHUTTERKIT_JWT_SECRET !== undefined && env.SHUTTERKIT_JWT_SECRET !== "")
    return jwtVerify(token, new TextEncoder().encode(env.SHUTTERKIT_JWT_SECRET), {
      ...options,
      algorithms: ["HS256"],
    });
  const url = env.SHUTTERKIT_JWKS_URL;
  if (url !== undefined && url !== "") {
    let keys = keySets.get(url);
    if (keys === undefined) {
      keys = createRemoteJWKSet(new URL(url));
      keySets.set(url, keys);
    }
    return jwtVerify(token, keys, { ...options, algorithms: ASYMMETRIC });
  }
  throw new ProxyConfigError(
    "callers sent a token but neither SHUTTERKIT_JWT_SECRET nor SHUTTERKIT_JWKS_URL is set",
    ["SHUTTERKIT_JWT_SECRET", "SHUTTERKIT_JWKS_URL"],
  );
};

const grantsOf = (scope: unknown): Grant[] =>
  typeof scope === "string"
    ? scope.split(" ").flatMap((item) => (GRANTS[item] === undefined ? [] : [GRANTS[item]]))
    : [];

export const authorize: Authorize<AuthEnv> = async (request, env) => {
  const header = request.headers.get("authorization");
  if (header === null) return anonymous;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (match?.[1] === undefined) return refuse("expected Authorization: Bearer <token>");
  try {
    const { payload } = await verify(match[1], env);
    return { id: `user:${payload.sub}`, grants: grantsOf(payload["scope"]) };
  } catch (error) {
    // jose's codes (ERR_JWT_EXPIRED, ERR_JWS_SIGNATURE_VERIFICATION_FAILED) say why without the token.
    if (error instanceof errors.JOSEError) return refuse(`the token is not valid: ${error.code}`);
    throw error;
  }
};
