// Signing in once with the browser (OAuth authorization code, loopback redirect), signing out, and
// saying who the CLI is acting as. The tokens live in the user's configuration directory and
// never appear on the terminal.
import { authorizeUrl, exchangeCode, OAuthCallbackError, readCallback } from "@shutterkit/core/oauth";
import {
  createClient,
  DEFAULT_BASE_URL,
  ENV_VARS,
  getAccessToken,
  isShutterstockError,
} from "@shutterkit/node";
import { Redacted } from "effect";
import { positiveInt } from "../args.ts";
import { type Command, type CommandContext, stringOption } from "../command.ts";
import { CommandFailed, ExitCode, UsageError } from "../errors.ts";
import { json } from "../format.ts";
import { openInBrowser } from "../login/browser.ts";
import { openLoopback } from "../login/loopback.ts";
import { deleteStoredLogin, writeStoredLogin } from "../login/store.ts";

export const CLIENT_ID_VAR = "SHUTTERSTOCK_CLIENT_ID";
export const CLIENT_SECRET_VAR = "SHUTTERSTOCK_CLIENT_SECRET";

/** What the CLI's commands need: licensing, downloads, collections and the account's details. */
export const DEFAULT_SCOPES = [
  "user.view",
  "licenses.create",
  "licenses.view",
  "purchases.view",
  "collections.view",
  "collections.edit",
] as const;

const DEFAULT_TIMEOUT_S = 300;

const fromFlagOrEnv = (context: CommandContext, flag: string, variable: string): string | undefined => {
  const value = stringOption(context.values, flag) ?? context.io.env[variable];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
};

const apiOrigin = (context: CommandContext): string => {
  const text = context.io.env[ENV_VARS.baseUrl];
  if (text === undefined || text.trim() === "") return DEFAULT_BASE_URL;
  const parsed = URL.canParse(text) ? new URL(text) : undefined;
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:"))
    throw new UsageError(`${ENV_VARS.baseUrl} must be an http(s) URL such as https://api.shutterstock.com.`);
  return parsed.origin;
};

const scopesOf = (text: string | undefined): ReadonlyArray<string> => {
  if (text === undefined) return DEFAULT_SCOPES;
  const scopes = [...new Set(text.split(/[\s,]+/).filter((scope) => scope !== ""))];
  if (scopes.length === 0) throw new UsageError("--scopes needs at least one scope, e.g. licenses.create.");
  return scopes;
};

const runLogin = async (context: CommandContext) => {
  const clientId = fromFlagOrEnv(context, "client-id", CLIENT_ID_VAR);
  const secretText = fromFlagOrEnv(context, "client-secret", CLIENT_SECRET_VAR);
  if (clientId === undefined || secretText === undefined)
    throw new UsageError(
      `Signing in needs your application's client id and secret: set ${CLIENT_ID_VAR} and ${CLIENT_SECRET_VAR} ` +
        `(or pass --client-id and --client-secret). They are on https://www.shutterstock.com/account/developers/apps.`,
    );
  const clientSecret = Redacted.make(secretText);
  const scopes = scopesOf(stringOption(context.values, "scopes"));
  const port = positiveInt("port", stringOption(context.values, "port"), 65_535);
  const timeoutS =
    positiveInt("timeout", stringOption(context.values, "timeout"), 86_400) ?? DEFAULT_TIMEOUT_S;
  const baseUrl = apiOrigin(context);

  const loopback = await openLoopback(port);
  try {
    const { url, state } = authorizeUrl({ clientId, redirectUri: loopback.redirectUri, scopes, baseUrl });
    context.note(`Sign in to Shutterstock in your browser:\n\n  ${url.href}\n`);
    const opened =
      context.values["no-browser"] !== true &&
      (await openInBrowser(url.href, process.platform, context.io.env));
    context.note(
      `${opened ? "Opened it in your browser. " : ""}Waiting for the sign-in on ${loopback.redirectUri} ` +
        `(up to ${timeoutS} s; Ctrl-C to cancel)...`,
    );
    const callback = await loopback.next({
      timeoutMs: timeoutS * 1000,
      ...(context.io.signal === undefined ? {} : { signal: context.io.signal }),
    });

    let code: string;
    try {
      ({ code } = readCallback(callback.url, state));
    } catch (error) {
      if (!(error instanceof OAuthCallbackError)) throw error;
      callback.answer(400, "Sign-in failed", `shutterkit did not accept this sign-in: ${error.message}.`);
      throw new CommandFailed(
        error.reason === "state_mismatch"
          ? "Sign-in refused: the browser came back with a state this login did not send (an old tab, or " +
              "another site sending you here). Nothing was stored. Run shutterkit login again."
          : `Sign-in failed: ${error.message}. Nothing was stored.`,
        ExitCode.Auth,
      );
    }

    const tokenEndpoint = createClient({ baseUrl });
    const tokens = await exchangeCode(tokenEndpoint, { clientId, clientSecret, code }).catch(
      (error: unknown) => {
        callback.answer(
          502,
          "Sign-in failed",
          "The sign-in code could not be exchanged for tokens; see the terminal.",
        );
        if (isShutterstockError(error) && (error._tag === "BadRequest" || error._tag === "Unauthorized"))
          throw new CommandFailed(
            `The API refused to exchange the sign-in code (${error.message}). Check ${CLIENT_ID_VAR} and ` +
              `${CLIENT_SECRET_VAR}, then run shutterkit login again.`,
            ExitCode.Auth,
          );
        throw error;
      },
    );
    await writeStoredLogin(context.credentialsFile, {
      baseUrl,
      clientId,
      clientSecret,
      scopes,
      tokens,
      signedInAt: new Date().toISOString(),
    });
    callback.answer(200, "Signed in", "shutterkit is signed in. You can close this tab.");
    if (context.json)
      return context.print(
        json({
          signedIn: true,
          baseUrl,
          clientId,
          scopes,
          credentialsFile: context.credentialsFile,
          expiresAt: tokens.expiresAt === undefined ? null : new Date(tokens.expiresAt).toISOString(),
          renewable: tokens.refreshToken !== undefined,
        }),
      );
    context.print(
      `Signed in to ${baseUrl} (scopes: ${scopes.join(", ")}). The tokens are stored in ${context.credentialsFile}` +
        `${tokens.refreshToken === undefined ? "" : " and renewed as needed"}.`,
    );
  } finally {
    await loopback.close();
  }
};

export const login: Command = {
  name: "login",
  summary: "sign in with the browser and store the tokens for later commands",
  usage: [
    "login [--scopes S] [--port N] [--timeout SECONDS] [--no-browser] [--client-id ID --client-secret SECRET]",
  ],
  options: {
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    scopes: { type: "string" },
    port: { type: "string" },
    timeout: { type: "string" },
    "no-browser": { type: "boolean" },
  },
  help: [
    "Options:",
    `      --client-id ID       the application's client id (default: ${CLIENT_ID_VAR})`,
    `      --client-secret S    its client secret (default: ${CLIENT_SECRET_VAR}; prefer the variable,`,
    "                           a command line is visible to other users of the machine)",
    `      --scopes S           scopes to ask for, comma or space separated (default: ${DEFAULT_SCOPES.join(",")})`,
    "      --port N             loopback port for the redirect (default: a free one; the redirect URI is",
    "                           http://127.0.0.1:<port>/callback)",
    `      --timeout SECONDS    how long to wait for the browser (default ${DEFAULT_TIMEOUT_S})`,
    "      --no-browser         only print the address; do not open a browser",
    "",
    "The tokens are stored in $XDG_CONFIG_HOME/shutterkit/credentials.json (default ~/.config/shutterkit;",
    "macOS ~/Library/Application Support/shutterkit; Windows %APPDATA%\\shutterkit), mode 0600. Later",
    `commands use them when ${ENV_VARS.token} and ${ENV_VARS.key}/${ENV_VARS.secret} are not set.`,
    `${ENV_VARS.baseUrl} chooses the API to sign in to (for example a sandbox).`,
  ].join("\n"),
  run: runLogin,
};

export const logout: Command = {
  name: "logout",
  summary: "remove the tokens stored by login",
  usage: ["logout"],
  options: {},
  run: async (context) => {
    const removed = await deleteStoredLogin(context.credentialsFile);
    if (context.json) return context.print(json({ removed, credentialsFile: context.credentialsFile }));
    context.print(
      removed
        ? `Signed out: removed the tokens stored in ${context.credentialsFile}.`
        : `Not signed in: nothing stored at ${context.credentialsFile}.`,
    );
  },
};

export const whoami: Command = {
  name: "whoami",
  summary: "which credentials the CLI uses, and the account and scopes of its token",
  usage: ["whoami"],
  options: {},
  run: async (context) => {
    const client = context.client();
    const type = client.config.credentials?.type;
    const source =
      type === "refreshing"
        ? `the sign-in stored in ${context.credentialsFile}`
        : type === "oauth"
          ? ENV_VARS.token
          : `${ENV_VARS.key} and ${ENV_VARS.secret}`;
    if (type === "basic") {
      if (context.json)
        return context.print(json({ credentials: "key-pair", baseUrl: client.config.baseUrl.origin }));
      return context.print(
        `Using the application key pair from ${source} on ${client.config.baseUrl.origin}: no user, enough ` +
          "for search, similar, details and keywords.",
      );
    }
    const details = await client.send(getAccessToken, context.request);
    if (context.json)
      return context.print(json({ credentials: type, baseUrl: client.config.baseUrl.origin, ...details }));
    context.print(
      [
        `user:        ${details.username ?? details.user_id ?? "(unknown)"}`,
        `api:         ${client.config.baseUrl.origin}`,
        `credentials: ${source}`,
        `scopes:      ${(details.scopes ?? []).join(", ") || "(none)"}`,
        ...(details.expires_in === undefined ? [] : [`expires in:  ${details.expires_in} s`]),
      ].join("\n"),
    );
  },
};
