// `shutterkit login`, the stored sign-in on later runs, and `logout`, end to end against a real
// sandbox on 127.0.0.1. The test plays the browser: it follows the printed authorize URL to the
// sandbox, which redirects (302) to the CLI's loopback listener.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Redacted } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../src/errors.ts";
import { configDirectory } from "../src/login/paths.ts";
import { storedCredentials } from "../src/login/session.ts";
import { readStoredLogin } from "../src/login/store.ts";
import { main } from "../src/main.ts";
import { capture, runCli } from "./support/run.ts";
import { type Sandbox, startSandbox, stats } from "./support/sandbox.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

interface StoredFile {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  accessToken: string;
  refreshToken?: string;
  expiresAt?: number;
}

/** A fresh config home, and the variables a later run sees (no credentials of its own). */
const freshHome = () => {
  const home = mkdtempSync(join(tmpdir(), "shutterkit-login-"));
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, "config"), SHUTTERSTOCK_BASE_URL: sandbox.url };
  return { home, env, file: join(home, "config", "shutterkit", "credentials.json") };
};

const loginEnv = (env: Record<string, string>) => ({
  ...env,
  SHUTTERSTOCK_CLIENT_ID: sandbox.credentials.clientId,
  SHUTTERSTOCK_CLIENT_SECRET: sandbox.credentials.clientSecret,
});

const readStored = (file: string): StoredFile => JSON.parse(readFileSync(file, "utf8")) as StoredFile;

const mode = (path: string) => statSync(path).mode & 0o777;

const until = async <T>(probe: () => T | undefined, what: string): Promise<T> => {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
};

/** Starts `shutterkit login`, and returns the authorize URL it printed and the run in flight. */
const startLogin = async (env: Record<string, string>, extra: ReadonlyArray<string> = []) => {
  const stdout = capture();
  const stderr = capture();
  const cwd = mkdtempSync(join(tmpdir(), "shutterkit-cli-"));
  const running = main(["login", "--no-browser", ...extra], { stdout, stderr, env, cwd });
  const printed = await until(
    () => /https?:\/\/\S+\/v2\/oauth\/authorize\?\S+/.exec(stderr.text())?.[0],
    "the authorize URL",
  );
  const result = async () => ({ code: await running, stdout: stdout.text(), stderr: stderr.text() });
  return { authorize: new URL(printed), result };
};

/** The browser's part: the authorize page redirects to the loopback listener, which answers a page. */
const authorizeRedirect = async (authorize: URL): Promise<URL> => {
  const answer = await fetch(authorize, { redirect: "manual" });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location") ?? "");
};

const signIn = async (env: Record<string, string>, extra: ReadonlyArray<string> = []) => {
  const { authorize, result } = await startLogin(loginEnv(env), extra);
  const callback = await authorizeRedirect(authorize);
  const page = await fetch(callback);
  return { authorize, callback, page: { status: page.status, text: await page.text() }, ...(await result()) };
};

const expectNoSecrets = (output: string, stored: StoredFile) => {
  expect(output).not.toContain(stored.accessToken);
  if (stored.refreshToken !== undefined) expect(output).not.toContain(stored.refreshToken);
  expect(output).not.toContain(stored.clientSecret);
};

describe("shutterkit login", () => {
  it("signs in through the loopback redirect and stores the tokens 0600 in a 0700 directory", async () => {
    const { env, file } = freshHome();
    const run = await signIn(env, ["--scopes", "user.view,collections.view"]);
    expect(run.code, run.stderr).toBe(ExitCode.Ok);
    expect(run.authorize.searchParams.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(run.authorize.searchParams.get("scope")).toBe("user.view collections.view");
    expect(run.callback.hostname).toBe("127.0.0.1");
    expect(run.page).toMatchObject({ status: 200 });
    expect(run.page.text).toContain("Signed in");
    expect(run.stdout).toContain(file);

    expect(mode(file)).toBe(0o600);
    expect(mode(dirname(file))).toBe(0o700);
    const stored = readStored(file);
    expect(stored).toMatchObject({
      baseUrl: new URL(sandbox.url).origin,
      clientId: sandbox.credentials.clientId,
      scopes: ["user.view", "collections.view"],
    });
    expect(stored.accessToken).not.toBe("");
    expect(stored.refreshToken).toBeDefined();
    expect(stored.expiresAt).toBeGreaterThan(Date.now());
    expectNoSecrets(run.stdout + run.stderr + run.page.text, stored);
    expect(readdirSync(dirname(file))).toEqual(["credentials.json"]);
  });

  it("asks for the CLI's scopes by default", async () => {
    const { env, file } = freshHome();
    const run = await signIn(env);
    expect(run.code, run.stderr).toBe(ExitCode.Ok);
    expect(readStored(file).scopes).toEqual([
      "user.view",
      "licenses.create",
      "licenses.view",
      "purchases.view",
      "collections.view",
      "collections.edit",
    ]);
  });

  it("refuses a callback whose state is not the one it sent, and stores nothing", async () => {
    const { env, file } = freshHome();
    const { authorize, result } = await startLogin(loginEnv(env));
    const callback = await authorizeRedirect(authorize);
    callback.searchParams.set("state", "forged-state");
    const page = await fetch(callback);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("Sign-in failed");
    const run = await result();
    expect(run.code).toBe(ExitCode.Auth);
    expect(run.stderr).toContain("state this login did not send");
    expect(() => statSync(file)).toThrow();
  });

  it("gives up with a clear message when the browser never comes back", async () => {
    const { env, file } = freshHome();
    const { result } = await startLogin(loginEnv(env), ["--timeout", "1"]);
    const run = await result();
    expect(run.code).toBe(ExitCode.Auth);
    expect(run.stderr).toContain("No sign-in arrived within 1 s");
    expect(run.stderr).toContain("--timeout");
    expect(() => statSync(file)).toThrow();
  });

  it("answers other requests to the listener with 404 and keeps waiting for the callback", async () => {
    const { env } = freshHome();
    const { authorize, result } = await startLogin(loginEnv(env));
    const callback = await authorizeRedirect(authorize);
    const favicon = await fetch(new URL("/favicon.ico", callback));
    expect(favicon.status).toBe(404);
    expect((await fetch(callback)).status).toBe(200);
    expect((await result()).code).toBe(ExitCode.Ok);
  });

  it("stops waiting when interrupted", async () => {
    const { env, file } = freshHome();
    const abort = new AbortController();
    const stderr = capture();
    const running = main(["login", "--no-browser"], {
      stdout: capture(),
      stderr,
      env: loginEnv(env),
      cwd: mkdtempSync(join(tmpdir(), "shutterkit-cli-")),
      signal: abort.signal,
    });
    await until(() => (stderr.text().includes("Waiting for the sign-in") ? true : undefined), "the wait");
    abort.abort();
    expect(await running).toBe(ExitCode.Interrupted);
    expect(() => statSync(file)).toThrow();
  });

  it("refuses a --port that is taken", async () => {
    const { env } = freshHome();
    const { authorize, result } = await startLogin(loginEnv(env));
    const taken = new URL(authorize.searchParams.get("redirect_uri") ?? "").port;
    const second = await runCli(["login", "--no-browser", "--port", taken], { env: loginEnv(env) });
    expect(second.code).toBe(ExitCode.Usage);
    expect(second.stderr).toContain(`Cannot listen on 127.0.0.1:${taken}`);
    await fetch(await authorizeRedirect(authorize));
    expect((await result()).code).toBe(ExitCode.Ok);
  });

  it("says what it needs without a client id and secret", async () => {
    const { env } = freshHome();
    const run = await runCli(["login", "--no-browser"], { env });
    expect(run.code).toBe(ExitCode.Usage);
    expect(run.stderr).toContain("SHUTTERSTOCK_CLIENT_ID");
    expect(run.stderr).toContain("SHUTTERSTOCK_CLIENT_SECRET");
  });

  it("reports a wrong client secret as the API's refusal of the code", async () => {
    const { env, file } = freshHome();
    const { authorize, result } = await startLogin({
      ...loginEnv(env),
      SHUTTERSTOCK_CLIENT_SECRET: "wrong-secret",
    });
    const page = await fetch(await authorizeRedirect(authorize));
    expect(page.status).toBe(502);
    const run = await result();
    expect(run.code).toBe(ExitCode.Auth);
    expect(run.stderr).toContain("refused to exchange the sign-in code");
    expect(run.stderr).not.toContain("wrong-secret");
    expect(() => statSync(file)).toThrow();
  });
});

describe("later runs on the stored sign-in", () => {
  it("a later command works with the stored token, and prints none of it", async () => {
    const { env, file } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);
    const stored = readStored(file);

    const who = await runCli(["whoami"], { env });
    expect(who.code, who.stderr).toBe(ExitCode.Ok);
    expect(who.stdout).toContain(`the sign-in stored in ${file}`);
    expect(who.stdout).toContain("licenses.create");
    const list = await runCli(["collections", "list"], { env });
    expect(list.code, list.stderr).toBe(ExitCode.Ok);
    expectNoSecrets(who.stdout + who.stderr + list.stdout + list.stderr, stored);
    // Nothing to renew yet: the file is untouched.
    expect(readStored(file)).toEqual(stored);
  });

  it("renews expired tokens through the API and rewrites the file atomically, 0600", async () => {
    const { env, file } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);
    const before = readStored(file);
    writeFileSync(file, JSON.stringify({ ...before, expiresAt: Date.now() - 1000 }), { mode: 0o600 });

    const who = await runCli(["whoami"], { env });
    expect(who.code, who.stderr).toBe(ExitCode.Ok);
    const after = readStored(file);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expiresAt).toBeGreaterThan(Date.now());
    expect(after).toMatchObject({
      clientId: before.clientId,
      scopes: before.scopes,
      baseUrl: before.baseUrl,
    });
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(dirname(file))).toEqual(["credentials.json"]);
    expectNoSecrets(who.stdout + who.stderr, after);
    expectNoSecrets(who.stdout + who.stderr, before);

    // The renewed token is the one the next run sends.
    const next = await runCli(["whoami"], { env });
    expect(next.code, next.stderr).toBe(ExitCode.Ok);
    expect(readStored(file)).toEqual(after);
  });

  it("renews once after a 401 for a token the API no longer accepts", async () => {
    const { env, file } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);
    const before = readStored(file);
    writeFileSync(file, JSON.stringify({ ...before, accessToken: "revoked-token" }), { mode: 0o600 });

    const list = await runCli(["collections", "list"], { env });
    expect(list.code, list.stderr).toBe(ExitCode.Ok);
    const after = readStored(file);
    expect(after.accessToken).not.toBe("revoked-token");
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(mode(file)).toBe(0o600);
  });

  it("takes tokens another run renewed meanwhile instead of spending the rotated refresh token", async () => {
    const { env, file } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);
    const loaded = readStoredLogin(file);
    if (loaded === undefined) throw new Error("no stored sign-in");
    const credentials = storedCredentials(file, loaded, "test");
    if (credentials.type !== "refreshing") throw new Error(`unexpected credentials ${credentials.type}`);

    // Another run renews first (its tokens were due): the file now holds a newer token set.
    writeFileSync(file, JSON.stringify({ ...readStored(file), expiresAt: Date.now() - 1000 }), {
      mode: 0o600,
    });
    expect((await runCli(["whoami"], { env })).code).toBe(ExitCode.Ok);
    const renewedElsewhere = readStored(file);
    expect(renewedElsewhere.accessToken).not.toBe(Redacted.value(loaded.tokens.accessToken));

    const exchanges = async () => (await stats(sandbox)).byOperation["createAccessToken"] ?? 0;
    const before = await exchanges();
    expect(before).toBeGreaterThan(0); // the sign-ins and renewals above went through it
    const tokens = await credentials.options.refresh(loaded.tokens);
    expect(Redacted.value(tokens.accessToken)).toBe(renewedElsewhere.accessToken);
    expect(await exchanges()).toBe(before);
  });

  it("asks for a new login when the stored tokens cannot be renewed", async () => {
    const { env, file } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);
    const before = readStored(file);
    writeFileSync(
      file,
      JSON.stringify({ ...before, accessToken: "revoked-token", refreshToken: "unknown-refresh-token" }),
      { mode: 0o600 },
    );
    const who = await runCli(["whoami"], { env });
    expect(who.code).toBe(ExitCode.Auth);
    expect(who.stderr).toContain(`The sign-in stored in ${file} was rejected`);
    expect(who.stderr).toContain("shutterkit login");
    expect(who.stderr).not.toContain("unknown-refresh-token");
    expect(who.stderr).not.toContain(before.clientSecret);
  });

  it("credentials in the environment win over the stored sign-in", async () => {
    const { env } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);
    const who = await runCli(["whoami"], {
      env: { ...env, SHUTTERSTOCK_API_TOKEN: sandbox.credentials.accessToken },
    });
    expect(who.code, who.stderr).toBe(ExitCode.Ok);
    expect(who.stdout).toContain("credentials: SHUTTERSTOCK_API_TOKEN");
  });

  it("never sends the stored tokens to another API origin", async () => {
    const { env } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);
    const who = await runCli(["whoami"], {
      env: { ...env, SHUTTERSTOCK_BASE_URL: "https://api.example.com" },
    });
    expect(who.code).toBe(ExitCode.Auth);
    expect(who.stderr).toContain("is for");
    expect(who.stderr).toContain("https://api.example.com");
  });

  it("a damaged file is reported with what to do", async () => {
    const { env, file } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);
    writeFileSync(file, "{ not json");
    const who = await runCli(["whoami"], { env });
    expect(who.code).toBe(ExitCode.Auth);
    expect(who.stderr).toContain(`The stored sign-in at ${file} cannot be used`);
  });
});

describe("shutterkit logout", () => {
  it("removes the stored tokens, says where they were, and is idempotent", async () => {
    const { env, file } = freshHome();
    expect((await signIn(env)).code).toBe(ExitCode.Ok);

    const first = await runCli(["logout"], { env });
    expect(first.code, first.stderr).toBe(ExitCode.Ok);
    expect(first.stdout).toContain(`removed the tokens stored in ${file}`);
    expect(() => statSync(file)).toThrow();

    const second = await runCli(["logout"], { env });
    expect(second.code).toBe(ExitCode.Ok);
    expect(second.stdout).toContain(`nothing stored at ${file}`);

    const who = await runCli(["whoami"], { env });
    expect(who.code).toBe(ExitCode.Auth);
    expect(who.stderr).toContain("shutterkit login");
  });
});

describe("where the sign-in is kept", () => {
  it("follows XDG_CONFIG_HOME, else each platform's configuration directory", () => {
    expect(configDirectory({ env: { XDG_CONFIG_HOME: "/x", HOME: "/h" }, platform: "darwin" })).toBe(
      "/x/shutterkit",
    );
    expect(configDirectory({ env: { HOME: "/h" }, platform: "linux" })).toBe("/h/.config/shutterkit");
    expect(configDirectory({ env: { HOME: "/h" }, platform: "darwin" })).toBe(
      "/h/Library/Application Support/shutterkit",
    );
    expect(configDirectory({ env: { HOME: "/h", APPDATA: "/appdata" }, platform: "win32" })).toBe(
      join("/appdata", "shutterkit"),
    );
  });
});
