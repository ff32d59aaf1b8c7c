// Collections of images, videos and audio, and catalog collections: the whole lifecycle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

interface Collection {
  id: string;
  name: string;
  total_item_count: number;
  cover_item?: { id: string };
  share_code?: string;
  share_url?: string;
}

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ seed: 9 });
});

afterAll(async () => {
  await sandbox.close();
});

describe.each([
  ["images", () => sandbox.server.sandbox.catalog.images.map((record) => record.id)],
  ["videos", () => sandbox.server.sandbox.catalog.videos.map((record) => record.id)],
  ["audio", () => sandbox.server.sandbox.catalog.audio.map((record) => record.id)],
] as const)("%s collections", (kind, ids) => {
  it("go through create, rename, add, list, remove and delete", async () => {
    const [a, b, c] = ids();
    const created = await sandbox.call<{ id: string }>(`/v2/${kind}/collections`, {
      body: { name: "Moodboard" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const base = `/v2/${kind}/collections/${id}`;

    expect((await sandbox.call(base, { body: { name: "Moodboard v2" } })).status).toBe(204);
    expect(
      (await sandbox.call(`${base}/items`, { body: { items: [{ id: a }, { id: b }, { id: c }] } })).status,
    ).toBe(204);
    expect((await sandbox.call(`${base}/items`, { body: { items: [{ id: a }] } })).status).toBe(204);

    const details = await sandbox.call<Collection>(base, { query: { embed: ["share_code", "share_url"] } });
    expect(details.body).toMatchObject({
      id,
      name: "Moodboard v2",
      total_item_count: 3,
      cover_item: { id: c },
    });
    expect(details.body.share_url).toContain(details.body.share_code ?? "missing");
    const shared = await fetch(details.body.share_url ?? "");
    expect(shared.status).toBe(200);
    expect((await sandbox.call(base, { query: { share_code: "wrong" } })).status).toBe(404);

    const items = await sandbox.call<{ data: Array<{ id: string }>; total_count: number }>(`${base}/items`, {
      query: { per_page: 2, page: 2 },
    });
    expect(items.body.total_count).toBe(3);
    expect(items.body.data.map((item) => item.id)).toEqual([c]);

    const list = await sandbox.call<{ data: Collection[] }>(`/v2/${kind}/collections`);
    expect(list.body.data.map((collection) => collection.id)).toContain(id);

    expect(
      (await sandbox.call(`${base}/items`, { method: "DELETE", query: { item_id: [a ?? "", c ?? ""] } }))
        .status,
    ).toBe(204);
    const after = await sandbox.call<{ data: Array<{ id: string }> }>(`${base}/items`);
    expect(after.body.data.map((item) => item.id)).toEqual([b]);

    expect((await sandbox.call(base, { method: "DELETE" })).status).toBe(204);
    expect((await sandbox.call(base)).status).toBe(404);
    expect((await sandbox.call(base, { method: "DELETE" })).status).toBe(404);
  });

  it("reject unknown items and collections", async () => {
    const created = await sandbox.call<{ id: string }>(`/v2/${kind}/collections`, {
      body: { name: "Strict" },
    });
    const bad = await sandbox.call<{ errors: Array<{ path: string }> }>(
      `/v2/${kind}/collections/${created.body.id}/items`,
      {
        body: { items: [{ id: ids()[0] }, { id: "42" }] },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.path).toBe("$.body.items[1].id");
    const missing = await sandbox.call(`/v2/${kind}/collections/1/items`, {
      body: { items: [{ id: ids()[0] }] },
    });
    expect(missing.status).toBe(404);
  });

  it("need the collections scopes", async () => {
    const viewer = await sandbox.server.sandbox.issueToken(["collections.view"]);
    expect((await sandbox.call(`/v2/${kind}/collections`, { auth: { bearer: viewer } })).status).toBe(200);
    const create = await sandbox.call(`/v2/${kind}/collections`, {
      auth: { bearer: viewer },
      body: { name: "x" },
    });
    expect(create.status).toBe(403);
  });
});

describe("catalog collections", () => {
  it("hold assets of several types, shared between collections", async () => {
    const catalog = sandbox.server.sandbox.catalog;
    const image = catalog.images[20]?.id ?? "";
    const video = catalog.videos[20]?.id ?? "";
    const first = await sandbox.call<{ id: string; total_item_count: number }>("/v2/catalog/collections", {
      body: { name: "Campaign", items: [{ asset: { id: image, type: "image" } }] },
    });
    expect(first.status).toBe(201);
    expect(first.body.total_item_count).toBe(1);
    const second = await sandbox.call<{ id: string }>("/v2/catalog/collections", {
      body: { name: "Archive" },
    });
    const added = await sandbox.call<{ total_item_count: number }>(
      `/v2/catalog/collections/${first.body.id}/items`,
      {
        body: { items: [{ asset: { id: video, type: "video" } }] },
      },
    );
    expect(added.body.total_item_count).toBe(2);
    await sandbox.call(`/v2/catalog/collections/${second.body.id}/items`, {
      body: { items: [{ asset: { id: image, type: "image" } }] },
    });

    const search = await sandbox.call<{
      data: Array<{ id: string; asset: { id: string; type: string }; collection_ids: string[] }>;
    }>("/v2/catalog/search", { query: { collection_id: [first.body.id] } });
    expect(search.body.data).toHaveLength(2);
    const imageItem = search.body.data.find((item) => item.asset.id === image);
    expect(imageItem?.collection_ids.sort()).toEqual([first.body.id, second.body.id].sort());
    const videos = await sandbox.call<{ data: unknown[] }>("/v2/catalog/search", {
      query: { collection_id: [first.body.id], asset_type: ["video"] },
    });
    expect(videos.body.data).toHaveLength(1);

    const updated = await sandbox.call<{ name: string; visibility: string; cover_asset?: { id: string } }>(
      `/v2/catalog/collections/${first.body.id}`,
      {
        method: "PATCH",
        body: { name: "Campaign 2", visibility: "public", cover_asset: { id: imageItem?.id } },
      },
    );
    expect(updated.body).toMatchObject({
      name: "Campaign 2",
      visibility: "public",
      cover_asset: { id: imageItem?.id },
    });

    const removed = await sandbox.call<{ total_item_count: number }>(
      `/v2/catalog/collections/${first.body.id}/items`,
      {
        method: "DELETE",
        body: { items: [{ id: imageItem?.id }] },
      },
    );
    expect(removed.body.total_item_count).toBe(1);
    expect(
      (await sandbox.call(`/v2/catalog/collections/${first.body.id}`, { method: "DELETE" })).status,
    ).toBe(204);
    const list = await sandbox.call<{ data: Array<{ id: string }> }>("/v2/catalog/collections", {
      query: { per_page: 50 },
    });
    expect(list.body.data.map((collection) => collection.id)).not.toContain(first.body.id);
    expect(list.body.data.map((collection) => collection.id)).toContain(second.body.id);
  });

  it("rejects unknown assets", async () => {
    const answer = await sandbox.call("/v2/catalog/collections", {
      body: { name: "Bad", items: [{ asset: { id: "1", type: "image" } }] },
    });
    expect(answer.status).toBe(400);
  });
});

describe("ids that name Object.prototype members", () => {
  it.each(["toString", "constructor", "__proto__", "hasOwnProperty"])(
    "%s is an unknown collection",
    async (id) => {
      for (const [method, path] of [
        ["GET", `/v2/images/collections/${id}`],
        ["GET", `/v2/videos/collections/${id}/items`],
        ["DELETE", `/v2/catalog/collections/${id}`],
      ] as const) {
        const response = await sandbox.call(path, { method });
        expect(response.status, `${method} ${path}`).toBe(404);
      }
    },
  );
});
