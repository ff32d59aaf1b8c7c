// Who is calling, and may they: HTTP Basic with the sandbox's client id and secret, or an OAuth
// bearer token carrying scopes, checked against each operation's security alternatives.
import type { SecurityRequirement } from "@shutterkit/core";
import { decodeBase64 } from "../media/base64.ts";
import type { SandboxState, TokenState } from "../state/model.ts";
import { expiredToken, forbidden, unauthorized } from "./errors.ts";

/** Every scope the contract defines; the sandbox's ready-made token carries all of them. */
export const ALL_SCOPES = [
  "collections.edit",
  "collections.view",
  "licenses.create",
  "licenses.view",
  "purchases.view",
  "user.view",
] as const;

export interface SandboxCredentials {
  /** Consumer key: the Basic auth user name and the OAuth `client_id`. */
  readonly clientId: string;
  /** Consumer secret: the Basic auth password and the OAuth `client_secret`. */
  readonly clientSecret: string;
  /** A non-expiring OAuth access token with every scope, ready for `Authorization: Bearer`. */
  readonly accessToken: string;
  readonly scopes: ReadonlyArray<string>;
}

export type Principal =
  | { readonly scheme: "basic"; readonly clientId: string }
  | {
      readonly scheme: "oauth";
      readonly token: string;
      readonly clientId: string;
      readonly scopes: ReadonlyArray<string>;
      readonly realm: "customer" | "contributor";
      readonly expiresAt?: number;
      readonly createdAt: number;
    };

const utf8 = new TextDecoder();

/** Resolves the Authorization header; throws 401 for credentials that are present but wrong. */
export const authenticate = (
  header: string | null,
  credentials: SandboxCredentials,
  state: SandboxState,
  now: number,
): Principal | undefined => {
  if (header === null || header.trim() === "") return undefined;
  const [scheme = "", ...rest] = header.trim().split(/\s+/);
  const value = rest.join(" ");
  if (scheme.toLowerCase() === "basic") {
    const bytes = decodeBase64(value);
    const decoded = bytes === undefined ? "" : utf8.decode(bytes);
    const colon = decoded.indexOf(":");
    const id = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? "" : decoded.slice(colon + 1);
    if (id === credentials.clientId && secret === credentials.clientSecret)
      return { scheme: "basic", clientId: id };
    throw unauthorized("Unauthorized: invalid client id or secret");
  }
  if (scheme.toLowerCase() === "bearer") {
    const token: TokenState | undefined =
      value === credentials.accessToken
        ? {
            client_id: credentials.clientId,
            scopes: [...credentials.scopes],
            realm: "customer",
            created_time: new Date(0).toISOString(),
          }
        : state.tokens[value];
    if (token === undefined) throw unauthorized("Unauthorized: invalid access token");
    const expiresAt = token.expires_at === undefined ? undefined : Date.parse(token.expires_at);
    if (expiresAt !== undefined && expiresAt <= now) throw expiredToken();
    return {
      scheme: "oauth",
      token: value,
      clientId: token.client_id,
      scopes: token.scopes,
      realm: token.realm,
      createdAt: Date.parse(token.created_time),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    };
  }
  throw unauthorized(`Unauthorized: unsupported authorization scheme ${scheme}`);
};

/** Throws 401 or 403 unless one of the operation's security alternatives is satisfied. */
export const authorize = (
  security: ReadonlyArray<SecurityRequirement>,
  principal: Principal | undefined,
): void => {
  if (security.length === 0) return;
  if (principal === undefined) throw unauthorized();
  let missing: ReadonlyArray<string> | undefined;
  for (const requirement of security) {
    if (requirement.scheme === "basic" && principal.scheme === "basic") return;
    if (requirement.scheme === "customer_accessCode" && principal.scheme === "oauth") {
      const lacking = requirement.scopes.filter((scope) => !principal.scopes.includes(scope));
      if (lacking.length === 0) return;
      if (missing === undefined || lacking.length < missing.length) missing = lacking;
    }
  }
  if (missing !== undefined) {
    throw forbidden(`Forbidden: the access token is missing required scope(s): ${missing.join(", ")}`);
  }
  const scopes = [...new Set(security.flatMap((requirement) => requirement.scopes))];
  throw forbidden(
    scopes.length > 0
      ? `Forbidden: this endpoint needs an OAuth access token with scope(s): ${scopes.join(", ")}`
      : "Forbidden: this endpoint needs an OAuth access token",
  );
};
