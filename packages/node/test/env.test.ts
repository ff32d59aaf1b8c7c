import { NotFound, Shutterstock } from "@shutterkit/core";
import { ConfigProvider, Effect, Exit, Layer, Redacted } from "effect";
import { describe, expect, it } from "vitest";
import {
  configFromEnv,
  createShutterstockFromEnv,
  EnvironmentError,
  readEnvConfig,
  ShutterstockNode,
} from "../src/index.ts";

const errorOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

describe("configuration from the environment", () => {
  it("names every variable when no credentials are set", () => {
    const error = errorOf(() => readEnvConfig({ env: {} }));
    expect(error).toBeInstanceOf(EnvironmentError);
    const typed = error as EnvironmentError;
    expect(typed.reason).toBe("MissingCredentials");
    for (const name of [
      "SHUTTERSTOCK_API_TOKEN",
      "SHUTTERSTOCK_API_KEY",
      "SHUTTERSTOCK_API_SECRET",
      "SHUTTERSTOCK_BASE_URL",
    ]) {
      expect(typed.message).toContain(name);
      expect(typed.variables).toContain(name);
    }
  });

  it("treats empty variables as unset", () => {
    const error = errorOf(() => readEnvConfig({ env: { SHUTTERSTOCK_API_TOKEN: "" } }));
    expect((error as EnvironmentError).reason).toBe("MissingCredentials");
  });

  it("reports half a key pair by name", () => {
    const error = errorOf(() =>
      readEnvConfig({ env: { SHUTTERSTOCK_API_KEY: "key-123" } }),
    ) as EnvironmentError;
    expect(error.reason).toBe("IncompleteCredentials");
    expect(error.message).toContain("SHUTTERSTOCK_API_SECRET");
    expect(error.message).not.toContain("key-123");
  });

  it("reads an OAuth token and a base URL, keeping the token redacted", () => {
    const config = readEnvConfig({
      env: { SHUTTERSTOCK_API_TOKEN: "token-abc", SHUTTERSTOCK_BASE_URL: "http://127.0.0.1:1234" },
    });
    expect(String(config.baseUrl)).toBe("http://127.0.0.1:1234/");
    expect(config.credentials?.type).toBe("oauth");
    if (config.credentials?.type !== "oauth") throw new Error("unreachable");
    expect(Redacted.value(config.credentials.accessToken)).toBe("token-abc");
    expect(JSON.stringify(config)).not.toContain("token-abc");
  });

  it("prefers the token over a key pair, and reads a key pair alone", () => {
    const both = readEnvConfig({
      env: { SHUTTERSTOCK_API_TOKEN: "t-1", SHUTTERSTOCK_API_KEY: "k", SHUTTERSTOCK_API_SECRET: "s" },
    });
    expect(both.credentials?.type).toBe("oauth");
    const pair = readEnvConfig({ env: { SHUTTERSTOCK_API_KEY: "k", SHUTTERSTOCK_API_SECRET: "s" } });
    expect(pair.credentials?.type).toBe("basic");
  });

  it("rejects a malformed base URL even with explicit credentials", () => {
    const error = errorOf(() =>
      readEnvConfig({
        env: { SHUTTERSTOCK_BASE_URL: "ftp://nope" },
        credentials: { type: "oauth", accessToken: Redacted.make("x") },
      }),
    ) as EnvironmentError;
    expect(error.reason).toBe("InvalidBaseUrl");
    expect(error.variables).toEqual(["SHUTTERSTOCK_BASE_URL"]);
  });

  it("lets overrides win over the variables", () => {
    const config = readEnvConfig({
      env: { SHUTTERSTOCK_API_TOKEN: "t" },
      baseUrl: "http://127.0.0.1:9",
      retry: false,
    });
    expect(String(config.baseUrl)).toBe("http://127.0.0.1:9");
    expect(config.retry).toBe(false);
  });

  it("builds a Promise client from the environment", () => {
    const client = createShutterstockFromEnv({
      env: { SHUTTERSTOCK_API_TOKEN: "t", SHUTTERSTOCK_BASE_URL: "http://127.0.0.1:9" },
    });
    expect(client.config.baseUrl.href).toBe("http://127.0.0.1:9/");
    expect(typeof client.images.searchImages).toBe("function");
  });

  it("provides the Effect service through a Layer reading the ConfigProvider", async () => {
    const provider = ConfigProvider.fromEnv({
      env: { SHUTTERSTOCK_API_TOKEN: "t", SHUTTERSTOCK_BASE_URL: "http://127.0.0.1:9" },
    });
    const program = Effect.gen(function* () {
      const service = yield* Shutterstock;
      return service.config.baseUrl.href;
    });
    const href = await Effect.runPromise(
      program.pipe(
        Effect.provide(ShutterstockNode.layerFromEnv({ retry: false })),
        Effect.provideService(ConfigProvider.ConfigProvider, provider),
      ),
    );
    expect(href).toBe("http://127.0.0.1:9/");
  });

  it("fails the Layer with the typed error when nothing is set", async () => {
    const provider = ConfigProvider.fromEnv({ env: {} });
    const exit = await Effect.runPromiseExit(
      Effect.provideService(configFromEnv(), ConfigProvider.ConfigProvider, provider),
    );
    expect(Exit.isFailure(exit)).toBe(true);
    const layerExit = await Effect.runPromiseExit(
      Effect.void.pipe(
        Effect.provide(
          Layer.provide(
            ShutterstockNode.layerFromEnv(),
            Layer.succeed(ConfigProvider.ConfigProvider, provider),
          ),
        ),
      ),
    );
    expect(Exit.isFailure(layerExit)).toBe(true);
    if (Exit.isFailure(layerExit)) expect(String(layerExit.cause)).toContain("SHUTTERSTOCK_API_TOKEN");
  });

  it("re-exports the core", () => {
    expect(new NotFound({ message: "m", operationId: "o", method: "GET", route: "/r" })._tag).toBe(
      "NotFound",
    );
  });
});
