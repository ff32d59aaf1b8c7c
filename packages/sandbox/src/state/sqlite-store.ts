/// <reference types="node" />
// The state in an SQLite database, through Node's built-in `node:sqlite` rather than better-sqlite3:
// the same synchronous API, with no native addon to download (better-sqlite3 fetches a prebuilt binary
// from GitHub at install, or compiles with a C++ toolchain) and no dependency to keep up with Node.
// WAL mode, so readers never wait for the writer; every mutation one `BEGIN IMMEDIATE` transaction,
// committed with synchronous=FULL before the request is answered; a busy timeout, so processes
// sharing the file take turns instead of failing. Each process keeps the state in memory and,
// before every read and write, reads the rows other processes committed since (by revision).
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { sqliteDescriptors } from "./descriptor-chunks.ts";
import { SandboxStateError, type SandboxStateProblem } from "./errors.ts";
import { MIGRATIONS, SANDBOX_APPLICATION_ID } from "./migrations.ts";
import type { SandboxState } from "./model.ts";
import { assemble, explode, rowId, type StateRow } from "./rows.ts";
import type { SandboxStore } from "./store.ts";

export interface SqliteStoreOptions {
  /** How long a write waits for another process's transaction, in ms (default 10,000). */
  readonly busyTimeoutMs?: number;
}

interface StoredRow {
  readonly section: string;
  readonly key: string;
  readonly ord: number;
  readonly rev: number;
  readonly body: string | null;
}

const SQLITE_BUSY = 5;
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

const errcodeOf = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "errcode" in error && typeof error.errcode === "number"
    ? error.errcode & 0xff
    : undefined;

/** Wraps a failure of the database in the sandbox's typed error; leaves the sandbox's own errors alone. */
const asStateError = (file: string, error: unknown): unknown => {
  if (error instanceof SandboxStateError) return error;
  const code = errcodeOf(error);
  if (code === undefined) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const problem: SandboxStateProblem =
    code === SQLITE_NOTADB || code === SQLITE_CORRUPT ? "corrupt" : code === SQLITE_BUSY ? "busy" : "io";
  const message =
    problem === "corrupt"
      ? `not a readable sandbox database (${reason}); move it away or pass another --data directory`
      : problem === "busy"
        ? `another process kept the database locked (${reason})`
        : `database error: ${reason}`;
  return new SandboxStateError(file, problem, message, { cause: error });
};

/** `node:sqlite`'s database class; passed in so that importing this module needs no `node:sqlite`. */
export type DatabaseConstructor = typeof DatabaseSync;

export const sqliteStore = (
  file: string,
  Database: DatabaseConstructor,
  options: SqliteStoreOptions = {},
): SandboxStore => {
  let db: DatabaseSync | undefined;
  let statements:
    | {
        readonly upsert: StatementSync;
        readonly since: StatementSync;
        readonly maxRev: StatementSync;
        readonly dataVersion: StatementSync;
      }
    | undefined;
  /** The committed rows this process knows, by `rowId`, and the state they assemble into. */
  let rows = new Map<string, StateRow>();
  let state: SandboxState | undefined;
  let seenRev = 0;
  let seenDataVersion = -1;

  const guard = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw asStateError(file, error);
    }
  };

  const open = () => {
    if (db === undefined || statements === undefined) throw new Error(`${file}: the store is closed`);
    return { db, statements };
  };

  /** Takes in the rows other processes committed since `seenRev`. */
  const catchUp = (): void => {
    const { statements: s } = open();
    const latest = (s.maxRev.get() as { rev: number | null }).rev ?? 0;
    if (latest > seenRev) {
      for (const row of s.since.all(seenRev) as unknown as StoredRow[]) {
        const id = rowId(row.section, row.key);
        if (row.body === null) rows.delete(id);
        else rows.set(id, { section: row.section, key: row.key, ord: row.ord, body: row.body });
      }
      seenRev = latest;
      state = assemble(rows.values());
    }
    seenDataVersion = (s.dataVersion.get() as { data_version: number }).data_version;
  };

  const transaction = <T>(connection: DatabaseSync, run: () => T): T => {
    connection.exec("BEGIN IMMEDIATE");
    try {
      const result = run();
      connection.exec("COMMIT");
      return result;
    } catch (error) {
      if (connection.isTransaction) connection.exec("ROLLBACK");
      throw error;
    }
  };

  /**
   * Writes the rows that differ between what is stored and `next`, under the next revision; returns
   * that revision, or the current one when nothing changed. The caller adopts it only once committed.
   */
  const writeRows = (next: Map<string, StateRow>): number => {
    const { statements: s } = open();
    const rev = seenRev + 1;
    let changed = false;
    for (const [id, row] of next) {
      const previous = rows.get(id);
      if (previous !== undefined && previous.body === row.body && previous.ord === row.ord) continue;
      s.upsert.run(row.section, row.key, row.ord, rev, row.body);
      changed = true;
    }
    for (const [id, row] of rows) {
      if (next.has(id)) continue;
      // A tombstone, so other processes learn of the deletion when they catch up.
      s.upsert.run(row.section, row.key, row.ord, rev, null);
      changed = true;
    }
    return changed ? rev : seenRev;
  };

  /** Makes a committed version this process's own. */
  const adopt = (next: SandboxState, nextRows: Map<string, StateRow>, rev: number): SandboxState => {
    state = next;
    rows = nextRows;
    seenRev = rev;
    return next;
  };

  const identify = (connection: DatabaseSync): void => {
    const applicationId = (connection.prepare("PRAGMA application_id").get() as { application_id: number })
      .application_id;
    const tables = (
      connection.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as {
        n: number;
      }
    ).n;
    if (applicationId !== SANDBOX_APPLICATION_ID && (applicationId !== 0 || tables > 0)) {
      throw new SandboxStateError(
        file,
        "foreign",
        "an SQLite database that the sandbox did not write; refusing to touch it (pass another --data directory)",
      );
    }
    const version = (connection.prepare("PRAGMA user_version").get() as { user_version: number })
      .user_version;
    if (version > MIGRATIONS.length) {
      throw new SandboxStateError(
        file,
        "newer-schema",
        `schema version ${version} was written by a newer sandbox; this one knows up to ${MIGRATIONS.length}`,
      );
    }
    const check = (connection.prepare("PRAGMA quick_check").get() as { quick_check: string }).quick_check;
    if (check !== "ok") throw new SandboxStateError(file, "corrupt", `damaged database: ${check}`);
  };

  const migrate = (connection: DatabaseSync): void => {
    transaction(connection, () => {
      // Read again under the write lock: another process may have migrated since `identify`.
      const version = (connection.prepare("PRAGMA user_version").get() as { user_version: number })
        .user_version;
      for (const migration of MIGRATIONS.slice(version)) connection.exec(migration);
      if (version < MIGRATIONS.length) {
        connection.exec(`PRAGMA application_id = ${SANDBOX_APPLICATION_ID}`);
        connection.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
      }
    });
  };

  const descriptors = sqliteDescriptors(() => open().db, transaction);

  return {
    location: file,
    open: (initial) =>
      guard(() => {
        const connection = new Database(file, { timeout: options.busyTimeoutMs ?? 10_000 });
        try {
          identify(connection);
          connection.exec("PRAGMA journal_mode = WAL");
          connection.exec("PRAGMA synchronous = FULL");
          db = connection;
          migrate(connection);
          statements = {
            upsert: connection.prepare(
              `INSERT INTO entries (section, key, ord, rev, body) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (section, key) DO UPDATE SET ord = excluded.ord, rev = excluded.rev, body = excluded.body`,
            ),
            since: connection.prepare(
              "SELECT section, key, ord, rev, body FROM entries WHERE rev > ? ORDER BY rev",
            ),
            maxRev: connection.prepare("SELECT max(rev) AS rev FROM entries"),
            dataVersion: connection.prepare("PRAGMA data_version"),
          };
          const opened = transaction(connection, () => {
            catchUp();
            if (state !== undefined) return undefined;
            const first = initial();
            const firstRows = explode(first);
            return { first, firstRows, rev: writeRows(firstRows) };
          });
          if (opened !== undefined) return adopt(opened.first, opened.firstRows, opened.rev);
          if (state === undefined) throw new Error(`${file}: no state after opening`);
          return state;
        } catch (error) {
          db = undefined;
          statements = undefined;
          connection.close();
          throw error;
        }
      }),

    read: () =>
      guard(() => {
        const { statements: s } = open();
        if ((s.dataVersion.get() as { data_version: number }).data_version !== seenDataVersion) catchUp();
        if (state === undefined) throw new Error(`${file}: the store is not open`);
        return state;
      }),

    write: (change) =>
      guard(() => {
        const committed = transaction(open().db, () => {
          catchUp();
          if (state === undefined) throw new Error(`${file}: the store is not open`);
          const draft = structuredClone(state);
          const result = change(draft);
          const next = explode(draft);
          return { result, draft, next, rev: writeRows(next) };
        });
        // Only a committed change becomes the state this process serves.
        adopt(committed.draft, committed.next, committed.rev);
        return committed.result;
      }),

    descriptors: {
      load: (name, fingerprint) => guard(() => descriptors.load(name, fingerprint)),
      save: (name, fingerprint, entries) => guard(() => descriptors.save(name, fingerprint, entries)),
    },

    close: () => {
      db?.close();
      db = undefined;
      statements = undefined;
    },
  };
};
