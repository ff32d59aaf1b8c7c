// The proxy's settings from worker bindings (Cloudflare `env`) or `process.env` (Vercel Edge), checked
// by hand (a schema library would be most of a worker's bundle) so that a misconfigured deployment
// fails with every variable's name and what is wrong, never its value.
import type { CacheOptions } from "./cache.ts";
import { ProxyConfigError } from "./config-error.ts";
import type { CorsOptions } from "./cors.ts";
import { Credentials } from "./credentials.ts";
import type { RateLimitOptions } from "./rate-limit.ts";

/** The variables read, with what each means. */
export const ENV_VARIABLES = {
  SHUTTERSTOCK_API_TOKEN: "OAuth access token (a secret); or set the key and secret below",
  SHUTTERSTOCK_API_KEY: "consumer key for basic auth (a secret), with SHUTTERSTOCK_API_SECRET",
  SHUTTERSTOCK_API_SECRET: "consumer secret for basic auth (a secret), with SHUTTERSTOCK_API_KEY",
  SHUTTERSTOCK_BASE_URL: "API origin; default https://api.shutterstock.com",
  SHUTTERKIT_ALLOWED_ORIGINS: 'comma-separated browser origins allowed to call the proxy, or "*"',
  SHUTTERKIT_ALLOW_MISSING_ORIGIN:
    '"true" serves requests without an Origin header (same-origin GETs, server callers); default "false"',
  SHUTTERKIT_CACHE_TTL: "seconds successful public GETs are cached; 0 turns caching off; default 60",
  SHUTTERKIT_RATE_LIMIT_BURST: "requests one client may make in a burst; 0 turns the limit off; default 60",
  SHUTTERKIT_RATE_LIMIT_PER_MINUTE: "sustained requests per minute per client; default 60",
} as const;

export type EnvVariable = keyof typeof ENV_VARIABLES;

type Issue = { readonly variable: string; readonly message: string };

const isUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
};

/** Why a text value is unusable, or undefined. Messages never quote a secret's value. */
const textIssue = (value: unknown): string | undefined => {
  if (typeof value !== "string") return "must be text";
  if (value.trim() !== value) return "has leading or trailing spaces";
  return undefined;
};

const urlIssue = (value: unknown): string | undefined =>
  textIssue(value) ?? (isUrl(value as string) ? undefined : "is not an http(s) URL");

const originsIssue = (value: unknown): string | undefined => {
  const text = textIssue(value);
  if (text !== undefined || value === "*") return text;
  const bad = (value as string)
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item === "" || !isUrl(item) || new URL(item).origin !== item.replace(/\/$/, ""));
  return bad.length === 0
    ? undefined
    : `has entries that are not origins like https://app.example.com: ${bad.join(", ")}`;
};

/** Worker `vars` may be booleans; text from `process.env` is always a string. */
const flagIssue = (value: unknown): string | undefined =>
  typeof value === "boolean" || value === "true" || value === "false"
    ? undefined
    : 'is not "true" or "false"';

/** Worker `vars` may be numbers; text from `process.env` is always a string. */
const countIssue = (value: unknown): string | undefined => {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : NaN;
  return Number.isFinite(number) && number >= 0 ? undefined : "is not a number >= 0";
};

const CHECKS: Readonly<Record<EnvVariable, (value: unknown) => string | undefined>> = {
  SHUTTERSTOCK_API_TOKEN: textIssue,
  SHUTTERSTOCK_API_KEY: textIssue,
  SHUTTERSTOCK_API_SECRET: textIssue,
  SHUTTERSTOCK_BASE_URL: urlIssue,
  SHUTTERKIT_ALLOWED_ORIGINS: originsIssue,
  SHUTTERKIT_ALLOW_MISSING_ORIGIN: flagIssue,
  SHUTTERKIT_CACHE_TTL: countIssue,
  SHUTTERKIT_RATE_LIMIT_BURST: countIssue,
  SHUTTERKIT_RATE_LIMIT_PER_MINUTE: countIssue,
};

const REQUIRED = new Set<string>(["SHUTTERKIT_ALLOWED_ORIGINS"]);

/** The environment as the proxy reads it; other bindings (KV, secrets of other code) are ignored. */
export type ProxyEnv = { readonly [name in EnvVariable]?: string | number | boolean };

/** What `proxyConfigFromEnv` returns: the options the environment sets; the allowlist is code. */
export type ProxyEnvConfig = {
  readonly credentials: Credentials;
  readonly cors: CorsOptions;
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

const count = (value: unknown, fallback: number): number =>
  value === undefined ? fallback : typeof value === "number" ? value : Number(String(value).trim());

/**
 * Reads and validates the proxy's settings:
 * `createProxyHandler({ ...proxyConfigFromEnv(env), allow })`. Throws a {@link ProxyConfigError}
 * naming every variable at fault (for instance `SHUTTERKIT_ALLOWED_ORIGINS is missing`).
 */
export const proxyConfigFromEnv = (env: Readonly<Record<string, unknown>> | undefined): ProxyEnvConfig => {
  const source: Readonly<Record<string, unknown>> = Object.fromEntries(
    Object.keys(ENV_VARIABLES).flatMap((name) => {
      const value = env?.[name];
      return value === undefined || value === "" ? [] : [[name, value]];
    }),
  );
  const issues: Issue[] = [];
  const missingCredentials = credentialIssue(source);
  if (missingCredentials !== undefined) issues.push(missingCredentials);
  for (const variable of Object.keys(ENV_VARIABLES) as EnvVariable[]) {
    const value = source[variable];
    const message =
      value === undefined ? (REQUIRED.has(variable) ? "is missing" : undefined) : CHECKS[variable](value);
    if (message !== undefined) issues.push({ variable, message });
  }
  if (issues.length > 0)
    throw new ProxyConfigError(
      `shutterkit proxy configuration: ${issues.map(({ variable, message }) => `${variable} ${message}`).join("; ")}`,
      [...new Set(issues.map((issue) => issue.variable))],
    );
  // Checked above: the text variables that are set are strings, the counts numbers or numeric text.
  const text = (variable: EnvVariable) => source[variable] as string | undefined;
  const token = text("SHUTTERSTOCK_API_TOKEN");
  const credentials =
    token !== undefined
      ? Credentials.oauth(token)
      : Credentials.basic(text("SHUTTERSTOCK_API_KEY") ?? "", text("SHUTTERSTOCK_API_SECRET") ?? "");
  const origins = text("SHUTTERKIT_ALLOWED_ORIGINS") ?? "";
  const baseUrl = text("SHUTTERSTOCK_BASE_URL");
  const allowMissingOrigin = source["SHUTTERKIT_ALLOW_MISSING_ORIGIN"];
  const cors: CorsOptions = {
    origins: origins === "*" ? "*" : origins.split(",").map((origin) => origin.trim().replace(/\/$/, "")),
    allowMissingOrigin: allowMissingOrigin === true || allowMissingOrigin === "true",
  };
  const ttl = count(source["SHUTTERKIT_CACHE_TTL"], 60);
  const burst = count(source["SHUTTERKIT_RATE_LIMIT_BURST"], 60);
  const perMinute = count(source["SHUTTERKIT_RATE_LIMIT_PER_MINUTE"], 60);
  return {
    credentials,
    cors,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    cache: ttl === 0 ? false : { ttl },
    rateLimit:
      burst === 0 || perMinute === 0
        ? false
        : { capacity: Math.max(1, burst), refillPerSecond: perMinute / 60 },
  };
};
