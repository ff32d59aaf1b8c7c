// State in a data directory survives a restart, concurrent writes are never lost, and a file the
// sandbox cannot use is refused by name.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer } from "../src/node.ts";
import { DATABASE_FILE, LEGACY_STATE_FILE } from "../src/state/data-dir.ts";
import { SandboxStateError } from "../src/state/errors.ts";
import { MIGRATIONS, SANDBOX_APPLICATION_ID } from "../src/state/migrations.ts";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

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

  it("lands every one of 50 concurrent additions, in memory and after a restart", async () => {
    const sandbox = await startTestSandbox({ seed: 21, dataDir: dir });
    const created = await sandbox.call<{ id: string }>("/v2/images/collections", {
      body: { name: "Crowded" },
    });
    const ids = sandbox.server.sandbox.catalog.images.slice(100, 150).map((image) => image.id);
    const items = async (target: typeof sandbox) =>
      (
        await target.call<{ data: Array<{ id: string }> }>(
          `/v2/images/collections/${created.body.id}/items`,
          {
            query: { per_page: 100 },
          },
        )
      ).body.data
        .map((item) => item.id)
        .sort();
    try {
      const answers = await Promise.all(
        ids.map((id) =>
          sandbox.call(`/v2/images/collections/${created.body.id}/items`, { body: { items: [{ id }] } }),
        ),
      );
      expect(answers.every((answer) => answer.status === 204)).toBe(true);
      expect(await items(sandbox)).toEqual([...ids].sort());
    } finally {
      await sandbox.close();
    }
    const again = await startTestSandbox({ seed: 21, dataDir: dir });
    try {
      expect(await items(again)).toEqual([...ids].sort());
    } finally {
      await again.close();
    }
  });

  it("keeps the state in one SQLite database, in WAL mode, at the latest schema version", async () => {
    const names = await readdir(dir);
    expect(names).toContain(DATABASE_FILE);
    expect(names.filter((name) => name.endsWith(".json") || name.endsWith(".tmp"))).toEqual([]);
    const db = new DatabaseSync(join(dir, DATABASE_FILE), { readOnly: true });
    try {
      expect(db.prepare("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
      expect(db.prepare("PRAGMA user_version").get()).toEqual({ user_version: MIGRATIONS.length });
    } finally {
      db.close();
    }
  });

  it("refuses a data directory made with another seed, naming its database", async () => {
    const error = await startSandboxServer({ seed: 22, dataDir: dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SandboxStateError);
    expect(error).toMatchObject({ problem: "seed-mismatch", file: join(dir, DATABASE_FILE) });
    expect(String(error)).toMatch(/seed 21/);
  });
});

describe("a data directory the sandbox cannot use", () => {
  const refusal = async (prepare: (file: string) => void) => {
    const own = await mkdtemp(join(tmpdir(), "shutterkit-sandbox-bad-"));
    try {
      const file = join(own, DATABASE_FILE);
      prepare(file);
      const before = await readFile(file);
      const error = await startSandboxServer({ dataDir: own }).catch((caught: unknown) => caught);
      // Never a silent reset: the file is left exactly as it was.
      expect(await readFile(file)).toEqual(before);
      expect(error).toBeInstanceOf(SandboxStateError);
      expect((error as SandboxStateError).file).toBe(file);
      expect((error as SandboxStateError).message).toContain(file);
      return error as SandboxStateError;
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  };

  it("names a file that is not a database as corrupt", async () => {
    const error = await refusal((file) =>
      writeFileSync(file, "this is not an SQLite database\n".repeat(200)),
    );
    expect(error.problem).toBe("corrupt");
  });

  it("names a database whose pages are damaged as corrupt", async () => {
    const error = await refusal((file) => {
      const db = new DatabaseSync(file);
      db.exec(
        `PRAGMA application_id = ${SANDBOX_APPLICATION_ID}; PRAGMA user_version = ${MIGRATIONS.length}`,
      );
      db.exec("CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);");
      const insert = db.prepare("INSERT INTO t VALUES (?)");
      db.exec("BEGIN");
      for (let index = 0; index < 2000; index += 1) insert.run(`row ${index} ${"x".repeat(100)}`);
      db.exec("COMMIT");
      db.close();
      const bytes = readFileSync(file);
      // Overwrite the middle pages (keeping the header), as a torn disk write would.
      bytes.fill(0xa5, 4096 * 3, bytes.length - 4096);
      writeFileSync(file, bytes);
    });
    expect(error.problem).toBe("corrupt");
  });

  it("refuses another program's SQLite database as foreign", async () => {
    const error = await refusal((file) => {
      const db = new DatabaseSync(file);
      db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
      db.close();
    });
    expect(error.problem).toBe("foreign");
  });

  it("refuses a database written by a newer schema", async () => {
    const error = await refusal((file) => {
      const db = new DatabaseSync(file);
      db.exec(
        `PRAGMA application_id = ${SANDBOX_APPLICATION_ID}; PRAGMA user_version = ${MIGRATIONS.length + 1}`,
      );
      db.exec("CREATE TABLE later (x)");
      db.close();
    });
    expect(error.problem).toBe("newer-schema");
  });
});

describe("a data directory from before the database", () => {
  it("imports the old JSON state once", async () => {
    const own = await mkdtemp(join(tmpdir(), "shutterkit-sandbox-legacy-"));
    try {
      const first = await startTestSandbox({ seed: 5 });
      const created = await first.call<{ id: string }>("/v2/images/collections", { body: { name: "Old" } });
      const state = first.server.sandbox.exportState();
      await first.close();
      writeFileSync(join(own, LEGACY_STATE_FILE), JSON.stringify(await state));
      const second = await startTestSandbox({ seed: 5, dataDir: own });
      try {
        const collection = await second.call<{ name: string }>(`/v2/images/collections/${created.body.id}`);
        expect(collection.body.name).toBe("Old");
      } finally {
        await second.close();
      }
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});

describe("visual descriptors in the data directory", () => {
  const catalogSize = { images: 60, videos: 4 };
  const similar = async (sandbox: TestSandbox, kind: "images" | "videos", id: string) =>
    (
      await sandbox.call<{ data: Array<{ id: string }> }>(`/v2/${kind}/${id}/similar`, {
        auth: "basic",
        query: { per_page: 5 },
      })
    ).body.data.map((asset) => asset.id);

  interface Chunk {
    fingerprint: string;
    keys: string;
    vectors: Uint8Array;
  }
  const chunksOf = (db: DatabaseSync, name: string) =>
    db
      .prepare("SELECT fingerprint, keys, vectors FROM descriptor_chunks WHERE name = ? ORDER BY chunk")
      .all(name) as unknown as Chunk[];

  /** Gives `outsider` the stored descriptor of `query`, in the chunk layout. */
  const copyDescriptor = (db: DatabaseSync, query: string, outsider: string): void => {
    const [chunk] = chunksOf(db, "images");
    if (chunk === undefined) throw new Error("no stored image descriptors");
    const keys = JSON.parse(chunk.keys) as string[];
    const size = chunk.vectors.byteLength / keys.length;
    const vectors = Uint8Array.from(chunk.vectors);
    const from = keys.indexOf(query) * size;
    vectors.copyWithin(keys.indexOf(outsider) * size, from, from + size);
    db.prepare("UPDATE descriptor_chunks SET vectors = ? WHERE name = 'images' AND chunk = 0").run(vectors);
  };

  /** Starts a sandbox on `own`, asks for similar images and videos, and returns the image ranking. */
  const firstRun = async (own: string) => {
    const first = await startTestSandbox({ seed: 9, dataDir: own, catalogSize });
    const images = first.server.sandbox.catalog.images.map((image) => image.id);
    const [query = "", ...others] = images;
    const before = await similar(first, "images", query);
    await similar(first, "videos", first.server.sandbox.catalog.videos[0]?.id ?? "");
    await first.close();
    return { query, outsider: others.find((id) => !before.includes(id)) ?? "" };
  };

  it("stores the images' and videos' descriptors and reads both back after a restart instead of recomputing", async () => {
    const own = await mkdtemp(join(tmpdir(), "shutterkit-sandbox-descriptors-"));
    try {
      const { query, outsider } = await firstRun(own);
      const db = new DatabaseSync(join(own, DATABASE_FILE));
      const stored = (name: string) =>
        chunksOf(db, name).reduce((sum, chunk) => sum + (JSON.parse(chunk.keys) as string[]).length, 0);
      // Saving the videos' set left the images' in place.
      expect(stored("images")).toBe(60);
      expect(stored("videos")).toBe(4 * 3);
      // If the restarted sandbox reads the stored descriptors, the outsider becomes the query's nearest.
      copyDescriptor(db, query, outsider);
      db.close();

      const second = await startTestSandbox({ seed: 9, dataDir: own, catalogSize });
      try {
        expect((await similar(second, "images", query))[0]).toBe(outsider);
      } finally {
        await second.close();
      }
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it("reads descriptors kept a row each by schema version 2 and moves them into chunks", async () => {
    const own = await mkdtemp(join(tmpdir(), "shutterkit-sandbox-descriptors-v2-"));
    try {
      const { query, outsider } = await firstRun(own);
      // Rewrite the database as version 2 left it: one row per descriptor, no chunk table.
      const db = new DatabaseSync(join(own, DATABASE_FILE));
      const [chunk] = chunksOf(db, "images");
      if (chunk === undefined) throw new Error("no stored image descriptors");
      const keys = JSON.parse(chunk.keys) as string[];
      const size = chunk.vectors.byteLength / keys.length;
      const insert = db.prepare("INSERT INTO descriptors (fingerprint, key, vector) VALUES (?, ?, ?)");
      keys.forEach((key, i) => {
        const from = (key === outsider ? keys.indexOf(query) : i) * size;
        insert.run(chunk.fingerprint, key, chunk.vectors.slice(from, from + size));
      });
      db.exec("DROP TABLE descriptor_chunks");
      db.exec("PRAGMA user_version = 2");
      db.close();

      const second = await startTestSandbox({ seed: 9, dataDir: own, catalogSize });
      try {
        expect((await similar(second, "images", query))[0]).toBe(outsider);
      } finally {
        await second.close();
      }
      const after = new DatabaseSync(join(own, DATABASE_FILE));
      expect((after.prepare("SELECT count(*) AS n FROM descriptors").get() as { n: number }).n).toBe(0);
      expect(chunksOf(after, "images").map((stored) => JSON.parse(stored.keys).length)).toEqual([60]);
      after.close();
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
