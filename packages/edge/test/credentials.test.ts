import { inspect } from "node:util";
import { Credentials as CoreCredentials } from "@shutterkit/core";
import { describe, expect, it } from "vitest";
import { fromCoreCredentials } from "../src/core-credentials.ts";
import { authorizationOf } from "../src/credentials.ts";
import { Credentials, ProxyConfigError } from "../src/index.ts";

describe("credentials", () => {
  it("never show their secrets when printed, serialised or inspected", () => {
    const oauth = Credentials.oauth("token-3c9e1f");
    const basic = Credentials.basic("key-5d2a", "secret-8b7c");
    for (const text of [
      JSON.stringify([oauth, basic]),
      inspect([oauth, basic], { depth: 5, showHidden: true }),
      String(oauth.type === "oauth" ? oauth.accessToken : ""),
      `${basic.type === "basic" ? basic.clientSecret : ""}`,
    ])
      expect(text).not.toMatch(/token-3c9e1f|key-5d2a|secret-8b7c/);
  });

  it("become a Bearer or Basic header, and scrub every secret from text", () => {
    const oauth = authorizationOf(Credentials.oauth("token-3c9e1f"));
    expect(oauth.header).toBe("Bearer token-3c9e1f");
    expect(oauth.scrub("bad token-3c9e1f!")).toBe("bad <redacted>!");
    const basic = authorizationOf(Credentials.basic("key-5d2a", "secret-8b7c"));
    const token = btoa("key-5d2a:secret-8b7c");
    expect(basic.header).toBe(`Basic ${token}`);
    expect(basic.scrub(`${token} key-5d2a secret-8b7c`)).toBe("<redacted> <redacted> <redacted>");
  });

  it("take core's credentials through the Effect-aware conversion, and refuse them elsewhere", () => {
    const core = CoreCredentials.basic("key-5d2a", "secret-8b7c");
    expect(authorizationOf(fromCoreCredentials(core)).header).toBe(`Basic ${btoa("key-5d2a:secret-8b7c")}`);
    expect(authorizationOf(fromCoreCredentials(CoreCredentials.oauth("token-3c9e1f"))).header).toBe(
      "Bearer token-3c9e1f",
    );
    const edge = Credentials.oauth("token-3c9e1f");
    expect(authorizationOf(fromCoreCredentials(edge)).header).toBe("Bearer token-3c9e1f");
    expect(() => authorizationOf(core as unknown as Credentials)).toThrow(ProxyConfigError);
    expect(() => authorizationOf({ type: "oauth", accessToken: "plain" } as unknown as Credentials)).toThrow(
      /Credentials.oauth/,
    );
  });
});
