// Where the CLI keeps what `shutterkit login` stored: the user's configuration directory, as each
// platform names it, so a backup or a dotfile manager finds it where it expects.
import { homedir } from "node:os";
import { join } from "node:path";

export interface PathEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
}

const set = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === "" ? undefined : value;

/**
 * `$XDG_CONFIG_HOME/shutterkit` when set (on every platform, so tests and portable setups can
 * move it), else `%APPDATA%\shutterkit` on Windows, `~/Library/Application Support/shutterkit`
 * on macOS and `~/.config/shutterkit` elsewhere.
 */
export const configDirectory = ({ env, platform }: PathEnvironment): string => {
  const xdg = set(env["XDG_CONFIG_HOME"]);
  if (xdg !== undefined) return join(xdg, "shutterkit");
  const home = set(env["HOME"]) ?? set(env["USERPROFILE"]) ?? homedir();
  if (platform === "win32")
    return join(set(env["APPDATA"]) ?? join(home, "AppData", "Roaming"), "shutterkit");
  if (platform === "darwin") return join(home, "Library", "Application Support", "shutterkit");
  return join(home, ".config", "shutterkit");
};

export const credentialsFile = (environment: PathEnvironment): string =>
  join(configDirectory(environment), "credentials.json");
