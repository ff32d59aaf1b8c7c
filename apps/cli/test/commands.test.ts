// The CLI end to end, in-process, against a real sandbox on 127.0.0.1.
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../src/errors.ts";
import { runCli } from "./support/run.ts";
import {
  clearFaults,
  injectFault,
  keyPairEnv,
  type Sandbox,
  startSandbox,
  stats,
  tokenEnv,
} from "./support/sandbox.ts";

const SAMPLE = fileURLToPath(new URL("../assets/red-circle.png", import.meta.url));

let sandbox: Sandbox;
let env: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox();
  env = tokenEnv(sandbox);
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  await clearFaults(sandbox);
});

const isImage = (bytes: Buffer) =>
  (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) ||
  bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

const parseJson = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

/** The id of some commercially licensable image in the catalog. */
const anImageId = async (): Promise<string> => {
  const result = await runCli(["search", "circle", "-n", "3", "--license", "commercial", "--json"], { env });
  const data = parseJson(result.stdout)["data"] as Array<{ id: string }>;
  return data[0]!.id;
};

const licenseOne = async (): Promise<{ licenseId: string; url: string }> => {
  const result = await runCli(["license", await anImageId(), "--size", "small", "--json"], { env });
  expect(result.code, result.stderr).toBe(0);
  const entry = (
    parseJson(result.stdout)["data"] as Array<{ license_id: string; download: { url: string } }>
  )[0]!;
  return { licenseId: entry.license_id, url: entry.download.url };
};

describe("search, similar, details, keywords", () => {
  it("search prints a table of images", async () => {
    const result = await runCli(["search", "red", "circle", "-n", "4"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^ID\s+DESCRIPTION\s+TYPE\s+PREVIEW/);
    expect(lines.filter((line) => /^\d{6,}\s/.test(line))).toHaveLength(4);
    expect(result.stdout).toContain('results for "red circle"');
    expect(result.stderr).toBe("");
  });

  it("search --json prints the API's response and nothing else", async () => {
    const result = await runCli(["--json", "search", "circle", "-n", "2"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    const body = parseJson(result.stdout);
    expect(body["data"]).toHaveLength(2);
    expect(typeof body["total_count"]).toBe("number");
  });

  it("similar uploads a picture file and lists look-alikes", async () => {
    const result = await runCli(["similar", SAMPLE, "-n", "3"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect(result.stdout).toMatch(/similar to .*red-circle\.png \(upload U\w+\)/);
    expect(
      result.stdout
        .trim()
        .split("\n")
        .filter((line) => /^\d{6,}\s/.test(line)),
    ).toHaveLength(3);
  });

  it("similar accepts an image id, with --json", async () => {
    const result = await runCli(["similar", await anImageId(), "-n", "2", "--json"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect((parseJson(result.stdout)["data"] as unknown[]).length).toBeGreaterThan(0);
  });

  it("similar and keywords reject a non-image file before any request", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "shutterkit-cli-"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(cwd, "notes.txt"), "not a picture");
    const before = (await stats(sandbox)).byOperation["uploadImage"] ?? 0;
    const result = await runCli(["similar", "notes.txt"], { env, cwd });
    expect(result.code).toBe(ExitCode.File);
    expect(result.stderr).toContain("not a JPEG or PNG");
    expect((await stats(sandbox)).byOperation["uploadImage"] ?? 0).toBe(before);
  });

  it("details shows one image, and exits 4 for an unknown id", async () => {
    const id = await anImageId();
    const result = await runCli(["details", id], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect(result.stdout).toContain(`id:`);
    expect(result.stdout).toContain(id);
    const missing = await runCli(["details", "999999999999"], { env });
    expect(missing.code).toBe(ExitCode.NotFound);
    expect(missing.stderr).toContain("404");
  });

  it("keywords suggests words for a picture", async () => {
    const result = await runCli(["keywords", SAMPLE, "--json"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect((parseJson(result.stdout)["data"] as string[]).length).toBeGreaterThan(0);
  });
});

describe("license and download", () => {
  it("license prints the license and a download URL", async () => {
    const id = await anImageId();
    const result = await runCli(["license", id, "--size", "small"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect(result.stdout).toMatch(/^IMAGE\s+LICENSE\s+STATUS\s+DOWNLOAD URL/);
    expect(result.stdout).toContain(id);
    expect(result.stdout).toContain("licensed");
  });

  it("download by license id writes ./downloads/<file> with a progress bar on stderr", async () => {
    const { licenseId } = await licenseOne();
    const result = await runCli(["download", licenseId, "--progress"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect(result.stdout).toMatch(/^Saved downloads\//);
    expect(result.stderr).toContain("100%");
    const files = readdirSync(join(result.cwd, "downloads"));
    expect(files).toHaveLength(1);
    expect(isImage(readFileSync(join(result.cwd, "downloads", files[0]!)))).toBe(true);
  });

  it("download by URL to a file path, --json; no progress without a terminal", async () => {
    const { url } = await licenseOne();
    const result = await runCli(["download", url, "-o", "out/picture.jpg", "--json"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    const saved = parseJson(result.stdout) as { path: string; bytes: number };
    expect(saved.path).toBe(join(result.cwd, "out", "picture.jpg"));
    expect(statSync(saved.path).size).toBe(saved.bytes);
    expect(result.stderr).toBe("");
    const again = await runCli(["download", url, "-o", "out/picture.jpg"], { env, cwd: result.cwd });
    expect(again.code).toBe(ExitCode.File);
    expect(again.stderr).toContain("already exists");
  });

  it("an interrupted download leaves no file (truncated body)", async () => {
    const { url } = await licenseOne();
    await injectFault(sandbox, { route: new URL(url).pathname, kind: "truncate" });
    const result = await runCli(["download", url], { env });
    expect(result.code).toBe(ExitCode.File);
    expect(result.stderr).toContain("No partial file was left behind");
    expect(readdirSync(join(result.cwd, "downloads"))).toEqual([]);
  });

  it("an interrupted download leaves no file (connection reset)", async () => {
    const { url } = await licenseOne();
    // Twice: the Node transport sends a GET whose connection was reset before any byte once more.
    await injectFault(sandbox, { route: new URL(url).pathname, kind: "reset", when: "after", count: 2 });
    const result = await runCli(["download", url, "-o", "x.jpg"], { env });
    expect(result.code).toBe(ExitCode.File);
    expect(readdirSync(result.cwd)).toEqual([]);
  });

  it("Ctrl-C during a download exits 130 and leaves no file", async () => {
    const { url } = await licenseOne();
    await injectFault(sandbox, { route: new URL(url).pathname, kind: "delay", ms: 5_000 });
    const controller = new AbortController();
    const running = runCli(["download", url], { env, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const result = await running;
    expect(result.code).toBe(ExitCode.Interrupted);
    expect(result.stderr).toContain("Interrupted");
    expect(readdirSync(join(result.cwd, "downloads"))).toEqual([]);
  });

  it("a token without licenses.create gets a 403 naming the scope", async () => {
    const token = await sandbox.sandbox.issueToken(["licenses.view", "purchases.view", "user.view"]);
    const result = await runCli(["license", await anImageId(), "--subscription", "s1"], {
      env: { SHUTTERSTOCK_BASE_URL: sandbox.url, SHUTTERSTOCK_API_TOKEN: token },
    });
    expect(result.code).toBe(ExitCode.Auth);
    expect(result.stderr).toContain("missing the scope: licenses.create");
    expect(result.stderr).toContain("SHUTTERSTOCK_API_TOKEN");
  });

  it("a key pair cannot license: 403 names the scope and the variable", async () => {
    const result = await runCli(["license", await anImageId(), "--subscription", "s1"], {
      env: keyPairEnv(sandbox),
    });
    expect(result.code).toBe(ExitCode.Auth);
    expect(result.stderr).toContain("403");
    expect(result.stderr).toContain("licenses.create");
    expect(result.stderr).toContain("SHUTTERSTOCK_API_TOKEN");
  });
});

describe("errors and retries", () => {
  it("retries an injected 429 and succeeds", async () => {
    await injectFault(sandbox, {
      route: "searchImages",
      kind: "status",
      status: 429,
      retryAfter: 0,
      count: 1,
    });
    const before = (await stats(sandbox)).byOperation["searchImages"] ?? 0;
    const result = await runCli(["search", "tree", "--json"], { env });
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect(parseJson(result.stdout)["data"]).toBeDefined();
    expect(result.stderr).toContain("RateLimited, retrying");
    expect((await stats(sandbox)).byOperation["searchImages"]).toBe(before + 2);
  });

  it("exits 5 and says when to retry when the 429s do not stop", async () => {
    await injectFault(sandbox, {
      route: "searchImages",
      kind: "status",
      status: 429,
      retryAfter: 0,
      count: 50,
    });
    const result = await runCli(["search", "tree"], { env });
    expect(result.code).toBe(ExitCode.RateLimited);
    expect(result.stderr).toContain("Rate limited (429)");
    expect(result.stderr).toMatch(/try again/i);
  });

  it("explains an editorial refusal and licenses with --editorial", async () => {
    const search = await runCli(["search", "circle", "--license", "editorial", "-n", "1", "--json"], { env });
    const id = (parseJson(search.stdout)["data"] as Array<{ id: string }>)[0]!.id;
    const refused = await runCli(["license", id], { env });
    expect(refused.code).toBe(ExitCode.ApiError);
    expect(refused.stdout).toContain("editorial");
    expect(refused.stderr).toContain("--editorial");
    const licensed = await runCli(["license", id, "--editorial"], { env });
    expect(licensed.code, licensed.stderr).toBe(ExitCode.Ok);
  });

  it("401 names the environment variables", async () => {
    const result = await runCli(["search", "cat"], {
      env: { SHUTTERSTOCK_BASE_URL: sandbox.url, SHUTTERSTOCK_API_TOKEN: "not-a-valid-token" },
    });
    expect(result.code).toBe(ExitCode.Auth);
    expect(result.stderr).toContain("401");
    expect(result.stderr).toContain("SHUTTERSTOCK_API_TOKEN");
    expect(result.stderr).toContain("SHUTTERSTOCK_API_KEY and SHUTTERSTOCK_API_SECRET");
    expect(result.stderr).not.toContain("not-a-valid-token");
  });

  it("exits 6 when the API cannot be reached", async () => {
    const result = await runCli(["details", "1"], {
      env: { SHUTTERSTOCK_BASE_URL: "http://127.0.0.1:1", SHUTTERSTOCK_API_TOKEN: "t" },
    });
    expect(result.code).toBe(ExitCode.Network);
    expect(result.stderr).toContain("SHUTTERSTOCK_BASE_URL");
  });
});

describe("collections", () => {
  it("creates, fills, shows, lists and empties a collection", async () => {
    const created = await runCli(["collections", "create", "Red", "things", "--json"], { env });
    expect(created.code).toBe(ExitCode.Ok);
    const id = parseJson(created.stdout)["id"] as string;
    const image = await anImageId();
    expect((await runCli(["collections", "add", id, image], { env })).stdout).toContain("Added 1 image");
    const shown = await runCli(["collections", "show", id], { env });
    expect(shown.stdout).toContain("Red things");
    expect(shown.stdout).toContain(image);
    const listed = await runCli(["collections", "list"], { env });
    expect(listed.stdout).toContain(id);
    expect((await runCli(["collections", "remove", id, image], { env })).code).toBe(ExitCode.Ok);
    const empty = await runCli(["collections", "show", id, "--json"], { env });
    expect(parseJson(empty.stdout)["items"]).toEqual([]);
  });
});
