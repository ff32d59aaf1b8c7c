// The OAuth flow: authorize redirects with a code, the code becomes a token with exactly the
// requested scopes, and the other grants behave.
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
