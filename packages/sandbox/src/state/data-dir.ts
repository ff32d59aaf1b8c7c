/// <reference types="node" />
// A `--data` directory: the SQLite database of the state, created on first use. A directory left by
// an older sandbox (one JSON document) is imported into the database once, then left in place.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SandboxStateError } from "./errors.ts";
import type { SandboxState } from "./model.ts";
import { type SqliteStoreOptions, sqliteStore } from "./sqlite-store.ts";
import type { SandboxStore } from "./store.ts";

export const DATABASE_FILE = "sandbox.db";
/** What sandboxes before the SQLite store wrote. */
export const LEGACY_STATE_FILE = "sandbox-state.json";

/**
 * The store of a data directory. `node:sqlite` is loaded here, on first use, so that an in-memory
 * sandbox still starts on a Node without it.
 */
export const dataDirStore = async (dir: string, options: SqliteStoreOptions = {}): Promise<SandboxStore> => {
  const file = join(dir, DATABASE_FILE);
  let sqlite: typeof import("node:sqlite");
  try {
    sqlite = await import("node:sqlite");
  } catch (error) {
    throw new SandboxStateError(
      file,
      "io",
      `--data needs node:sqlite (Node >= 22.13); this is Node ${process.versions.node}`,
      { cause: error },
    );
  }
  mkdirSync(dir, { recursive: true });
  const store = sqliteStore(file, sqlite.DatabaseSync, options);
  const legacy = join(dir, LEGACY_STATE_FILE);
  return {
    ...store,
    open: (initial) =>
      store.open(() =>
        existsSync(legacy) ? (JSON.parse(readFileSync(legacy, "utf8")) as SandboxState) : initial(),
      ),
  };
};
