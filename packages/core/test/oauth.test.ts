// The OAuth flow and the refreshing credential against a real server on 127.0.0.1 that issues
// expiring tokens and rotates refresh tokens as the API does.
import { Redacted } from "effect";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Credentials, createClient, getImage, type TokenSet, Unauthorized } from "../src/index.ts";
import {
  authorizeUrl,
  createState,
  exchangeCode,
  OAuthCallbackError,
  readCallback,
  refresher,
} from "../src/oauth.ts";
import { image } from "./support/fixtures.ts";
import { json, startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
/** What the fake API considers valid now, and what it counted. */
const state = {
  access: "access-0",
  refresh: "refresh-0",
  refreshes: 0,
  refreshFails: false,
  protectedCalls: 0,
};

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => {
  Object.assign(state, {
    access: "access-0",
    refresh: "refresh-0",
    refreshes: 0,
    refreshFails: false,
    protectedCalls: 0,
  });
});

const handle = () =>
  server.handle(async (request, response) => {
    if (request.url.pathname === "/v2/oauth/access_token") {
      const body = JSON.parse(request.body) as Record<string, string>;
      if (body["grant_type"] === "refresh_token") {
        state.refreshes += 1;
        // A slow token endpoint, so concurrent calls pile up behind the one refresh.
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (state.refreshFails || body["refresh_token"] !== state.refresh)
          return json(response, 400, {
            error: "invalid_grant",
            error_description: "refresh token is not valid",
          });
        state.access = `access-${state.refreshes}`;
        state.refresh = `refresh-${state.refreshes}`;
        return json(response, 200, {
          access_token: state.access,
          refresh_token: state.refresh,
          token_type: "Bearer",
          expires_in: 3600,
        });
      }
      if (body["grant_type"] === "authorization_code" && body["code"] === "good-code")
        return json(response, 200, {
          access_token: "from-code",
          refresh_token: "r-code",
          token_type: "Bearer",
          expires_in: 60,
        });
      return json(response, 400, { error: "invalid_grant", error_description: "code is not valid" });
    }
    state.protectedCalls += 1;
    if (request.headers.authorization !== `Bearer ${state.access}`)
      return json(response, 401, { message: "token expired" });
    json(response, 200, image("1"));
  });

const SECRETS = { clientId: "app-id", clientSecret: "app-secret-value" };

const refreshingClient = (tokens: TokenSet, onTokens?: (tokens: TokenSet) => void) => {
  const tokenClient = createClient({ baseUrl: server.url });
  return createClient({
    baseUrl: server.url,
    retry: false,
    credentials: Credentials.refreshing({
      tokens,
      refresh: refresher(tokenClient, SECRETS),
      ...(onTokens ? { onTokens } : {}),
    }),
  });
};

const expired = (): TokenSet => ({
  accessToken: Redacted.make("access-stale"),
  refreshToken: Redacted.make("refresh-0"),
  expiresAt: Date.now() - 1000,
});

describe("a refreshing credential", () => {
  it("refreshes an expired token once for 100 concurrent calls, and hands the new tokens on", async () => {
    handle();
    const seen: TokenSet[] = [];
    const client = refreshingClient(expired(), (tokens) => seen.push(tokens));
    const results = await Promise.all(Array.from({ length: 100 }, () => client.send(getImage, { id: "1" })));
    expect(results).toHaveLength(100);
    expect(state.refreshes).toBe(1);
    expect(state.protectedCalls).toBe(100);
    expect(seen.map((tokens) => Redacted.value(tokens.accessToken))).toEqual(["access-1"]);
    expect(seen[0]?.refreshToken && Redacted.value(seen[0].refreshToken)).toBe("refresh-1");
  });

  it("renews once when a 401 says a token that looked valid is not, and sends the call again", async () => {
    handle();
    const client = refreshingClient({
      accessToken: Redacted.make("revoked"),
      refreshToken: Redacted.make("refresh-0"),
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => client.send(getImage, { id: "1" })));
    expect(results).toHaveLength(20);
    expect(state.refreshes).toBe(1);
  });

  it("fails with Unauthorized carrying invalid_grant when the refresh is refused, without looping", async () => {
    handle();
    state.refreshFails = true;
    const client = refreshingClient(expired());
    const error = await client.send(getImage, { id: "1" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Unauthorized);
    expect((error as Unauthorized).oauthError).toBe("invalid_grant");
    expect(state.refreshes).toBe(1);
    expect(state.protectedCalls).toBe(0);
  });

  it("stops after one renewal when the renewed token is refused too", async () => {
    handle();
    const client = refreshingClient({
      accessToken: Redacted.make("revoked"),
      refreshToken: Redacted.make("refresh-0"),
    });
    server.handle((request, response) => {
      if (request.url.pathname === "/v2/oauth/access_token") {
        state.refreshes += 1;
        return json(response, 200, {
          access_token: `still-bad-${state.refreshes}`,
          token_type: "Bearer",
          refresh_token: "r",
        });
      }
      state.protectedCalls += 1;
      json(response, 401, { message: "no" });
    });
    const error = await client.send(getImage, { id: "1" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Unauthorized);
    expect(state.refreshes).toBe(1);
    expect(state.protectedCalls).toBe(2);
    expect(JSON.stringify(error)).not.toContain("still-bad-1");
  });

  it("asks a token provider before every attempt", async () => {
    handle();
    let asked = 0;
    const client = createClient({
      baseUrl: server.url,
      credentials: Credentials.tokenProvider(async () => {
        asked += 1;
        return state.access;
      }),
    });
    await client.send(getImage, { id: "1" });
    await client.send(getImage, { id: "1" });
    expect(asked).toBe(2);
  });
});

describe("the sign-in flow", () => {
  it("builds the authorize URL with a random state and checks it on return", () => {
    const { url, state: sent } = authorizeUrl({
      clientId: "app-id",
      redirectUri: "http://127.0.0.1:8765/callback",
      scopes: ["licenses.create", "purchases.view"],
    });
    expect(url.pathname).toBe("/v2/oauth/authorize");
    expect(url.searchParams.get("scope")).toBe("licenses.create purchases.view");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(sent).toMatch(/^[\w-]{43}$/);
    expect(createState()).not.toBe(sent);
    expect(readCallback(`http://127.0.0.1:8765/callback?code=abc&state=${sent}`, sent)).toEqual({
      code: "abc",
    });
    expect(() => readCallback("http://127.0.0.1:8765/callback?code=abc&state=forged", sent)).toThrow(
      OAuthCallbackError,
    );
    expect(() => readCallback("http://127.0.0.1:8765/callback?error=access_denied", sent)).toThrow(
      /not completed/,
    );
  });

  it("exchanges a code for tokens, and a bad code is a BadRequest carrying invalid_grant", async () => {
    handle();
    const client = createClient({ baseUrl: server.url });
    const tokens = await exchangeCode(client, { ...SECRETS, code: "good-code" });
    expect(Redacted.value(tokens.accessToken)).toBe("from-code");
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    const error = await exchangeCode(client, { ...SECRETS, code: "used-code" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ _tag: "BadRequest", errors: [{ code: "invalid_grant" }] });
  });
});
