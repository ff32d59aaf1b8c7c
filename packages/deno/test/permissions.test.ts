// Each case runs the adapter in a fresh `deno run --no-prompt` with only the listed permissions.
import assert from "node:assert/strict";
import { ENV_VARS as ENV } from "../mod.ts";
import { probe } from "./fixtures/env.ts";

const token = { [ENV.token]: "tok" };

Deno.test("without --allow-env the config read fails with MissingPermission naming the variable", async () => {
  const { error } = await probe([], ["config"], token);
  assert.equal(error?.name, "MissingPermission");
  assert.equal(error?.permission, "env");
  assert.equal(error?.target, ENV.token);
  assert.equal(error?.flag, `--allow-env=${ENV.token}`);
  assert.doesNotMatch(error?.message ?? "", /NotCapable/);
});

Deno.test("only the needed variables are read: a token plus an explicit base URL needs one variable", async () => {
  const { ok } = await probe([`--allow-env=${ENV.token}`], ["config", "http://127.0.0.1:9"], token);
  assert.deepEqual(ok, { baseUrl: "http://127.0.0.1:9", credentials: "oauth" });
});

Deno.test("without the base URL override, SHUTTERSTOCK_BASE_URL needs permission too", async () => {
  const { error } = await probe([`--allow-env=${ENV.token}`], ["config"], token);
  assert.equal(error?.permission, "env");
  assert.equal(error?.target, ENV.baseUrl);
});

Deno.test("without --allow-net for the API host the client fails with MissingPermission", async () => {
  const env = { ...token, [ENV.baseUrl]: "http://127.0.0.1:4321" };
  const { error } = await probe(["--allow-env"], ["client"], env);
  assert.equal(error?.name, "MissingPermission");
  assert.equal(error?.permission, "net");
  assert.equal(error?.target, "127.0.0.1:4321");
  assert.equal(error?.flag, "--allow-net=127.0.0.1");
  const allowed = await probe(["--allow-env", "--allow-net=127.0.0.1"], ["client"], env);
  assert.deepEqual(allowed.ok, { baseUrl: "http://127.0.0.1:4321/" });
});

Deno.test("reading an image without --allow-read fails with MissingPermission for that path", async () => {
  const path = await Deno.makeTempFile({ suffix: ".png" });
  try {
    const { error } = await probe([], ["read", path]);
    assert.equal(error?.permission, "read");
    assert.equal(error?.target, path);
    assert.equal(error?.flag, `--allow-read=${path}`);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("downloading without --allow-write fails with MissingPermission before any request", async () => {
  const directory = await Deno.makeTempDir();
  try {
    // Port 9 (discard) is never contacted: the write check comes first.
    const { error } = await probe(
      ["--allow-net"],
      ["download", "http://127.0.0.1:9/x", `${directory}/x.jpg`],
    );
    assert.equal(error?.permission, "write");
    assert.equal(error?.target, directory);
    assert.deepEqual([...Deno.readDirSync(directory)], []);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});
