// Behaviour that needs no server: argument handling, configuration errors, rendering.
import { Forbidden, RateLimited, Unauthorized } from "@shutterkit/node";
import { describe, expect, it } from "vitest";
import { describeFailure, ExitCode } from "../src/errors.ts";
import { bytes, table, truncate } from "../src/format.ts";
import { progressBar } from "../src/progress.ts";
import { capture, runCli } from "./support/run.ts";

const call = { operationId: "licenseImages", method: "POST", route: "/v2/images/licenses", status: 0 };

describe("command line", () => {
  it("prints help on --help and exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(ExitCode.Ok);
    for (const name of [
      "search",
      "similar",
      "details",
      "license",
      "download",
      "collections",
      "keywords",
      "demo",
    ])
      expect(result.stdout).toContain(`shutterkit ${name}`);
    expect(result.stdout).toContain("SHUTTERSTOCK_API_TOKEN");
  });

  it("prints a command's help", async () => {
    const result = await runCli(["download", "--help"]);
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.stdout).toContain("shutterkit download <license-id | url>");
  });

  it("exits 2 with usage for no command, unknown commands, unknown options and bad values", async () => {
    expect((await runCli([])).code).toBe(ExitCode.Usage);
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(ExitCode.Usage);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const option = await runCli(["search", "cat", "--colour", "red"]);
    expect(option.code).toBe(ExitCode.Usage);
    expect(option.stderr).toContain("shutterkit search --help");
    const perPage = await runCli(["search", "cat", "-n", "zero"], { env: { SHUTTERSTOCK_API_TOKEN: "t" } });
    expect(perPage.code).toBe(ExitCode.Usage);
    expect(perPage.stderr).toContain("--per-page");
    expect((await runCli(["details", "abc"])).code).toBe(ExitCode.Usage);
    expect((await runCli(["similar", "./no-such-file.png"])).code).toBe(ExitCode.Usage);
    expect((await runCli(["collections", "rename"])).code).toBe(ExitCode.Usage);
  });

  it("exits 3 and names the variables when no credentials are configured", async () => {
    const result = await runCli(["search", "cat"], { env: {} });
    expect(result.code).toBe(ExitCode.Auth);
    for (const name of ["SHUTTERSTOCK_API_TOKEN", "SHUTTERSTOCK_API_KEY", "SHUTTERSTOCK_API_SECRET"])
      expect(result.stderr).toContain(name);
    expect(result.stdout).toBe("");
  });

  it("prints the version", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("failure messages", () => {
  it("401 says which variables to set", () => {
    const failure = describeFailure(new Unauthorized({ ...call, status: 401, message: "m" }), {
      auth: "oauth",
      baseUrl: undefined,
    });
    expect(failure.exitCode).toBe(ExitCode.Auth);
    expect(failure.message).toContain("SHUTTERSTOCK_API_TOKEN");
    expect(failure.message).toContain("SHUTTERSTOCK_API_KEY and SHUTTERSTOCK_API_SECRET");
  });

  it("403 names the missing scope, and says a key pair cannot license", () => {
    const failure = describeFailure(
      new Forbidden({ ...call, status: 403, message: "m", missingScopes: ["licenses.create"] }),
      { auth: "basic", baseUrl: undefined },
    );
    expect(failure.exitCode).toBe(ExitCode.Auth);
    expect(failure.message).toContain("licenses.create");
    expect(failure.message).toContain("needs an OAuth token");
  });

  it("429 says when to retry", () => {
    const failure = describeFailure(
      new RateLimited({ ...call, status: 429, message: "m", retryAfterMs: 30_000 }),
      {
        auth: "oauth",
        baseUrl: undefined,
      },
    );
    expect(failure.exitCode).toBe(ExitCode.RateLimited);
    expect(failure.message).toContain("wait 30 s");
  });
});

describe("rendering", () => {
  it("fits tables to the width by shrinking flexible columns", () => {
    const rows = [{ id: "1", text: "a very long description that will not fit in the width" }];
    const output = table(
      rows,
      [
        { header: "id", value: (row) => row.id },
        { header: "text", value: (row) => row.text, flexible: true },
      ],
      30,
    );
    for (const line of output.split("\n")) expect(line.length).toBeLessThanOrEqual(30);
    expect(output).toContain("…");
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(bytes(1536)).toBe("1.5 KB");
  });

  it("draws a progress bar in place on a terminal and by quarters on a pipe", () => {
    const tty = capture({ isTTY: true });
    const bar = progressBar(tty, "downloading");
    bar.update(0, 100);
    bar.update(100, 100);
    bar.done();
    expect(tty.text()).toContain("\r");
    expect(tty.text()).toContain("100%");
    const pipe = capture();
    const logged = progressBar(pipe, "downloading");
    for (let received = 0; received <= 100; received += 5) logged.update(received, 100);
    logged.done();
    expect(pipe.text().trim().split("\n")).toHaveLength(5);
    expect(pipe.text()).not.toContain("\r");
  });
});
