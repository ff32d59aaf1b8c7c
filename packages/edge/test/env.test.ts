import { describe, expect, it } from "vitest";
import { ProxyConfigError, proxyConfigFromEnv } from "../src/index.ts";

const failure = (env: Record<string, unknown>): ProxyConfigError => {
  try {
    proxyConfigFromEnv(env);
  } catch (error) {
    if (error instanceof ProxyConfigError) return error;
    throw error;
  }
  throw new Error("expected a configuration error");
};

const ORIGINS = { SHUTTERKIT_ALLOWED_ORIGINS: "https://app.example.com" };

describe("proxyConfigFromEnv", () => {
  it("names every missing variable at once", () => {
    const error = failure({});
    expect(error.variables).toEqual(["SHUTTERSTOCK_API_TOKEN", "SHUTTERKIT_ALLOWED_ORIGINS"]);
    expect(error.message).toContain("SHUTTERKIT_ALLOWED_ORIGINS is missing");
    expect(error.message).toContain("SHUTTERSTOCK_API_KEY and SHUTTERSTOCK_API_SECRET");
  });

  it("names the missing half of a key and secret pair", () => {
    expect(failure({ ...ORIGINS, SHUTTERSTOCK_API_KEY: "key" }).variables).toEqual([
      "SHUTTERSTOCK_API_SECRET",
    ]);
    expect(failure({ ...ORIGINS, SHUTTERSTOCK_API_SECRET: "secret" }).variables).toEqual([
      "SHUTTERSTOCK_API_KEY",
    ]);
  });

  it("treats empty strings as missing", () => {
    expect(failure({ SHUTTERSTOCK_API_TOKEN: "", SHUTTERKIT_ALLOWED_ORIGINS: "" }).variables).toEqual([
      "SHUTTERSTOCK_API_TOKEN",
      "SHUTTERKIT_ALLOWED_ORIGINS",
    ]);
  });

  it("explains malformed values without quoting secrets", () => {
    const error = failure({
      SHUTTERSTOCK_API_TOKEN: 987654321,
      SHUTTERSTOCK_BASE_URL: "api.shutterstock.com",
      SHUTTERKIT_ALLOWED_ORIGINS: "https://app.example.com/path",
      SHUTTERKIT_CACHE_TTL: "soon",
    });
    expect(error.variables).toEqual([
      "SHUTTERSTOCK_API_TOKEN",
      "SHUTTERSTOCK_BASE_URL",
      "SHUTTERKIT_ALLOWED_ORIGINS",
      "SHUTTERKIT_CACHE_TTL",
    ]);
    expect(error.message).toBe(
      "shutterkit proxy configuration: SHUTTERSTOCK_API_TOKEN must be text; " +
        "SHUTTERSTOCK_BASE_URL is not an http(s) URL; SHUTTERKIT_ALLOWED_ORIGINS has entries that are " +
        "not origins like https://app.example.com: https://app.example.com/path; " +
        "SHUTTERKIT_CACHE_TTL is not a number >= 0",
    );
    expect(error.message).not.toContain("987654321");
    const spaced = failure({ ...ORIGINS, SHUTTERSTOCK_API_KEY: " k ", SHUTTERSTOCK_API_SECRET: "s" });
    expect(spaced.message).toBe(
      "shutterkit proxy configuration: SHUTTERSTOCK_API_KEY has leading or trailing spaces",
    );
    expect(
      failure({ ...ORIGINS, SHUTTERSTOCK_API_TOKEN: "t", SHUTTERKIT_RATE_LIMIT_BURST: -1 }).variables,
    ).toEqual(["SHUTTERKIT_RATE_LIMIT_BURST"]);
  });

  it("builds OAuth or basic credentials that stay redacted", () => {
    const oauth = proxyConfigFromEnv({ ...ORIGINS, SHUTTERSTOCK_API_TOKEN: "token-abc" });
    expect(oauth.credentials.type).toBe("oauth");
    expect(JSON.stringify(oauth)).not.toContain("token-abc");
    const basic = proxyConfigFromEnv({
      ...ORIGINS,
      SHUTTERSTOCK_API_KEY: "k-1",
      SHUTTERSTOCK_API_SECRET: "s-1",
    });
    expect(basic.credentials.type).toBe("basic");
    expect(JSON.stringify(basic)).not.toContain("s-1");
  });

  it("applies defaults, reads numbers from strings or worker vars, and turns features off with 0", () => {
    const defaults = proxyConfigFromEnv({ ...ORIGINS, SHUTTERSTOCK_API_TOKEN: "t" });
    expect(defaults.baseUrl).toBeUndefined();
    expect(defaults.cors).toEqual({ origins: ["https://app.example.com"], allowMissingOrigin: false });
    expect(defaults.cache).toEqual({ ttl: 60 });
    expect(defaults.rateLimit).toEqual({ capacity: 60, refillPerSecond: 1 });
    const tuned = proxyConfigFromEnv({
      SHUTTERSTOCK_API_TOKEN: "t",
      SHUTTERSTOCK_BASE_URL: "http://127.0.0.1:4010",
      SHUTTERKIT_ALLOWED_ORIGINS: "https://a.example, http://localhost:5173/",
      SHUTTERKIT_CACHE_TTL: 0,
      SHUTTERKIT_RATE_LIMIT_BURST: "10",
      SHUTTERKIT_RATE_LIMIT_PER_MINUTE: 30,
      SHUTTERKIT_ALLOW_MISSING_ORIGIN: "true",
      UNRELATED_BINDING: { kv: true },
    });
    expect(tuned.cors.allowMissingOrigin).toBe(true);
    expect(tuned.baseUrl).toBe("http://127.0.0.1:4010");
    expect(tuned.cors.origins).toEqual(["https://a.example", "http://localhost:5173"]);
    expect(tuned.cache).toBe(false);
    expect(tuned.rateLimit).toEqual({ capacity: 10, refillPerSecond: 0.5 });
    expect(
      proxyConfigFromEnv({ SHUTTERSTOCK_API_TOKEN: "t", SHUTTERKIT_ALLOWED_ORIGINS: "*" }).cors.origins,
    ).toBe("*");
    expect(
      proxyConfigFromEnv({ ...ORIGINS, SHUTTERSTOCK_API_TOKEN: "t", SHUTTERKIT_RATE_LIMIT_BURST: "0" })
        .rateLimit,
    ).toBe(false);
  });

  it("takes true or false for SHUTTERKIT_ALLOW_MISSING_ORIGIN, as text or a worker var", () => {
    const base = { ...ORIGINS, SHUTTERSTOCK_API_TOKEN: "t" };
    expect(
      proxyConfigFromEnv({ ...base, SHUTTERKIT_ALLOW_MISSING_ORIGIN: true }).cors.allowMissingOrigin,
    ).toBe(true);
    expect(
      proxyConfigFromEnv({ ...base, SHUTTERKIT_ALLOW_MISSING_ORIGIN: "false" }).cors.allowMissingOrigin,
    ).toBe(false);
    expect(() => proxyConfigFromEnv({ ...base, SHUTTERKIT_ALLOW_MISSING_ORIGIN: "yes" })).toThrow(
      /SHUTTERKIT_ALLOW_MISSING_ORIGIN is not "true" or "false"/,
    );
  });
});
