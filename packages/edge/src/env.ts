// The proxy's settings from worker bindings (Cloudflare `env`) or `process.env` (Vercel Edge), checked
// with a schema so a misconfigured deployment fails with the variable's name, never its value.
import { Credentials } from "@shutterkit/core";
import { Cause, Exit, Schema, SchemaIssue } from "effect";
import type { CacheOptions } from "./cache.ts";
import { ProxyConfigError } from "./config-error.ts";
import type { CorsOptions } from "./cors.ts";
import type { ProxyOptions } from "./handler.ts";
import type { RateLimitOptions } from "./rate-limit.ts";

/** The variables read, with what each means. */
export const ENV_VARIABLES = {
  SHUTTERSTOCK_API_TOKEN: "OAuth access token (a secret); or set the key and secret below",
  SHUTTERSTOCK_API_KEY: "consumer key for basic auth (a secret), with SHUTTERSTOCK_API_SECRET",
  SHUTTERSTOCK_API_SECRET: "consumer secret for basic auth (a secret), with SHUTTERSTOCK_API_KEY",
  SHUTTERSTOCK_BASE_URL: "API origin; default https://api.shutterstock.com",
  SHUTTERKIT_ALLOWED_ORIGINS: 'comma-separated browser origins allowed to call the proxy, or "*"',
  SHUTTERKIT_CACHE_TTL: "seconds successful public GETs are cached; 0 turns caching off; default 60",
  SHUTTERKIT_RATE_LIMIT_BURST: "requests one client may make in a burst; 0 turns the limit off; default 60",
  SHUTTERKIT_RATE_LIMIT_PER_MINUTE: "sustained requests per minute per client; default 60",
} as const;

export type EnvVariable = keyof typeof ENV_VARIABLES;

const SECRETS = new Set<string>([
  "SHUTTERSTOCK_API_TOKEN",
  "SHUTTERSTOCK_API_KEY",
  "SHUTTERSTOCK_API_SECRET",
]);

const Text = Schema.String.check(Schema.isTrimmed({ message: "has leading or trailing spaces" })).check(
  Schema.isNonEmpty({ message: "is empty" }),
);

const isUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
};

const HttpUrl = Text.check(Schema.makeFilter((value: string) => isUrl(value) || "is not an http(s) URL"));

const OriginList = Text.check(
  Schema.makeFilter((value: string) => {
    if (value === "*") return true;
    const bad = value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item === "" || !isUrl(item) || new URL(item).origin !== item.replace(/\/$/, ""));
    return (
      bad.length === 0 || `has entries that are not origins like https://app.example.com: ${bad.join(", ")}`
    );
  }),
);

/** Worker `vars` may be numbers; text from `process.env` is always a string. */
const Count = Schema.Union([Schema.Number, Schema.String]).check(
  Schema.makeFilter((value: number | string) => {
    const number = typeof value === "number" ? value : Number(value.trim());
    return (String(value).trim() !== "" && Number.isFinite(number) && number >= 0) || "is not a number >= 0";
  }),
);

/** The environment as the proxy reads it; other bindings (KV, secrets of other code) are ignored. */
export const ProxyEnv = Schema.Struct({
  SHUTTERSTOCK_API_TOKEN: Schema.optional(Text),
  SHUTTERSTOCK_API_KEY: Schema.optional(Text),
  SHUTTERSTOCK_API_SECRET: Schema.optional(Text),
  SHUTTERSTOCK_BASE_URL: Schema.optional(HttpUrl),
  SHUTTERKIT_ALLOWED_ORIGINS: OriginList,
  SHUTTERKIT_CACHE_TTL: Schema.optional(Count),
  SHUTTERKIT_RATE_LIMIT_BURST: Schema.optional(Count),
  SHUTTERKIT_RATE_LIMIT_PER_MINUTE: Schema.optional(Count),
});
export type ProxyEnv = typeof ProxyEnv.Type;

/** What `proxyConfigFromEnv` returns: every option of {@link ProxyOptions} but the allowlist, which is code. */
export type ProxyEnvConfig = Pick<ProxyOptions, "credentials" | "cors"> & {
  readonly baseUrl?: string;
  readonly cache: CacheOptions | false;
  readonly rateLimit: RateLimitOptions | false;
};

/** Either credential form is enough, so this is checked across variables, whatever else failed. */
const credentialIssue = (env: Readonly<Record<string, unknown>>): Issue | undefined => {
  const token = env["SHUTTERSTOCK_API_TOKEN"] !== undefined;
  const key = env["SHUTTERSTOCK_API_KEY"] !== undefined;
  const secret = env["SHUTTERSTOCK_API_SECRET"] !== undefined;
  if (token || (key && secret)) return undefined;
  if (key)
    return { variable: "SHUTTERSTOCK_API_SECRET", message: "is missing (SHUTTERSTOCK_API_KEY is set)" };
  if (secret)
    return { variable: "SHUTTERSTOCK_API_KEY", message: "is missing (SHUTTERSTOCK_API_SECRET is set)" };
  return {
    variable: "SHUTTERSTOCK_API_TOKEN",
    message: "is missing: set it, or SHUTTERSTOCK_API_KEY and SHUTTERSTOCK_API_SECRET",
  };
};

const count = (value: number | string | undefined, fallback: number): number =>
  value === undefined ? fallback : typeof value === "number" ? value : Number(value.trim());

const variableOf = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string => {
  const first = path?.[0];
  return typeof first === "object" && first !== null && "key" in first
    ? String(first.key)
    : String(first ?? "");
};

type Issue = { readonly variable: string; readonly message: string };

const configError = (decoded: Exit.Exit<unknown, unknown>, missingCredentials: Issue | undefined) => {
  const error = Exit.isFailure(decoded) ? Cause.squash(decoded.cause) : undefined;
  const issues: Issue[] = [
    ...(missingCredentials === undefined ? [] : [missingCredentials]),
    ...(error === undefined
      ? []
      : Schema.isSchemaError(error)
        ? SchemaIssue.makeFormatterStandardSchemaV1()(error.issue).issues.map((issue) => ({
            variable: variableOf(issue.path),
            message: issue.message,
          }))
        : [{ variable: "environment", message: "could not be read" }]),
  ];
  // Schema reports an absent required key as "Missing key"; say which variable that is. Schema's
  // own messages may quote the value, so for secrets only this module's wording is kept.
  const lines = issues.map(({ variable, message }) =>
    /missing key/i.test(message)
      ? `${variable} is missing`
      : SECRETS.has(variable) && !/^(is|has) /.test(message)
        ? `${variable} must be text`
        : `${variable} ${message}`,
  );
  return new ProxyConfigError(`shutterkit proxy configuration: ${lines.join("; ")}`, [
    ...new Set(issues.map((issue) => issue.variable)),
  ]);
};

/**
 * Reads and validates the proxy's settings:
 * `createProxyHandler({ ...proxyConfigFromEnv(env), allow })`. Throws a {@link ProxyConfigError}
 * naming every variable at fault (for instance `SHUTTERKIT_ALLOWED_ORIGINS is missing`).
 */
export const proxyConfigFromEnv = (env: Readonly<Record<string, unknown>> | undefined): ProxyEnvConfig => {
  const source = Object.fromEntries(
    Object.keys(ENV_VARIABLES).flatMap((name) => {
      const value = env?.[name];
      return value === undefined || value === "" ? [] : [[name, value]];
    }),
  );
  const decoded = Schema.decodeUnknownExit(ProxyEnv)(source, { errors: "all" });
  const missingCredentials = credentialIssue(source);
  if (Exit.isFailure(decoded) || missingCredentials !== undefined)
    throw configError(decoded, missingCredentials);
  const config = decoded.value;
  const credentials =
    config.SHUTTERSTOCK_API_TOKEN !== undefined
      ? Credentials.oauth(config.SHUTTERSTOCK_API_TOKEN)
      : Credentials.basic(config.SHUTTERSTOCK_API_KEY ?? "", config.SHUTTERSTOCK_API_SECRET ?? "");
  const origins = config.SHUTTERKIT_ALLOWED_ORIGINS;
  const cors: CorsOptions = {
    origins: origins === "*" ? "*" : origins.split(",").map((origin) => origin.trim().replace(/\/$/, "")),
  };
  const ttl = count(config.SHUTTERKIT_CACHE_TTL, 60);
  const burst = count(config.SHUTTERKIT_RATE_LIMIT_BURST, 60);
  const perMinute = count(config.SHUTTERKIT_RATE_LIMIT_PER_MINUTE, 60);
  return {
    credentials,
    cors,
    ...(config.SHUTTERSTOCK_BASE_URL === undefined ? {} : { baseUrl: config.SHUTTERSTOCK_BASE_URL }),
    cache: ttl === 0 ? false : { ttl },
    rateLimit:
      burst === 0 || perMinute === 0
        ? false
        : { capacity: Math.max(1, burst), refillPerSecond: perMinute / 60 },
  };
};
