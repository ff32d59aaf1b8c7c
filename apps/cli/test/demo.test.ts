// The demo as `npm run demo` runs it, in-process and as the built binary in a child process.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/run.ts";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

const isImage = (bytes: Buffer) =>
  (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) ||
  bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

describe("shutterkit demo", () => {
  it("runs the whole flow and leaves one verified image in ./downloads", async () => {
    const result = await runCli(["demo"], { stderrTTY: true });
    expect(result.code, result.stderr).toBe(0);
    for (const step of [
      "Sandbox API running at http://127.0.0.1:",
      "Uploaded red-circle.png",
      "Most similar images:",
      "Licensed image",
      "Downloaded downloads/",
      "Verified:",
      "Sandbox stopped",
    ])
      expect(result.stdout).toContain(step);
    expect(result.stderr).toContain("100%");
    const files = readdirSync(join(result.cwd, "downloads"));
    expect(files).toHaveLength(1);
    expect(isImage(readFileSync(join(result.cwd, "downloads", files[0]!)))).toBe(true);
  });

  it("--json prints one parsable summary", async () => {
    const result = await runCli(["demo", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      similar: unknown[];
      download: { bytes: number; type: string };
    };
    expect(summary.similar.length).toBeGreaterThan(0);
    expect(["jpeg", "png"]).toContain(summary.download.type);
  });

  it("the built binary runs it and exits 0 on its own", async () => {
    expect(existsSync(BIN), "apps/cli/dist/bin.js is missing: build first").toBe(true);
    const cwd = mkdtempSync(join(tmpdir(), "shutterkit-bin-"));
    const child = spawn(process.execPath, [BIN, "demo"], { cwd, env: { PATH: process.env["PATH"] ?? "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Exiting at all proves the sandbox and every socket were closed: nothing keeps the loop alive.
    // A child that hangs is killed (and fails the test) rather than left running.
    const watchdog = setTimeout(() => child.kill("SIGKILL"), 25_000);
    const code = await new Promise<number | null>((resolve) =>
      child.on("exit", (exitCode) => resolve(exitCode)),
    );
    clearTimeout(watchdog);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("Sandbox stopped");
    expect(readdirSync(join(cwd, "downloads"))).toHaveLength(1);
  });
});
