// The CLI: prints where it listens and the credentials, serves, and stops cleanly on SIGTERM/SIGINT.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../src/bin.ts", import.meta.url));

const start = (args: string[]) => {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const printed = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n") && (output.includes("Ctrl+C") || output.trim().startsWith("{")))
        resolve(output);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", () => reject(new Error(`exited early: ${output}`)));
  });
  return { child, printed, exited, output: () => output };
};

const stop = async (child: ChildProcess, exited: Promise<number | null>, signal: NodeJS.Signals) => {
  child.kill(signal);
  return exited;
};

describe("shutterkit-sandbox bin", () => {
  it("prints the URL and credentials, serves the API, and stops on SIGTERM", async () => {
    const run = start(["--port", "0", "--seed", "3"]);
    const text = await run.printed;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    const id = /client id:\s+(\S+)/.exec(text)?.[1];
    const secret = /client secret:\s+(\S+)/.exec(text)?.[1];
    const token = /access token:\s+(\S+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    const basic = await fetch(`${url}/v2/images/search?per_page=1`, {
      headers: { authorization: `Basic ${btoa(`${id}:${secret}`)}` },
    });
    expect(basic.status).toBe(200);
    const user = await fetch(`${url}/v2/user`, { headers: { authorization: `Bearer ${token}` } });
    expect(user.status).toBe(200);
    expect(await stop(run.child, run.exited, "SIGTERM")).toBe(0);
    expect(run.output()).toContain("stopped (SIGTERM)");
    await expect(fetch(`${url}/v2/test`)).rejects.toThrow();
  }, 30_000);

  it("prints one JSON line with --json and stops on SIGINT", async () => {
    const run = start(["--port", "0", "--json"]);
    const line = JSON.parse((await run.printed).trim()) as {
      url: string;
      credentials: { accessToken: string };
    };
    expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.credentials.accessToken).toMatch(/^v2\//);
    expect((await fetch(`${line.url}/v2/test`)).status).toBe(200);
    expect(await stop(run.child, run.exited, "SIGINT")).toBe(0);
  }, 30_000);

  it("rejects bad arguments", async () => {
    const child = spawn(process.execPath, [BIN, "--port", "nope"], { stdio: "ignore" });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
  }, 30_000);
});
