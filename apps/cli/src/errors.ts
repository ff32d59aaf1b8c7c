// Exit codes and the messages a person sees for each kind of failure: what went wrong and what to
// do about it (which variable to set, which scope is missing, when to try again).
import {
  type Credentials,
  DownloadError,
  EnvironmentError,
  FileError,
  isShutterstockError,
  type ShutterstockError,
} from "@shutterkit/node";

export const ExitCode = {
  Ok: 0,
  /** The API refused or failed the request (4xx/5xx other than below). */
  ApiError: 1,
  /** Bad command line, or parameters the API contract rejects (nothing was sent). */
  Usage: 2,
  /** Missing, wrong or insufficient credentials (no variables, 401, 403). */
  Auth: 3,
  /** The asset, license or collection does not exist (404). */
  NotFound: 4,
  /** Still rate limited (429) after the automatic retries. */
  RateLimited: 5,
  /** The API could not be reached, or did not answer in time. */
  Network: 6,
  /** A local file could not be read, or a download could not be completed. */
  File: 7,
  /** Interrupted (Ctrl-C). */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A command-line mistake; the message says what is expected. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A command could not do all it was asked, and has already said why on stdout. */
export class CommandFailed extends Error {
  override readonly name = "CommandFailed";
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = ExitCode.ApiError) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface ErrorContext {
  /** Which credentials the client used, to say which variable to fix. */
  readonly auth: Credentials["type"] | undefined;
  readonly baseUrl: string | undefined;
  /** The credentials file of `shutterkit login`, when the client used it. */
  readonly storedLogin?: string | undefined;
}

export interface Failure {
  readonly exitCode: ExitCode;
  readonly message: string;
}

const TOKEN = "SHUTTERSTOCK_API_TOKEN";
const KEY_PAIR = "SHUTTERSTOCK_API_KEY and SHUTTERSTOCK_API_SECRET";

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.ceil(ms / 1000)} s`);

const apiFailure = (error: ShutterstockError, context: ErrorContext): Failure => {
  const request = `${error.method} ${error.route}`;
  const requestId = error.requestId === undefined ? "" : ` (request id ${error.requestId})`;
  switch (error._tag) {
    case "Unauthorized": {
      if (context.storedLogin !== undefined)
        return {
          exitCode: ExitCode.Auth,
          message:
            `Not authenticated (401) for ${request}. The sign-in stored in ${context.storedLogin} was ` +
            `rejected and could not be renewed${error.oauthError === undefined ? "" : ` (${error.oauthError})`}.\n` +
            `Run shutterkit login again, or set ${TOKEN} (or ${KEY_PAIR}) to use other credentials.`,
        };
      const using =
        context.auth === "oauth"
          ? `The OAuth token in ${TOKEN} was rejected: it may be expired or revoked.`
          : context.auth === "basic"
            ? `The key pair in ${KEY_PAIR} was rejected.`
            : "No credentials were sent.";
      return {
        exitCode: ExitCode.Auth,
        message:
          `Not authenticated (401) for ${request}. ${using}\n` +
          `Set ${TOKEN} to a valid OAuth access token, or set ${KEY_PAIR} to your application's ` +
          `consumer key and secret (https://www.shutterstock.com/account/developers/apps).`,
      };
    }
    case "Forbidden": {
      const scopes = error.missingScopes.length > 0 ? error.missingScopes.join(", ") : undefined;
      const needsToken =
        context.auth === "basic"
          ? `\nThis operation needs an OAuth token: a key and secret (${KEY_PAIR}) cannot do it. Set ${TOKEN}.`
          : "";
      return {
        exitCode: ExitCode.Auth,
        message:
          `Not allowed (403) for ${request}${requestId}.` +
          (scopes === undefined
            ? " The credentials are valid but lack the permission for this operation."
            : ` The token is missing the scope${error.missingScopes.length > 1 ? "s" : ""}: ${scopes}.\n` +
              `Get a new token that includes ${scopes} and set it in ${TOKEN}.`) +
          needsToken,
      };
    }
    case "RateLimited":
      return {
        exitCode: ExitCode.RateLimited,
        message:
          `Rate limited (429) for ${request}, still after the automatic retries. ` +
          (error.retryAfterMs === undefined || error.retryAfterMs < 1000
            ? "Wait a few seconds and try again."
            : `The API asks to wait ${seconds(error.retryAfterMs)} before trying again.`),
      };
    case "NotFound":
      return { exitCode: ExitCode.NotFound, message: `Not found (404): ${error.message}${requestId}` };
    case "InvalidRequest":
      return {
        exitCode: ExitCode.Usage,
        message: `Invalid input for ${request} (nothing was sent):\n${error.issues
          .map((issue) => `  ${issue.path}: ${issue.message}`)
          .join("\n")}`,
      };
    case "NetworkError":
    case "Timeout":
      return {
        exitCode: ExitCode.Network,
        message:
          `${error.message}\nCould not get an answer from ${context.baseUrl ?? "the API"}; check your ` +
          `network, or SHUTTERSTOCK_BASE_URL if you set it.`,
      };
    case "ServerError":
      return {
        exitCode: ExitCode.ApiError,
        message:
          `The API failed (${error.status ?? "5xx"}) for ${request}${requestId}. ` +
          (error.retryAfterMs === undefined
            ? "Try again later."
            : `Try again in ${seconds(error.retryAfterMs)}.`),
      };
    case "BadRequest":
      return {
        exitCode: ExitCode.ApiError,
        message: [
          `The API rejected the request: ${error.message}${requestId}`,
          ...error.errors
            .filter((detail) => !error.message.includes(detail.message))
            .map((detail) => `  ${detail.message}`),
        ].join("\n"),
      };
    case "DecodeError":
      return {
        exitCode: ExitCode.ApiError,
        message: `Unexpected answer from the API: ${error.message}${requestId}`,
      };
  }
};

/** Maps anything a command throws to an exit code and a message for stderr. */
export const describeFailure = (error: unknown, context: ErrorContext): Failure => {
  if (error instanceof UsageError) return { exitCode: ExitCode.Usage, message: error.message };
  if (error instanceof CommandFailed) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof EnvironmentError)
    return {
      exitCode: ExitCode.Auth,
      message:
        error.reason === "MissingCredentials"
          ? `${error.message} Or sign in once with: shutterkit login`
          : error.message,
    };
  if (error instanceof FileError) return { exitCode: ExitCode.File, message: error.message };
  if (error instanceof DownloadError)
    return {
      exitCode: error.reason === "Aborted" ? ExitCode.Interrupted : ExitCode.File,
      message: `Download failed: ${error.message}. No partial file was left behind.`,
    };
  if (isShutterstockError(error)) return apiFailure(error, context);
  if (error instanceof Error && error.name === "AbortError")
    return { exitCode: ExitCode.Interrupted, message: "Interrupted." };
  return {
    exitCode: ExitCode.ApiError,
    message: `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  };
};
