// State in a data directory survives a restart, and concurrent writes are never lost.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer } from "../src/node.ts";
import { STATE_FILE } from "../src/state/file-store.ts";
import { startTestSandbox } from "./helpers.ts";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shutterkit-sandbox-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("persistence", () => {
  it("keeps collections, licences and allotments across a restart", async () => {
    const first = await startTestSandbox({ seed: 21, dataDir: dir });
    const image = first.server.sandbox.catalog.images[0]?.id;
    const created = await first.call<{ id: string }>("/v2/images/collections", {
      body: { name: "Survivor" },
    });
    await first.call(`/v2/images/collections/${created.body.id}/items`, { body: { items: [{ id: image }] } });
    const licensed = await first.call<{ data: Array<{ license_id: string }> }>("/v2/images/licenses", {
      body: { images: [{ image_id: image, size: "small" }] },
    });
    const subscriptions = await first.call<{
      data: Array<{ id: string; allotment: { downloads_left: number } }>;
    }>("/v2/user/subscriptions");
    const token = await first.server.sandbox.issueToken(["user.view"]);
    await first.close();

    const second = await startTestSandbox({ seed: 21, dataDir: dir });
    try {
      const collection = await second.call<{ name: string; total_item_count: number }>(
        `/v2/images/collections/${created.body.id}`,
      );
      expect(collection.body).toMatchObject({ name: "Survivor", total_item_count: 1 });
      const history = await second.call<{ data: Array<{ id: string }> }>("/v2/images/licenses");
      expect(history.body.data.map((entry) => entry.id)).toContain(licensed.body.data[0]?.license_id);
      const after = await second.call<typeof subscriptions.body>("/v2/user/subscriptions");
      expect(after.body).toEqual(subscriptions.body);
      expect((await second.call("/v2/user", { auth: { bearer: token } })).status).toBe(200);
      const redownload = await second.call<{ url: string }>(
        `/v2/images/licenses/${licensed.body.data[0]?.license_id}/downloads`,
        { body: {} },
      );
      expect((await fetch(redownload.body.url)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it("lands every one of 50 concurrent additions, in memory and on disk", async () => {
    const sandbox = await startTestSandbox({ seed: 21, dataDir: dir });
    try {
      const created = await sandbox.call<{ id: string }>("/v2/images/collections", {
        body: { name: "Crowded" },
      });
      const ids = sandbox.server.sandbox.catalog.images.slice(100, 150).map((image) => image.id);
      const answers = await Promise.all(
        ids.map((id) =>
          sandbox.call(`/v2/images/collections/${created.body.id}/items`, { body: { items: [{ id }] } }),
        ),
      );
      expect(answers.every((answer) => answer.status === 204)).toBe(true);
      const collection = await sandbox.call<{ total_item_count: number }>(
        `/v2/images/collections/${created.body.id}`,
      );
      expect(collection.body.total_item_count).toBe(50);
      await sandbox.server.sandbox.flush();
      const saved = JSON.parse(await readFile(join(dir, STATE_FILE), "utf8")) as {
        collections: { images: Record<string, { items: Array<{ id: string }> }> };
      };
      expect(saved.collections.images[created.body.id]?.items.map((item) => item.id).sort()).toEqual(
        [...ids].sort(),
      );
      expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it("refuses a data directory made with another seed", async () => {
    await expect(startSandboxServer({ seed: 22, dataDir: dir })).rejects.toThrow(/seed 21/);
  });
});
