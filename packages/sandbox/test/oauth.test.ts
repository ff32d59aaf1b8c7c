// The OAuth flow: authorize redirects with a code and the caller's state, the code becomes a token
// with exactly the requested scopes, tokens expire, refresh tokens rotate, and every refusal is an
// OAuth error.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

const REDIRECT = "http://localhost:3000/auth/callback";

let sandbox: TestSandbox;

const authorize = async (scope: string) => {
  const answer = await sandbox.call("/v2/oauth/authorize", {
    auth: "none",
    query: {
      client_id: sandbox.server.credentials.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope,
      state: "csrf-123",
    },
  });
  expect(answer.status).toBe(302);
  const location = new URL(answer.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get("state")).toBe("csrf-123");
  return location.searchParams.get("code") ?? "";
};

const exchange = (body: Record<string, unknown>) =>
  sandbox.call<{
    access_token: string;
    token_type: string;
    expires_in?: number;
    refresh_token?: string;
    message?: string;
    error?: string;
    error_description?: string;
  }>("/v2/oauth/access_token", {
    auth: "none",
    body: {
      client_id: sandbox.server.credentials.clientId,
      client_secret: sandbox.server.credentials.clientSecret,
      ...body,
    },
  });

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 17 });
});

afterAll(async () => {
  await sandbox.close();
});

describe("authorization code flow", () => {
  it("issues a token with the requested scopes only", async () => {
    const code = await authorize("user.view collections.view");
    const token = await exchange({ grant_type: "authorization_code", code });
    expect(token.status).toBe(200);
    expect(token.body.token_type).toBe("Bearer");
    expect(token.body.access_token).toMatch(/^v2\//);
    const bearer = { bearer: token.body.access_token };
    const details = await sandbox.call<{ scopes: string[]; client_id: string; username: string }>(
      "/v2/user/access_token",
      {
        auth: bearer,
      },
    );
    expect(details.body.scopes.sort()).toEqual(["collections.view", "user.view"]);
    expect(details.body.client_id).toBe(sandbox.server.credentials.clientId);
    expect((await sandbox.call("/v2/user", { auth: bearer })).status).toBe(200);
    expect((await sandbox.call("/v2/images/collections", { auth: bearer })).status).toBe(200);
    expect((await sandbox.call("/v2/images/licenses", { auth: bearer })).status).toBe(403);
  });

  it("accepts form-encoded token requests, as the API documents", async () => {
    const code = await authorize("licenses.view");
    const form = new URLSearchParams({
      client_id: sandbox.server.credentials.clientId,
      client_secret: sandbox.server.credentials.clientSecret,
      grant_type: "authorization_code",
      code,
    });
    const answer = await sandbox.call<{ access_token: string }>("/v2/oauth/access_token", {
      auth: "none",
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(answer.status).toBe(200);
    expect(
      (await sandbox.call("/v2/images/licenses", { auth: { bearer: answer.body.access_token } })).status,
    ).toBe(200);
  });

  it("uses a code once, and only with the right secret", async () => {
    const code = await authorize("user.view");
    expect((await exchange({ grant_type: "authorization_code", code, client_secret: "wrong" })).status).toBe(
      401,
    );
    expect((await exchange({ grant_type: "authorization_code", code })).status).toBe(200);
    const reused = await exchange({ grant_type: "authorization_code", code });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe("invalid_grant");
  });

  it("answers an unknown or expired code with invalid_grant", async () => {
    const unknown = await exchange({ grant_type: "authorization_code", code: "nope" });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: "invalid_grant", error_description: expect.any(String) });
    const code = await authorize("user.view");
    sandbox.server.sandbox.advanceClock(6 * 60_000);
    const late = await exchange({ grant_type: "authorization_code", code });
    expect(late.status).toBe(400);
    expect(late.body.error).toBe("invalid_grant");
  });

  it("answers a wrong client secret with invalid_client", async () => {
    const code = await authorize("user.view");
    const wrong = await exchange({ grant_type: "authorization_code", code, client_secret: "wrong" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe("invalid_client");
  });

  it("passes state through unchanged, whatever it holds", async () => {
    const state = "a b&c=d/é?";
    const answer = await sandbox.call("/v2/oauth/authorize", {
      auth: "none",
      query: {
        client_id: sandbox.server.credentials.clientId,
        redirect_uri: `${REDIRECT}?keep=1`,
        response_type: "code",
        state,
      },
    });
    const location = new URL(answer.headers.get("location") ?? "");
    expect(location.searchParams.get("state")).toBe(state);
    expect(location.searchParams.get("keep")).toBe("1");
  });

  it("rejects unknown clients and scopes", async () => {
    const client = await sandbox.call("/v2/oauth/authorize", {
      auth: "none",
      query: { client_id: "someone-else", redirect_uri: REDIRECT, response_type: "code", state: "s" },
    });
    expect(client.status).toBe(400);
    const scope = await sandbox.call("/v2/oauth/authorize", {
      auth: "none",
      query: {
        client_id: sandbox.server.credentials.clientId,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "user.view world.domination",
        state: "s",
      },
    });
    expect(scope.status).toBe(400);
    const type = await sandbox.call("/v2/oauth/authorize", {
      auth: "none",
      query: {
        client_id: sandbox.server.credentials.clientId,
        redirect_uri: REDIRECT,
        response_type: "token",
        state: "s",
      },
    });
    expect(type.status).toBe(400);
  });
});

describe("token lifetimes and refresh rotation", () => {
  let short: TestSandbox;
  beforeAll(async () => {
    short = await startTestSandbox({ seed: 18, accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 600 });
  });
  afterAll(async () => {
    await short.close();
  });
  const grant = (body: Record<string, unknown>) =>
    short.call<{ access_token: string; expires_in?: number; refresh_token?: string; error?: string }>(
      "/v2/oauth/access_token",
      {
        auth: "none",
        body: {
          client_id: short.server.credentials.clientId,
          client_secret: short.server.credentials.clientSecret,
          ...body,
        },
      },
    );

  it("issues access tokens with the configured lifetime, then answers 401 asking for a refresh", async () => {
    const token = await grant({ grant_type: "client_credentials" });
    expect(token.body.expires_in).toBe(60);
    const bearer = { bearer: token.body.access_token };
    expect((await short.call("/v2/images/search", { auth: bearer })).status).toBe(200);
    short.server.sandbox.advanceClock(61_000);
    const expired = await short.call("/v2/images/search", { auth: bearer });
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("rotates the refresh token: the new one works, the old one is then invalid_grant", async () => {
    const first = await grant({ grant_type: "client_credentials" });
    const second = await grant({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeTypeOf("string");
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(
      (await short.call("/v2/images/search", { auth: { bearer: second.body.access_token } })).status,
    ).toBe(200);
    const reused = await grant({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe("invalid_grant");
    const third = await grant({ grant_type: "refresh_token", refresh_token: second.body.refresh_token });
    expect(third.status).toBe(200);
  });

  it("lets exactly one of several concurrent refreshes with one token succeed", async () => {
    const first = await grant({ grant_type: "client_credentials" });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        grant({ grant_type: "refresh_token", refresh_token: first.body.refresh_token }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.body.error === "invalid_grant")).toHaveLength(7);
  });

  it("answers unknown and expired refresh tokens with invalid_grant", async () => {
    const unknown = await grant({ grant_type: "refresh_token", refresh_token: "r2/unknown" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe("invalid_grant");
    const token = await grant({ grant_type: "client_credentials" });
    short.server.sandbox.advanceClock(601_000);
    const expired = await grant({ grant_type: "refresh_token", refresh_token: token.body.refresh_token });
    expect(expired.status).toBe(400);
    expect(expired.body.error).toBe("invalid_grant");
  });

  it("keeps tokens and rotation in the --data database across a restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "shutterkit-sandbox-oauth-"));
    try {
      const first = await startTestSandbox({ seed: 19, dataDir: dir });
      const body = {
        client_id: first.server.credentials.clientId,
        client_secret: first.server.credentials.clientSecret,
      };
      const issued = await first.call<{ access_token: string; refresh_token: string }>(
        "/v2/oauth/access_token",
        {
          auth: "none",
          body: { ...body, grant_type: "client_credentials" },
        },
      );
      const rotated = await first.call<{ refresh_token: string }>("/v2/oauth/access_token", {
        auth: "none",
        body: { ...body, grant_type: "refresh_token", refresh_token: issued.body.refresh_token },
      });
      await first.close();
      const second = await startTestSandbox({ seed: 19, dataDir: dir });
      try {
        expect(
          (await second.call("/v2/images/search", { auth: { bearer: issued.body.access_token } })).status,
        ).toBe(200);
        const old = await second.call<{ error?: string }>("/v2/oauth/access_token", {
          auth: "none",
          body: { ...body, grant_type: "refresh_token", refresh_token: issued.body.refresh_token },
        });
        expect(old.body.error).toBe("invalid_grant");
        const fresh = await second.call("/v2/oauth/access_token", {
          auth: "none",
          body: { ...body, grant_type: "refresh_token", refresh_token: rotated.body.refresh_token },
        });
        expect(fresh.status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("other grants", () => {
  it("expiring tokens come with a refresh token that renews them", async () => {
    const code = await authorize("user.view purchases.view");
    const token = await exchange({ grant_type: "authorization_code", code, expires: true });
    expect(token.body.expires_in).toBe(3600);
    expect(token.body.refresh_token).toBeTypeOf("string");
    sandbox.server.sandbox.advanceClock(3700_000);
    expect((await sandbox.call("/v2/user", { auth: { bearer: token.body.access_token } })).status).toBe(401);
    const renewed = await exchange({ grant_type: "refresh_token", refresh_token: token.body.refresh_token });
    expect(renewed.status).toBe(200);
    const subscriptions = await sandbox.call("/v2/user/subscriptions", {
      auth: { bearer: renewed.body.access_token },
    });
    expect(subscriptions.status).toBe(200);
  });

  it("client credentials give a token without user scopes", async () => {
    const token = await exchange({ grant_type: "client_credentials" });
    expect(token.status).toBe(200);
    const bearer = { bearer: token.body.access_token };
    expect((await sandbox.call("/v2/images/search", { auth: bearer })).status).toBe(200);
    expect((await sandbox.call("/v2/user", { auth: bearer })).status).toBe(403);
  });
});
