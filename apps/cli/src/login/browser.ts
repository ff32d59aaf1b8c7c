// Opens the sign-in page in the user's browser where there is one. Best effort: the URL is always
// printed as well, so a failure here only means the user copies it.
import { spawn } from "node:child_process";

/** The command that opens a URL on this platform, or undefined when there is no desktop to open it on. */
const opener = (
  url: string,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): { command: string; args: string[] } | undefined => {
  if (platform === "darwin") return { command: "open", args: [url] };
  // `start` is a cmd built-in; its first quoted argument is the window title.
  if (platform === "win32") return { command: "cmd", args: ["/c", "start", '""', url.replaceAll("&", "^&")] };
  // Without a display, xdg-open would fall back to a terminal browser and take over the terminal.
  if (env["DISPLAY"] === undefined && env["WAYLAND_DISPLAY"] === undefined) return undefined;
  return { command: "xdg-open", args: [url] };
};

/** Starts the browser on `url`, detached; resolves to whether an opener was started. */
export const openInBrowser = (
  url: string,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): Promise<boolean> => {
  const how = opener(url, platform, env);
  if (how === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(how.command, how.args, { detached: true, stdio: "ignore" });
      child.once("error", () => resolve(false));
      child.once("spawn", () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
};
