// Callers' tokens as the site's sign-in service would issue them: HS256 with the shared secret,
// or ES256 from a JWKS the test serves on 127.0.0.1, like an identity provider's.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { varsFor } from "../scripts/worker-build.ts";

export const JWT_SECRET = "test-only-shared-secret-0d9c41b7a2";

const local = varsFor();

/** A token the local configuration accepts, unless the claims or options say otherwise. */
export const signedToken = async (
  claims: JWTPayload,
  options: { readonly secret?: string; readonly expiresAt?: string | number; readonly issuer?: string } = {},
): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(options.issuer ?? local["SHUTTERKIT_JWT_ISSUER"] ?? "")
    .setAudience(local["SHUTTERKIT_JWT_AUDIENCE"] ?? "")
    .setIssuedAt()
    .setExpirationTime(options.expiresAt ?? "5m")
    .sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));

export interface KeyServer {
  readonly url: string;
  readonly sign: (claims: JWTPayload) => Promise<string>;
  close(): Promise<void>;
}

/** An identity provider's key set on 127.0.0.1, and tokens signed with its private key. */
export const startKeyServer = async (): Promise<KeyServer> => {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
  const server = createServer((_, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: "test-key" })
        .setIssuer(local["SHUTTERKIT_JWT_ISSUER"] ?? "")
        .setAudience(local["SHUTTERKIT_JWT_AUDIENCE"] ?? "")
        .setExpirationTime("5m")
        .sign(privateKey),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
