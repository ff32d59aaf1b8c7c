// The API's failure modes: 400 with located validation errors, 401, 403 for missing scopes, 404,
// 405 and 415, all in the API's error shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

interface ErrorBody {
  message: string;
  errors?: Array<{ code: string; message: string; path: string; data?: string }>;
}

let sandbox: TestSandbox;
let imageId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 3 });
  imageId = sandbox.server.sandbox.catalog.images[0]?.id ?? "";
});

afterAll(async () => {
  await sandbox.close();
});

describe("401 Unauthorized", () => {
  it("without credentials", async () => {
    const answer = await sandbox.call<ErrorBody>("/v2/images/search", { auth: "none" });
    expect(answer.status).toBe(401);
    expect(answer.body.message).toMatch(/Unauthorized/);
    expect(answer.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("with a wrong client secret", async () => {
    const answer = await sandbox.call("/v2/images/search", {
      auth: { header: `Basic ${btoa("sandbox-client-id:nope")}` },
    });
    expect(answer.status).toBe(401);
  });

  it("with an unknown bearer token", async () => {
    const answer = await sandbox.call("/v2/user", { auth: { bearer: "v2/not-a-token" } });
    expect(answer.status).toBe(401);
  });

  it("not for operations without security, whatever credentials come along", async () => {
    const answer = await sandbox.call<{ text: string }>("/v2/test", {
      auth: { bearer: "v2/expired-or-bogus" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.text).toBe("ok");
  });

  it("with an expired token", async () => {
    const token = await sandbox.server.sandbox.issueToken(["user.view"], { expires: true });
    expect((await sandbox.call("/v2/user", { auth: { bearer: token } })).status).toBe(200);
    sandbox.server.sandbox.advanceClock(2 * 3600_000);
    expect((await sandbox.call("/v2/user", { auth: { bearer: token } })).status).toBe(401);
  });
});

describe("403 Forbidden", () => {
  it("when the token lacks the operation's scope", async () => {
    const token = await sandbox.server.sandbox.issueToken(["licenses.view", "purchases.view", "user.view"]);
    const answer = await sandbox.call<ErrorBody>("/v2/images/licenses", {
      auth: { bearer: token },
      body: { images: [{ image_id: imageId }] },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain("licenses.create");
    const history = await sandbox.call("/v2/images/licenses", { auth: { bearer: token } });
    expect(history.status).toBe(200);
  });

  it("when Basic auth calls an OAuth-only operation", async () => {
    const answer = await sandbox.call<ErrorBody>("/v2/user", { auth: "basic" });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain("user.view");
  });
});

describe("400 Bad Request", () => {
  it("names each invalid and unknown query parameter with its path", async () => {
    const answer = await sandbox.call<ErrorBody>("/v2/images/search", {
      auth: "basic",
      query: { page: "abc", per_page: 501, sort: "sideways", bogus: "1", image_type: ["photo", "sculpture"] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe("Validation failed");
    const paths = answer.body.errors?.map((error) => error.path).sort();
    expect(paths).toEqual([
      "$.query.bogus",
      "$.query.image_type[1]",
      "$.query.page",
      "$.query.per_page",
      "$.query.sort",
    ]);
    const page = answer.body.errors?.find((error) => error.path === "$.query.page");
    expect(page).toMatchObject({ code: "VALIDATION_INVALID_TYPE", data: '"abc"' });
    expect(answer.body.errors?.find((error) => error.path === "$.query.sort")?.code).toBe("VALIDATION_ENUM");
  });

  it("reports missing required parameters", async () => {
    const answer = await sandbox.call<ErrorBody>("/v2/images", { auth: "basic" });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({ code: "VALIDATION_REQUIRED", path: "$.query.id" });
  });

  it("validates path parameters by type", async () => {
    const answer = await sandbox.call<ErrorBody>("/v2/audio/not-a-number", { auth: "basic" });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.path).toBe("$.path.id");
  });

  it("rejects a missing, malformed or invalid body", async () => {
    const missing = await sandbox.call<ErrorBody>("/v2/images/collections", { method: "POST" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]).toMatchObject({ code: "VALIDATION_REQUIRED", path: "$.body" });
    const malformed = await sandbox.call<ErrorBody>("/v2/images/collections", { body: "{name:" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.code).toBe("VALIDATION_INVALID_JSON");
    const invalid = await sandbox.call<ErrorBody>("/v2/images/licenses", {
      body: { images: [{ image_id: 5, size: "giant" }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((error) => error.path)).toEqual(
      expect.arrayContaining(["$.body.images[0].image_id"]),
    );
  });

  it("rejects dates and colours that are not in the documented format", async () => {
    const date = await sandbox.call<ErrorBody>("/v2/images/search", {
      auth: "basic",
      query: { added_date_start: "yesterday" },
    });
    expect(date.status).toBe(400);
    expect(date.body.errors?.[0]?.path).toBe("$.query.added_date_start");
    const color = await sandbox.call<ErrorBody>("/v2/images/search", {
      auth: "basic",
      query: { color: "reddish" },
    });
    expect(color.status).toBe(400);
  });
});

describe("404, 405, 415", () => {
  it("answers 404 for unknown ids and routes", async () => {
    expect((await sandbox.call("/v2/images/999", { auth: "basic" })).status).toBe(404);
    expect((await sandbox.call("/v2/videos/999", { auth: "basic" })).status).toBe(404);
    expect((await sandbox.call("/v2/images/collections/123")).status).toBe(404);
    expect(
      (await sandbox.call("/v2/editorial/images/nope", { auth: "basic", query: { country: "USA" } })).status,
    ).toBe(404);
    const route = await sandbox.call<ErrorBody>("/v2/nothing/here");
    expect(route.status).toBe(404);
    expect(route.body.message).toContain("/v2/nothing/here");
  });

  it("answers 405 with Allow for a known path and the wrong method", async () => {
    const answer = await sandbox.call("/v2/images/search", { method: "DELETE" });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET");
  });

  it("answers 415 for a body in an unsupported content type", async () => {
    const answer = await sandbox.call("/v2/images/collections", {
      body: "name=x",
      headers: { "content-type": "text/plain" },
    });
    expect(answer.status).toBe(415);
  });
});

describe("HTTP niceties", () => {
  it("answers CORS preflights and tags responses with a request id", async () => {
    const preflight = await fetch(`${sandbox.url}/v2/images/search`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    const answer = await sandbox.call("/v2/test", { auth: "none" });
    expect(answer.headers.get("x-shutterstock-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
