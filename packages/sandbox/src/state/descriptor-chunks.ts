// Visual descriptor sets in the database (migration 3): chunks of CHUNK descriptors, each one row with
// its keys as a JSON array and its vectors as one BLOB of float32s. Version 2 kept a row per
// descriptor; such rows are read when a set has no chunks yet and moved into chunks on that first read.
import type { DatabaseConstructor } from "./sqlite-store.ts";
import type { DescriptorStore } from "./store.ts";

type DatabaseSync = InstanceType<DatabaseConstructor>;

/** Descriptors per stored chunk: about 2.4 MB of BLOB for the visual descriptor. */
const CHUNK = 2048;

interface ChunkRow {
  readonly keys: string;
  readonly vectors: Uint8Array;
}

const bytesOf = (vector: Float32Array): Uint8Array =>
  new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);

/** The chunk's vectors as views of one float32 array (copied only when the BLOB is misaligned). */
const unpack = (row: ChunkRow, into: Map<string, Float32Array>): void => {
  const keys = JSON.parse(row.keys) as string[];
  if (keys.length === 0) return;
  const bytes = row.vectors;
  const floats =
    bytes.byteOffset % 4 === 0
      ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2)
      : new Float32Array(bytes.slice().buffer);
  const length = floats.length / keys.length;
  if (!Number.isInteger(length)) return;
  keys.forEach((key, i) => {
    into.set(key, floats.subarray(i * length, (i + 1) * length));
  });
};

/** Chunks of at most CHUNK entries whose vectors have one length. */
const chunksOf = (entries: ReadonlyArray<readonly [string, Float32Array]>) => {
  const chunks: Array<Array<readonly [string, Float32Array]>> = [];
  let current: Array<readonly [string, Float32Array]> = [];
  for (const entry of entries) {
    if (current.length === CHUNK || (current.length > 0 && current[0]![1].length !== entry[1].length)) {
      chunks.push(current);
      current = [];
    }
    current.push(entry);
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((chunk) => {
    const vectors = new Uint8Array(chunk.reduce((sum, [, vector]) => sum + vector.byteLength, 0));
    let at = 0;
    for (const [, vector] of chunk) {
      vectors.set(bytesOf(vector), at);
      at += vector.byteLength;
    }
    return { keys: JSON.stringify(chunk.map(([key]) => key)), vectors };
  });
};

export const sqliteDescriptors = (
  connection: () => DatabaseSync,
  transaction: <T>(db: DatabaseSync, run: () => T) => T,
): DescriptorStore => {
  /** Replaces the set's chunks; the caller holds the transaction. */
  const write = (
    db: DatabaseSync,
    name: string,
    fingerprint: string,
    entries: ReadonlyArray<readonly [string, Float32Array]>,
  ): void => {
    const insert = db.prepare(
      "INSERT INTO descriptor_chunks (name, chunk, fingerprint, keys, vectors) VALUES (?, ?, ?, ?, ?)",
    );
    db.prepare("DELETE FROM descriptor_chunks WHERE name = ?").run(name);
    chunksOf(entries).forEach((chunk, index) => {
      insert.run(name, index, fingerprint, chunk.keys, chunk.vectors);
    });
  };

  const loadVersion2 = (db: DatabaseSync, name: string, fingerprint: string): Map<string, Float32Array> => {
    const rows = db
      .prepare("SELECT key, vector FROM descriptors WHERE fingerprint = ?")
      .all(fingerprint) as unknown as Array<{ key: string; vector: Uint8Array }>;
    const out = new Map<string, Float32Array>();
    for (const row of rows) out.set(row.key, new Float32Array(row.vector.slice().buffer));
    if (out.size > 0) {
      try {
        transaction(db, () => {
          write(db, name, fingerprint, [...out]);
          db.prepare("DELETE FROM descriptors WHERE fingerprint = ?").run(fingerprint);
        });
      } catch {
        // A database this process cannot write to is still read, in the old layout.
      }
    }
    return out;
  };

  return {
    load: (name, fingerprint) => {
      const db = connection();
      const rows = db
        .prepare(
          "SELECT keys, vectors FROM descriptor_chunks WHERE name = ? AND fingerprint = ? ORDER BY chunk",
        )
        .all(name, fingerprint) as unknown as ChunkRow[];
      if (rows.length === 0) return loadVersion2(db, name, fingerprint);
      const out = new Map<string, Float32Array>();
      for (const row of rows) unpack(row, out);
      return out;
    },
    save: (name, fingerprint, entries) => {
      const db = connection();
      transaction(db, () => write(db, name, fingerprint, entries));
    },
  };
};
