// The worker as deployed: bundled like wrangler does, run in workerd (miniflare) with the vars of
// wrangler.jsonc, local and production, against the sandbox API on 127.0.0.1.
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker, varsFor, wranglerConfig } from "../scripts/worker-build.ts";
import { type Api, samplePng, startApi } from "./sandbox.ts";

let api: Api;
let script: string;
const running: Miniflare[] = [];

const start = async (bindings: Record<string, string>) => {
  const miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate: wranglerConfig().compatibility_date,
    bindings,
  });
  running.push(miniflare);
  await miniflare.ready;
  return (path: string, init: RequestInit = {}) =>
    miniflare.dispatchFetch(`http://worker.test${path}`, init as never) as unknown as Promise<Response>;
};

beforeAll(async () => {
  [api, script] = await Promise.all([startApi(), bundleWorker()]);
});

afterAll(async () => {
  await Promise.all(running.map((miniflare) => miniflare.dispose()));
  await api?.close();
});

describe("wrangler.jsonc", () => {
  it("points at the sandbox locally and at the real API in production, with the same settings", () => {
    const local = varsFor();
    const production = varsFor("production");
    expect(local["SHUTTERSTOCK_BASE_URL"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(production["SHUTTERSTOCK_BASE_URL"]).toBe("https://api.shutterstock.com");
    expect(Object.keys(production).sort()).toEqual(Object.keys(local).sort());
    expect(production["SHUTTERKIT_ENABLE_COLLECTIONS"]).toBe("false");
    expect(wranglerConfig().main).toBe("src/index.ts");
  });

  it("holds no secrets", () => {
    for (const vars of [varsFor(), varsFor("production")])
      for (const name of ["SHUTTERSTOCK_API_TOKEN", "SHUTTERSTOCK_API_KEY", "SHUTTERSTOCK_API_SECRET"])
        expect(vars[name]).toBeUndefined();
  });
});

describe("worker with the local vars", () => {
  const origin = "http://localhost:5173";
  let fetchWorker: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    fetchWorker = await start({
      ...varsFor(),
      SHUTTERSTOCK_BASE_URL: api.url,
      SHUTTERSTOCK_API_TOKEN: api.token,
    });
  });

  it("serves searches to the dev server's origin under the API's paths", async () => {
    const response = await fetchWorker("/v2/images/search?query=red&per_page=4", { headers: { origin } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(4);
  });

  it("serves collections and uploads, and nothing that licenses", async () => {
    expect((await fetchWorker("/v2/images/collections", { headers: { origin } })).status).toBe(200);
    const upload = await fetchWorker("/v2/cv/images", {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ base64_image: samplePng() }),
    });
    expect(upload.status).toBe(201);
    const before = api.paths.length;
    const license = await fetchWorker("/v2/images/licenses", {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify({ images: [{ image_id: "1" }] }),
    });
    expect([404, 405]).toContain(license.status);
    expect(api.paths.length).toBe(before);
  });
});

describe("worker with the production vars", () => {
  let fetchWorker: Awaited<ReturnType<typeof start>>;
  const production = varsFor("production");
  const origin = production["SHUTTERKIT_ALLOWED_ORIGINS"] ?? "";

  beforeAll(async () => {
    // Only the API's address is swapped for the stub: everything else is production's.
    fetchWorker = await start({
      ...production,
      SHUTTERSTOCK_BASE_URL: api.url,
      SHUTTERSTOCK_API_TOKEN: api.token,
    });
  });

  it("serves the production origin only", async () => {
    expect((await fetchWorker("/v2/images/search?query=cat", { headers: { origin } })).status).toBe(200);
    const local = await fetchWorker("/v2/images/search?query=cat", {
      headers: { origin: "http://localhost:5173" },
    });
    expect(local.status).toBe(403);
  });

  it("keeps the account's collections private", async () => {
    const before = api.paths.length;
    const response = await fetchWorker("/v2/images/collections", { headers: { origin } });
    // Not routed to collections; `/v2/images/{id}` refuses "collections" as an id.
    expect([400, 404]).toContain(response.status);
    expect(api.paths.length).toBe(before);
  });
});

describe("worker without its secret", () => {
  it("answers 500 naming the missing variable", async () => {
    const fetchWorker = await start({ ...varsFor(), SHUTTERSTOCK_BASE_URL: api.url });
    const response = await fetchWorker("/v2/images/search?query=cat", {
      headers: { origin: "http://localhost:5173" },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(((await response.json()) as { detail: string }).detail).toContain(
      "SHUTTERSTOCK_API_TOKEN is missing",
    );
  });
});
