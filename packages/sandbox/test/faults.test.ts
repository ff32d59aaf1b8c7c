// Fault injection: every kind, armed through /sandbox/faults or the x-sandbox-fault header, counted
// in /sandbox/stats; connection-level kinds through the Node server and through the fetch handler.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../src/sandbox.ts";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

let sandbox: TestSandbox;

const arm = async (spec: unknown) => {
  const answer = await sandbox.call("/sandbox/faults", { auth: "none", body: spec });
  expect(answer.status, answer.text).toBe(201);
};

const echo = (headers: Record<string, string> = {}) => fetch(`${sandbox.url}/v2/test?text=hi`, { headers });

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 23 });
});

afterEach(async () => {
  await sandbox.call("/sandbox/faults", { auth: "none", method: "DELETE" });
});

afterAll(async () => {
  await sandbox.close();
});

describe("faults armed through /sandbox/faults", () => {
  it("status: answers the next N matching requests with the status and Retry-After", async () => {
    await arm({ route: "echo", kind: "status", status: 503, retryAfter: 2, count: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await echo();
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("2");
      expect(await response.json()).toMatchObject({ message: expect.stringContaining("503") });
    }
    expect((await echo()).status).toBe(200);
  });

  it("matches by path glob and method, and leaves other requests alone", async () => {
    await arm({ route: "/v2/images/*", method: "POST", kind: "status", status: 500 });
    const search = await sandbox.call("/v2/images/search", { auth: "basic" });
    expect(search.status).toBe(200);
    const create = await sandbox.call("/v2/images/collections", { body: { name: "x" } });
    expect(create.status).toBe(500);
    expect((await sandbox.call("/v2/images/collections", { body: { name: "x" } })).status).toBe(201);
  });

  it("delay: waits before answering normally", async () => {
    await arm({ route: "echo", kind: "delay", ms: 300 });
    const started = Date.now();
    const response = await echo();
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("reset: drops the connection; with when=after the request has taken effect", async () => {
    await arm({ route: "echo", kind: "reset" });
    await expect(echo()).rejects.toThrow();
    expect((await echo()).status).toBe(200);

    await arm({ route: "createImageCollection", kind: "reset", when: "after" });
    await expect(sandbox.call("/v2/images/collections", { body: { name: "Ghost" } })).rejects.toThrow();
    const list = await sandbox.call<{ data: Array<{ name: string }> }>("/v2/images/collections");
    expect(list.body.data.map((collection) => collection.name)).toContain("Ghost");
  });

  it("truncate: sends half the body under the full Content-Length", async () => {
    await arm({ route: "searchImages", kind: "truncate" });
    const response = await fetch(`${sandbox.url}/v2/images/search?per_page=20`, {
      headers: { authorization: `Bearer ${sandbox.server.credentials.accessToken}` },
    });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("content-length"))).toBeGreaterThan(1000);
    await expect(response.text()).rejects.toThrow();
  });

  it("malformed-json and wrong-content-type keep the status but break the body", async () => {
    await arm({ route: "echo", kind: "malformed-json" });
    const malformed = await echo();
    expect(malformed.status).toBe(200);
    expect(malformed.headers.get("content-type")).toMatch(/json/);
    const text = await malformed.text();
    expect(() => JSON.parse(text)).toThrow();

    await arm({ route: "echo", kind: "wrong-content-type" });
    const html = await echo();
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await html.json()).toEqual({ text: "hi" });
  });

  it("can be listed and cleared, and rejects invalid specifications", async () => {
    await arm([
      { route: "echo", kind: "status", status: 502, count: 5 },
      { kind: "delay", ms: 10 },
    ]);
    const listed = await sandbox.call<{ faults: Array<{ kind: string; remaining: number }> }>(
      "/sandbox/faults",
      { auth: "none" },
    );
    expect(listed.body.faults.map((fault) => fault.kind)).toEqual(["status", "delay"]);
    const cleared = await sandbox.call<{ cleared: number }>("/sandbox/faults", {
      auth: "none",
      method: "DELETE",
    });
    expect(cleared.body.cleared).toBe(2);
    expect((await echo()).status).toBe(200);
    const invalid = await sandbox.call<{ errors: Array<{ path: string }> }>("/sandbox/faults", {
      auth: "none",
      body: { kind: "explode", count: 0 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error) => error.path).sort()).toEqual(["$.body.count", "$.body.kind"]);
  });
});

describe("faults set by the x-sandbox-fault header", () => {
  it("affects this request, and count arms the following ones on the same operation", async () => {
    const first = await echo({ "x-sandbox-fault": "kind=status;status=429;retry-after=3;count=2" });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    expect((await echo()).status).toBe(429);
    expect((await echo()).status).toBe(200);
    expect((await echo({ "x-sandbox-fault": "kind=nope" })).status).toBe(400);
  });
});

describe("stats", () => {
  it("counts requests per operation, statuses and injected faults", async () => {
    await sandbox.call("/sandbox/stats", { auth: "none", method: "DELETE" });
    await echo();
    await echo();
    await echo({ "x-sandbox-fault": "kind=status;status=503" });
    await sandbox.call("/v2/images/search", { auth: "basic" });
    const stats = await sandbox.call<{
      requests: number;
      byOperation: Record<string, number>;
      byStatus: Record<string, number>;
      faultsInjected: Record<string, number>;
    }>("/sandbox/stats", { auth: "none" });
    expect(stats.body.requests).toBe(4);
    expect(stats.body.byOperation).toEqual({ echo: 3, searchImages: 1 });
    expect(stats.body.byStatus).toEqual({ "200": 3, "503": 1 });
    expect(stats.body.faultsInjected).toEqual({ status: 1 });
  });
});

describe("the fetch handler without a socket", () => {
  it("simulates reset and truncate with failing body streams", async () => {
    const handler = createSandbox({
      seed: 23,
      catalogSize: { images: 50, videos: 5, audio: 5, sfx: 5, editorialImages: 5, editorialVideos: 5 },
    });
    handler.addFault({ route: "echo", kind: "reset" });
    const reset = await handler.fetch(new Request("http://sandbox.test/v2/test"));
    await expect(reset.text()).rejects.toThrow(/reset/);
    handler.addFault({ route: "echo", kind: "truncate" });
    const truncated = await handler.fetch(new Request("http://sandbox.test/v2/test?text=a-long-enough-text"));
    expect(Number(truncated.headers.get("content-length"))).toBeGreaterThan(10);
    await expect(truncated.text()).rejects.toThrow();
    const fine = await handler.fetch(new Request("http://sandbox.test/v2/test"));
    expect(await fine.json()).toEqual({ text: "ok" });
  });
});
