// The sign-in `shutterkit login` keeps on disk: the application it signed in with, the API origin
// and the token set. The file is as powerful as the account, so it is created 0600 in a 0700
// directory and replaced atomically (temporary file + rename), never left half written.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { chmod, mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { TokenSet } from "@shutterkit/core";
import { errorCodeOf } from "@shutterkit/core/wire";
import { Redacted, Result, Schema } from "effect";
import { CommandFailed, ExitCode } from "../errors.ts";

const StoredLoginFile = Schema.Struct({
  version: Schema.Literal(1),
  baseUrl: Schema.String,
  clientId: Schema.String,
  clientSecret: Schema.String,
  scopes: Schema.Array(Schema.String),
  accessToken: Schema.String,
  refreshToken: Schema.optional(Schema.String),
  expiresAt: Schema.optional(Schema.Number),
  signedInAt: Schema.String,
});
type StoredLoginFile = typeof StoredLoginFile.Type;

/** A stored sign-in, its secrets redacted so that printing it shows none. */
export interface StoredLogin {
  /** The API origin the tokens belong to; they are never sent anywhere else. */
  readonly baseUrl: string;
  readonly clientId: string;
  /** Kept because renewing the tokens needs it, and later runs may not have it in the environment. */
  readonly clientSecret: Redacted.Redacted<string>;
  readonly scopes: ReadonlyArray<string>;
  readonly tokens: TokenSet;
  readonly signedInAt: string;
}

const toFile = (login: StoredLogin): StoredLoginFile => ({
  version: 1,
  baseUrl: login.baseUrl,
  clientId: login.clientId,
  clientSecret: Redacted.value(login.clientSecret),
  scopes: [...login.scopes],
  accessToken: Redacted.value(login.tokens.accessToken),
  ...(login.tokens.refreshToken === undefined
    ? {}
    : { refreshToken: Redacted.value(login.tokens.refreshToken) }),
  ...(login.tokens.expiresAt === undefined ? {} : { expiresAt: login.tokens.expiresAt }),
  signedInAt: login.signedInAt,
});

const fromFile = (file: StoredLoginFile): StoredLogin => ({
  baseUrl: file.baseUrl,
  clientId: file.clientId,
  clientSecret: Redacted.make(file.clientSecret),
  scopes: file.scopes,
  tokens: {
    accessToken: Redacted.make(file.accessToken),
    ...(file.refreshToken === undefined ? {} : { refreshToken: Redacted.make(file.refreshToken) }),
    ...(file.expiresAt === undefined ? {} : { expiresAt: file.expiresAt }),
  },
  signedInAt: file.signedInAt,
});

const unreadable = (path: string, why: string) =>
  new CommandFailed(
    `The stored sign-in at ${path} cannot be used (${why}). Run shutterkit login again, or shutterkit logout to remove it.`,
    ExitCode.Auth,
  );

/**
 * The stored sign-in, or undefined when there is none. A damaged file is a `CommandFailed`.
 * Synchronous: the client is made on first use, inside code that expects it at once.
 */
export const readStoredLogin = (path: string): StoredLogin | undefined => {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (errorCodeOf(error) === "ENOENT") return undefined;
    throw unreadable(path, errorCodeOf(error) ?? "read failed");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unreadable(path, "not JSON");
  }
  const decoded = Schema.decodeUnknownResult(StoredLoginFile)(json);
  if (Result.isFailure(decoded)) throw unreadable(path, "not a shutterkit sign-in");
  return fromFile(decoded.success);
};

/** Writes the sign-in: directory 0700, a 0600 temporary file beside the target, then a rename over it. */
export const writeStoredLogin = async (path: string, login: StoredLogin): Promise<void> => {
  const directory = dirname(path);
  await mkdir(dirname(directory), { recursive: true });
  await mkdir(directory, { recursive: true, mode: 0o700 });
  // An existing directory keeps its mode through mkdir; tighten it (it holds nothing but ours).
  await chmod(directory, 0o700);
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(toFile(login), null, 2)}\n`, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

/** Removes the stored sign-in; says whether there was one. */
export const deleteStoredLogin = async (path: string): Promise<boolean> => {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if (errorCodeOf(error) === "ENOENT") return false;
    throw error;
  }
};
