// The SQLite store under the HTTP layer: two connections to one file see each other's commits, and a
// change that fails leaves both the file and the served state as they were.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { Catalog } from "../src/catalog/build.ts";
import { createInitialState } from "../src/state/initial.ts";
import { sqliteStore } from "../src/state/sqlite-store.ts";
import type { SandboxStore } from "../src/state/store.ts";

const catalog = new Catalog(3, {
  images: 20,
  videos: 2,
  audio: 2,
  sfx: 1,
  editorialImages: 2,
  editorialVideos: 1,
});
const initial = () => createInitialState(3, catalog, new Date("2026-01-01T00:00:00Z"));
const open: SandboxStore[] = [];
const dirs: string[] = [];

const storeAt = async (file?: string): Promise<[SandboxStore, string]> => {
  let target = file;
  if (target === undefined) {
    const dir = await mkdtemp(join(tmpdir(), "shutterkit-sqlite-store-"));
    dirs.push(dir);
    target = join(dir, "sandbox.db");
  }
  const store = sqliteStore(target, DatabaseSync);
  store.open(initial);
  open.push(store);
  return [store, target];
};

afterEach(async () => {
  for (const store of open.splice(0)) store.close();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("sqlite store", () => {
  it("shows each connection the other's commits, deletions included", async () => {
    const [first, file] = await storeAt();
    const [second] = await storeAt(file);
    first.write((state) => {
      state.refreshTokens["r2/a"] = "v2/a";
    });
    expect(second.read().refreshTokens["r2/a"]).toBe("v2/a");
    second.write((state) => {
      delete state.refreshTokens["r2/a"];
      state.counter += 5;
    });
    expect(first.read().refreshTokens["r2/a"]).toBeUndefined();
    expect(first.read().counter).toBe(second.read().counter);
  });

  it("keeps the file and the served state when a change throws", async () => {
    const [store, file] = await storeAt();
    const before = store.read();
    expect(() =>
      store.write((state) => {
        state.counter = 99;
        state.licenses.length = 0;
        throw new Error("bad change");
      }),
    ).toThrow("bad change");
    expect(store.read()).toBe(before);
    const [other] = await storeAt(file);
    expect(other.read()).toEqual(before);
  });
});
