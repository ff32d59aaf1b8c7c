/// <reference types="node" />
// A `--data` directory: the SQLite database of the state, created on first use. A directory left by
// an older sandbox (one JSON document) is imported into the database once, then left in place.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SandboxState } from "./model.ts";
import { type SqliteStoreOptions, sqliteStore } from "./sqlite-store.ts";
import type { SandboxStore } from "./store.ts";

export const DATABASE_FILE = "sandbox.db";
/** What sandboxes before the SQLite store wrote. */
export const LEGACY_STATE_FILE = "sandbox-state.json";

export const dataDirStore = (dir: string, options: SqliteStoreOptions = {}): SandboxStore => {
  mkdirSync(dir, { recursive: true });
  const store = sqliteStore(join(dir, DATABASE_FILE), options);
  const legacy = join(dir, LEGACY_STATE_FILE);
  return {
    ...store,
    open: (initial) =>
      store.open(() =>
        existsSync(legacy) ? (JSON.parse(readFileSync(legacy, "utf8")) as SandboxState) : initial(),
      ),
  };
};
