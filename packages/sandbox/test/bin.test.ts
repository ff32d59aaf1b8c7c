// The CLI: prints where it listens and the credentials, serves, and stops cleanly on SIGTERM/SIGINT.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

const runToEnd = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });

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

  it("exports a data directory's state as JSON and imports it into another", async () => {
    const root = await mkdtemp(join(tmpdir(), "shutterkit-sandbox-transfer-"));
    try {
      const source = join(root, "source");
      const run = start(["--port", "0", "--json", "--seed", "4", "--data", source]);
      const line = JSON.parse((await run.printed).trim()) as {
        url: string;
        credentials: { accessToken: string };
      };
      const created = (await (
        await fetch(`${line.url}/v2/images/collections`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${line.credentials.accessToken}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ name: "Fixture" }),
        })
      ).json()) as { id: string };
      expect(await stop(run.child, run.exited, "SIGTERM")).toBe(0);

      const exported = await runToEnd(["export", "--data", source]);
      expect(exported.code).toBe(0);
      const state = JSON.parse(exported.stdout) as {
        seed: number;
        collections: { images: Record<string, { name: string }> };
      };
      expect(state.seed).toBe(4);
      expect(state.collections.images[created.id]?.name).toBe("Fixture");

      const fixture = join(root, "fixture.json");
      await writeFile(fixture, exported.stdout);
      const target = join(root, "target");
      expect((await runToEnd(["import", "--data", target, fixture])).code).toBe(0);
      expect(JSON.parse((await runToEnd(["export", "--data", target])).stdout)).toEqual(state);

      const empty = await runToEnd(["export", "--data", join(root, "empty")]);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain(join(root, "empty", "sandbox.db"));
      expect(existsSync(join(root, "empty"))).toBe(false);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);

  it("rejects bad arguments", async () => {
    const child = spawn(process.execPath, [BIN, "--port", "nope"], { stdio: "ignore" });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
  }, 30_000);
});
