// Core's `Credentials` hold Effect `Redacted` values, and only Effect's `Redacted` module can read
// them. This is the one place the proxy imports Effect, and only `createProxyHandler` reaches it:
// `createEnvProxyHandler` (the worker path) builds its credentials itself and never loads Effect.
import type { Credentials as CoreCredentials } from "@shutterkit/core";
import { Redacted } from "effect";
import { ProxyConfigError } from "./config-error.ts";
import { Credentials, type Secret } from "./credentials.ts";

const plain = (secret: Redacted.Redacted<string> | Secret): Secret =>
  Redacted.isRedacted(secret) ? Redacted.value(secret) : secret;

/** Core's credentials as the proxy's own, so the rest of the proxy needs no Effect. */
export const fromCoreCredentials = (credentials: Credentials | CoreCredentials): Credentials => {
  switch (credentials.type) {
    case "oauth":
      return Credentials.oauth(plain(credentials.accessToken));
    case "basic":
      return Credentials.basic(plain(credentials.clientId), plain(credentials.clientSecret));
    default:
      throw new ProxyConfigError(
        "the proxy needs fixed credentials (Credentials.oauth or Credentials.basic); a token provider or a refreshing credential is not supported here",
      );
  }
};
