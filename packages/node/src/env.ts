// Configuration from environment variables, as an Effect `Config` (so a Layer can read any
// ConfigProvider) and as a plain function for Promise code.
import {
  Credentials,
  type GroupedShutterstockClient,
  type LogLevel,
  makeShutterstock,
  parseLogLevel,
  Shutterstock,
  type ShutterstockClient,
  type ShutterstockConfig,
} from "@shutterkit/core";
import { Cause, Config, ConfigProvider, Effect, Exit, Layer, Option, type Redacted } from "effect";
import { createClient, createShutterstock, layer, withNodeFetch } from "./client.ts";
import { ENV_VARS, EnvironmentError } from "./errors.ts";

/** What the environment provides, before it is checked. Empty variables count as unset. */
export interface EnvSettings {
  readonly token: Option.Option<Redacted.Redacted<string>>;
  readonly key: Option.Option<Redacted.Redacted<string>>;
  readonly secret: Option.Option<Redacted.Redacted<string>>;
  readonly baseUrl: Option.Option<string>;
  /** `SHUTTERKIT_LOG`: the least severe level logged (`debug`, `info`, `warn`, `error`, `off`). */
  readonly logLevel: Option.Option<string>;
}

/** The raw settings as an Effect `Config`; secrets are `Config.Redacted` so they never print. */
export const envSettings: Config.Config<EnvSettings> = Config.all({
  token: Config.option(Config.Redacted(ENV_VARS.token)),
  key: Config.option(Config.Redacted(ENV_VARS.key)),
  secret: Config.option(Config.Redacted(ENV_VARS.secret)),
  baseUrl: Config.option(Config.String(ENV_VARS.baseUrl)),
  logLevel: Config.option(Config.String(ENV_VARS.logLevel)),
});

const logLevelFrom = (settings: EnvSettings): Effect.Effect<LogLevel | undefined, EnvironmentError> => {
  if (Option.isNone(settings.logLevel)) return Effect.succeed(undefined);
  const level = parseLogLevel(settings.logLevel.value);
  return level !== undefined
    ? Effect.succeed(level)
    : Effect.fail(
        new EnvironmentError({
          message: `${ENV_VARS.logLevel} must be one of debug, info, warn, error, off.`,
          reason: "InvalidLogLevel",
          variables: [ENV_VARS.logLevel],
        }),
      );
};

const missingMessage =
  `No Shutterstock credentials in the environment. Set ${ENV_VARS.token} (an OAuth access token; ` +
  `needed for licensing, downloads and collections), or ${ENV_VARS.key} and ${ENV_VARS.secret} ` +
  `(an application's consumer key and secret; enough for search and details). ` +
  `Optionally set ${ENV_VARS.baseUrl} to use another API origin.`;

const baseUrlFrom = (settings: EnvSettings): Effect.Effect<URL | undefined, EnvironmentError> => {
  if (Option.isNone(settings.baseUrl)) return Effect.succeed(undefined);
  const text = settings.baseUrl.value;
  const parsed = URL.canParse(text) ? new URL(text) : undefined;
  return parsed !== undefined && (parsed.protocol === "http:" || parsed.protocol === "https:")
    ? Effect.succeed(parsed)
    : Effect.fail(
        new EnvironmentError({
          message: `${ENV_VARS.baseUrl} must be an http(s) URL such as https://api.shutterstock.com.`,
          reason: "InvalidBaseUrl",
          variables: [ENV_VARS.baseUrl],
        }),
      );
};

/**
 * An OAuth token wins over a key pair (it can do everything the pair can); a key without its
 * secret (or the reverse) is an error rather than a silent fallback.
 */
const credentialsFrom = (settings: EnvSettings): Effect.Effect<Credentials, EnvironmentError> => {
  if (Option.isSome(settings.token)) return Effect.succeed(Credentials.oauth(settings.token.value));
  if (Option.isSome(settings.key) && Option.isSome(settings.secret))
    return Effect.succeed(Credentials.basic(settings.key.value, settings.secret.value));
  if (Option.isSome(settings.key) || Option.isSome(settings.secret)) {
    const [present, absent] = Option.isSome(settings.key)
      ? [ENV_VARS.key, ENV_VARS.secret]
      : [ENV_VARS.secret, ENV_VARS.key];
    return Effect.fail(
      new EnvironmentError({
        message: `${present} is set but ${absent} is not: set both, or set ${ENV_VARS.token} instead.`,
        reason: "IncompleteCredentials",
        variables: [absent, ENV_VARS.token],
      }),
    );
  }
  return Effect.fail(
    new EnvironmentError({
      message: missingMessage,
      reason: "MissingCredentials",
      variables: [ENV_VARS.token, ENV_VARS.key, ENV_VARS.secret, ENV_VARS.baseUrl],
    }),
  );
};

/**
 * Checks the settings and merges `overrides` over them. Credentials in `overrides` make the
 * credential variables optional; a malformed base URL variable is an error either way. Without
 * `overrides.fetch`, requests go through the adapter's shared {@link nodeFetch}.
 */
export const settingsToConfig = (
  settings: EnvSettings,
  overrides: ShutterstockConfig = {},
): Effect.Effect<ShutterstockConfig, EnvironmentError> =>
  Effect.gen(function* () {
    const baseUrl = yield* baseUrlFrom(settings);
    const logLevel = yield* logLevelFrom(settings);
    const credentials = overrides.credentials ?? (yield* credentialsFrom(settings));
    // Node's global fetch is the slow path on Node; `overrides.fetch` (even globalThis.fetch) wins.
    return withNodeFetch({
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(logLevel === undefined ? {} : { logLevel }),
      ...overrides,
      credentials,
    });
  });

/** The client configuration from the current `ConfigProvider` (the process environment by default). */
export const configFromEnv = (
  overrides: ShutterstockConfig = {},
): Effect.Effect<ShutterstockConfig, EnvironmentError | Config.ConfigError> =>
  Effect.flatMap(envSettings, (settings) => settingsToConfig(settings, overrides));

export interface EnvOverrides extends ShutterstockConfig {
  /** Variables to read instead of `process.env` (tests, child configurations). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const definedEntries = (env: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );

/**
 * The client configuration from environment variables, with `overrides` winning. Throws
 * {@link EnvironmentError} when no credentials are set (unless `overrides.credentials` is given).
 */
export const readEnvConfig = (overrides: EnvOverrides = {}): ShutterstockConfig => {
  const { env, ...explicit } = overrides;
  const provider = ConfigProvider.fromEnv({ env: definedEntries(env ?? process.env) });
  const exit = Effect.runSyncExit(
    Effect.provideService(configFromEnv(explicit), ConfigProvider.ConfigProvider, provider),
  );
  if (Exit.isFailure(exit)) throw Cause.squash(exit.cause);
  return exit.value;
};

/**
 * The modular Promise client configured from the environment:
 * `const client = createClientFromEnv(); await client.send(searchImages, { query: "cat" })`.
 */
export const createClientFromEnv = (overrides: EnvOverrides = {}): ShutterstockClient =>
  createClient(readEnvConfig(overrides));

/**
 * The grouped Promise client configured from the environment:
 * `const client = createShutterstockFromEnv(); await client.images.searchImages({ query: "cat" })`.
 */
export const createShutterstockFromEnv = (overrides: EnvOverrides = {}): GroupedShutterstockClient =>
  createShutterstock(readEnvConfig(overrides));

/** Effect entry points of the Node adapter. */
export const ShutterstockNode = {
  /** `Shutterstock.layer(config)` sending through {@link nodeFetch} unless `config.fetch` is given. */
  layer,
  /**
   * The `Shutterstock` service configured from the environment through the current
   * `ConfigProvider`; `overrides` win over the variables (e.g. `{ retry: false }`).
   */
  layerFromEnv: (
    overrides: ShutterstockConfig = {},
  ): Layer.Layer<Shutterstock, EnvironmentError | Config.ConfigError> =>
    Layer.effect(
      Shutterstock,
      Effect.map(configFromEnv(overrides), (config) => makeShutterstock(withNodeFetch(config))),
    ),
  configFromEnv,
} as const;
