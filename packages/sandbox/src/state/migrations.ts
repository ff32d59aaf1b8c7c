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
  // 3: descriptors as named sets ("images", "videos"), each in chunks of many: a chunk's keys as a JSON
  // array and their float32 descriptors one after another in one BLOB, so that a restart reads a few
  // large values instead of a row (and an overflow page) per picture. Saving one set leaves the others.
  // Version 2's rows are read once and moved here by the store.
  `CREATE TABLE descriptor_chunks (
     name TEXT NOT NULL,
     chunk INTEGER NOT NULL,
     fingerprint TEXT NOT NULL,
     keys TEXT NOT NULL,
     vectors BLOB NOT NULL,
     PRIMARY KEY (name, chunk)
   );`,
];
