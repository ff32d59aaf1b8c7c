import assert from "node:assert/strict";
import { Effect, Exit, Layer } from "effect";
import {
  Credentials,
  createShutterstockFromEnv,
  ENV_VARS,
  EnvironmentError,
  readEnvConfig,
  Shutterstock,
  ShutterstockDeno,
} from "../mod.ts";
import { withEnv } from "./fixtures/env.ts";

const none = {
  [ENV_VARS.token]: undefined,
  [ENV_VARS.key]: undefined,
  [ENV_VARS.secret]: undefined,
  [ENV_VARS.baseUrl]: undefined,
};

Deno.test("a token in Deno.env gives OAuth credentials and wins over a key pair", async () => {
  await withEnv({ ...none, [ENV_VARS.token]: "tok-123", [ENV_VARS.key]: "k", [ENV_VARS.secret]: "s" }, () => {
    const config = readEnvConfig();
    assert.equal(config.credentials?.type, "oauth");
    assert.equal(config.baseUrl, undefined);
  });
});

Deno.test("a key and secret give basic credentials, redacted when printed; the base URL comes along", async () => {
  const env = {
    ...none,
    [ENV_VARS.key]: "key-1",
    [ENV_VARS.secret]: "secret-1",
    [ENV_VARS.baseUrl]: "http://127.0.0.1:9",
  };
  await withEnv(env, () => {
    const config = readEnvConfig();
    assert.equal(config.credentials?.type, "basic");
    assert.equal(String(config.baseUrl), "http://127.0.0.1:9/");
    assert.doesNotMatch(Deno.inspect(config, { depth: 10 }), /secret-1/);
  });
});

Deno.test("half a key pair, no credentials, or a bad base URL are EnvironmentErrors naming the variables", async () => {
  await withEnv({ ...none, [ENV_VARS.key]: "key-only" }, () => {
    assert.throws(
      () => readEnvConfig(),
      (error) =>
        error instanceof EnvironmentError &&
        error.reason === "IncompleteCredentials" &&
        error.variables[0] === ENV_VARS.secret,
    );
  });
  await withEnv(none, () => {
    assert.throws(
      () => readEnvConfig(),
      (error) =>
        error instanceof EnvironmentError &&
        error._tag === "EnvironmentError" &&
        error.reason === "MissingCredentials",
    );
  });
  await withEnv({ ...none, [ENV_VARS.token]: "t", [ENV_VARS.baseUrl]: "ftp://example.com" }, () => {
    assert.throws(
      () => readEnvConfig(),
      (error) => error instanceof EnvironmentError && error.reason === "InvalidBaseUrl",
    );
  });
});

Deno.test("overrides win over Deno.env, and an explicit `env` record replaces it", async () => {
  await withEnv({ ...none, [ENV_VARS.token]: "from-env", [ENV_VARS.baseUrl]: "http://127.0.0.1:1" }, () => {
    const client = createShutterstockFromEnv({
      baseUrl: "http://127.0.0.1:2",
      credentials: Credentials.basic("a", "b"),
      retry: false,
    });
    assert.equal(client.config.baseUrl.href, "http://127.0.0.1:2/");
    assert.equal(client.config.credentials?.type, "basic");
    const fromRecord = readEnvConfig({ env: { [ENV_VARS.key]: "k", [ENV_VARS.secret]: "s" } });
    assert.equal(fromRecord.credentials?.type, "basic");
    assert.equal(fromRecord.baseUrl, undefined);
  });
});

Deno.test("ShutterstockDeno.layerFromEnv provides the service or fails with the typed error", async () => {
  const program = Effect.gen(function* () {
    const service = yield* Shutterstock;
    return service.config.baseUrl.href;
  });
  const ok = await Effect.runPromise(
    Effect.provide(
      program,
      ShutterstockDeno.layerFromEnv({
        env: { [ENV_VARS.token]: "t", [ENV_VARS.baseUrl]: "http://127.0.0.1:3" },
      }),
    ),
  );
  assert.equal(ok, "http://127.0.0.1:3/");
  const failed = await Effect.runPromiseExit(
    Effect.provide(program, ShutterstockDeno.layerFromEnv({ env: {} })),
  );
  assert.ok(Exit.isFailure(failed));
  assert.ok(Layer.isLayer(ShutterstockDeno.layerFromEnv()));
});
