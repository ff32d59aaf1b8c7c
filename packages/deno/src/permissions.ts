// Permission checks that run before Deno would throw `NotCapable`. A permission in the "prompt" state
// is requested, so an interactive user gets Deno's usual prompt; without a terminal (or with
// --no-prompt) the request is refused at once and the caller gets a MissingPermission with the flag.
import { MissingPermission, type PermissionName } from "./errors.ts";

const granted = (descriptor: Deno.PermissionDescriptor): boolean => {
  const { state } = Deno.permissions.querySync(descriptor);
  if (state === "granted") return true;
  if (state === "denied") return false;
  return Deno.permissions.requestSync(descriptor).state === "granted";
};

const missing = (permission: PermissionName, target: string, flag: string, purpose: string) =>
  new MissingPermission({
    message: `${purpose} needs ${permission} access to ${JSON.stringify(target)}: run Deno with ${flag}`,
    permission,
    target,
    flag,
  });

/** Throws MissingPermission unless the script may read the environment variable. */
/** Whether the variable may be read without asking: optional settings never prompt. */
export const mayReadEnv = (variable: string): boolean =>
  Deno.permissions.querySync({ name: "env", variable }).state === "granted";

export const requireEnv = (variable: string, purpose: string): void => {
  if (!granted({ name: "env", variable })) throw missing("env", variable, `--allow-env=${variable}`, purpose);
};

/** Throws MissingPermission unless the script may connect to the URL's host and port. */
export const requireNet = (url: URL, purpose: string): void => {
  // `url.host` keeps a non-default port, which is what Deno's net permission matches against.
  if (!granted({ name: "net", host: url.host })) {
    throw missing("net", url.host, `--allow-net=${url.hostname}`, purpose);
  }
};

/** Throws MissingPermission unless the script may read the path. */
export const requireRead = (path: string, purpose: string): void => {
  if (!granted({ name: "read", path })) throw missing("read", path, `--allow-read=${path}`, purpose);
};

/** Throws MissingPermission unless the script may write the path. */
export const requireWrite = (path: string, purpose: string): void => {
  if (!granted({ name: "write", path })) throw missing("write", path, `--allow-write=${path}`, purpose);
};
