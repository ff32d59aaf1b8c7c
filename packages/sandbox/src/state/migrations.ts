// The database schema, one migration per version: `PRAGMA user_version` says how many have run, and
// opening a database applies the missing ones in one transaction. Append only; never edit a shipped one.

/** `PRAGMA application_id` of a sandbox database ("SHKT"), so a foreign SQLite file is refused. */
export const SANDBOX_APPLICATION_ID = 0x53484b54;

export const MIGRATIONS: ReadonlyArray<string> = [
  // 1: every entity of the state (a collection, a licence, a token, ...) as one row with a JSON body.
  // `rev` is the commit that last wrote the row; a deleted entity stays as a tombstone (body NULL)
  // so that other processes see the deletion.
  `CREATE TABLE entries (
     section TEXT NOT NULL,
     key TEXT NOT NULL,
     ord INTEGER NOT NULL,
     rev INTEGER NOT NULL,
     body TEXT,
     PRIMARY KEY (section, key)
   ) WITHOUT ROWID;
   CREATE INDEX entries_by_rev ON entries (rev);`,
  // 2: the catalog's visual descriptors (float32 little-endian), under the fingerprint of the catalog
  // and descriptor algorithm that produced them.
  `CREATE TABLE descriptors (
     fingerprint TEXT NOT NULL,
     key TEXT NOT NULL,
     vector BLOB NOT NULL,
     PRIMARY KEY (fingerprint, key)
   ) WITHOUT ROWID;`,
];
