// Configuration from Deno.env, with the same variables and errors as `@shutterkit/node`. Only the
// variables a configuration needs are read, so only those need `--allow-env`: the token first, the
// key pair only without a token, none of them when `overrides.credentials` is given, and the base URL
// only when `overrides.baseUrl` is not.
import {
  Credentials,
  createClient,
  createShutterstock,
  DEFAULT_BASE_URL,
  type GroupedShutterstockClient,
  type LogLevel,
  makeShutterstock,
  parseLogLevel,
  Shutterstock,
  type ShutterstockClient,
  type ShutterstockConfig,
} from "@shutterkit/core";
import { Effect, Layer } from "effect";
import { ENV_VARS, EnvironmentError, MissingPermission } from "./errors.ts";
import { mayReadEnv, requireEnv, requireNet } from "./permissions.ts";

/** This package's version, sent in the `User-Agent` after core's. */
const VERSION = "0.0.0";
const TOKEN = `shutterkit-deno/${VERSION}`;

export interface EnvOverrides extends ShutterstockConfig {
  /** Variables to read instead of `Deno.env` (tests, child configurations); needs no permission. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type Lookup = (variable: string) => string | undefined;

const fromDenoEnv: Lookup = (variable) => {
  requireEnv(variable, "Reading the Shutterstock configuration");
  return Deno.env.get(variable);
};

const lookupIn =
  (lookup: Lookup): Lookup =>
  (variable) => {
    const value = lookup(variable)?.trim();
    return value === undefined || value === "" ? undefined : value;
  };

const missingMessage =
  `No Shutterstock credentials in the environment. Set ${ENV_VARS.token} (an OAuth access token; ` +
  `needed for licensing, downloads and collections), or ${ENV_VARS.key} and ${ENV_VARS.secret} ` +
  `(an application's consumer key and secret; enough for search and details). ` +
  `Optionally set ${ENV_VARS.baseUrl} to use another API origin.`;

// An OAuth token wins over a key pair (it can do everything the pair can); half a pair is an error
// rather than a silent fallback.
const credentialsFrom = (read: Lookup): Credentials => {
  const token = read(ENV_VARS.token);
  if (token !== undefined) return Credentials.oauth(token);
  const key = read(ENV_VARS.key);
  const secret = read(ENV_VARS.secret);
  if (key !== undefined && secret !== undefined) return Credentials.basic(key, secret);
  if (key !== undefined || secret !== undefined) {
    const [present, absent] =
      key !== undefined ? [ENV_VARS.key, ENV_VARS.secret] : [ENV_VARS.secret, ENV_VARS.key];
    throw new EnvironmentError({
      message: `${present} is set but ${absent} is not: set both, or set ${ENV_VARS.token} instead.`,
      reason: "IncompleteCredentials",
      variables: [absent, ENV_VARS.token],
    });
  }
  throw new EnvironmentError({
    message: missingMessage,
    reason: "MissingCredentials",
    variables: [ENV_VARS.token, ENV_VARS.key, ENV_VARS.secret, ENV_VARS.baseUrl],
  });
};

const baseUrlFrom = (read: Lookup): URL | undefined => {
  const text = read(ENV_VARS.baseUrl);
  if (text === undefined) return undefined;
  const parsed = URL.canParse(text) ? new URL(text) : undefined;
  if (parsed !== undefined && (parsed.protocol === "http:" || parsed.protocol === "https:")) return parsed;
  throw new EnvironmentError({
    message: `${ENV_VARS.baseUrl} must be an http(s) URL such as https://api.shutterstock.com.`,
    reason: "InvalidBaseUrl",
    variables: [ENV_VARS.baseUrl],
  });
};

// `SHUTTERKIT_LOG` is optional: read only where the script may already read it, never prompted for.
const logLevelFrom = (
  env: Readonly<Record<string, string | undefined>> | undefined,
): LogLevel | undefined => {
  const text =
    env === undefined
      ? mayReadEnv(ENV_VARS.logLevel)
        ? Deno.env.get(ENV_VARS.logLevel)
        : undefined
      : env[ENV_VARS.logLevel];
  if (text === undefined || text.trim() === "") return undefined;
  const level = parseLogLevel(text);
  if (level !== undefined) return level;
  throw new EnvironmentError({
    message: `${ENV_VARS.logLevel} must be one of debug, info, warn, error, off.`,
    reason: "InvalidLogLevel",
    variables: [ENV_VARS.logLevel],
  });
};

/**
 * The client configuration from environment variables, with `overrides` winning (a variable an
 * override replaces is not read). Throws {@link EnvironmentError} when no credentials are set, and
 * {@link MissingPermission} when a needed variable may not be read.
 */
export const readEnvConfig = (overrides: EnvOverrides = {}): ShutterstockConfig => {
  const { env, ...explicit } = overrides;
  const read = lookupIn(env === undefined ? fromDenoEnv : (variable) => env[variable]);
  const credentials = explicit.credentials ?? credentialsFrom(read);
  const baseUrl = explicit.baseUrl ?? baseUrlFrom(read);
  const logLevel = explicit.logLevel ?? logLevelFrom(env);
  const userAgent = explicit.userAgent?.startsWith(TOKEN)
    ? explicit.userAgent
    : [TOKEN, explicit.userAgent].filter(Boolean).join(" ");
  return {
    ...explicit,
    credentials,
    userAgent,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(logLevel === undefined ? {} : { logLevel }),
  };
};

// A custom fetch may not use the network at all (tests, proxies), so only the global one is checked.
const clientConfig = (overrides: EnvOverrides): ShutterstockConfig => {
  const config = readEnvConfig(overrides);
  if (config.fetch === undefined) {
    requireNet(new URL(config.baseUrl ?? DEFAULT_BASE_URL), "Calling the Shutterstock API");
  }
  return config;
};

/**
 * The modular Promise client configured from the environment:
 * `const client = createClientFromEnv(); await client.send(searchImages, { query: "cat" })`.
 * Checks up front that the script may connect to the API host, as {@link createShutterstockFromEnv}.
 */
export const createClientFromEnv = (overrides: EnvOverrides = {}): ShutterstockClient =>
  createClient(clientConfig(overrides));

/**
 * The grouped Promise client (every operation under its tag) configured from the environment:
 * `const client = createShutterstockFromEnv(); await client.images.searchImages({ query: "cat" })`.
 * Also checks up front that the script may connect to the API host, so a missing `--allow-net` is a
 * MissingPermission here rather than a NetworkError on the first call.
 */
export const createShutterstockFromEnv = (overrides: EnvOverrides = {}): GroupedShutterstockClient =>
  createShutterstock(clientConfig(overrides));

// The adapter's own errors fail the effect; anything else is a defect.
const attempt = <A>(run: () => A): Effect.Effect<A, EnvironmentError | MissingPermission> =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(run());
    } catch (error) {
      return error instanceof EnvironmentError || error instanceof MissingPermission
        ? Effect.fail(error)
        : Effect.die(error);
    }
  });

/** {@link readEnvConfig} as an Effect. */
export const configFromEnv = (
  overrides: EnvOverrides = {},
): Effect.Effect<ShutterstockConfig, EnvironmentError | MissingPermission> =>
  attempt(() => readEnvConfig(overrides));

/** Effect entry points of the Deno adapter. */
export const ShutterstockDeno: {
  /**
   * The `Shutterstock` service configured from `Deno.env`; `overrides` win over the variables.
   * Fails like {@link createShutterstockFromEnv} throws.
   */
  readonly layerFromEnv: (
    overrides?: EnvOverrides,
  ) => Layer.Layer<Shutterstock, EnvironmentError | MissingPermission>;
  readonly configFromEnv: typeof configFromEnv;
} = {
  layerFromEnv: (overrides = {}) =>
    Layer.effect(
      Shutterstock,
      attempt(() => makeShutterstock(clientConfig(overrides))),
    ),
  configFromEnv,
};
