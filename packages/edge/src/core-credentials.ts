// Core's `Credentials` hold Effect `Redacted` values, and only Effect's `Redacted` module can read
// them. This is the one place the proxy imports Effect, and only `createProxyHandler` reaches it:
// `createEnvProxyHandler` (the worker path) builds its credentials itself and never loads Effect.
import type { Credentials as CoreCredentials } from "@shutterkit/core";
import { Redacted } from "effect";
import { Credentials, type Secret } from "./credentials.ts";

const plain = (secret: Redacted.Redacted<string> | Secret): Secret =>
  Redacted.isRedacted(secret) ? Redacted.value(secret) : secret;

/** Core's credentials as the proxy's own, so the rest of the proxy needs no Effect. */
export const fromCoreCredentials = (credentials: Credentials | CoreCredentials): Credentials =>
  credentials.type === "oauth"
    ? Credentials.oauth(plain(credentials.accessToken))
    : Credentials.basic(plain(credentials.clientId), plain(credentials.clientSecret));
