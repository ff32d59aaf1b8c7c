// Visual similarity through the sandbox's HTTP API over seeded catalogs: GET /v2/cv/similar/images
// p50 and p95, the upload path (POST /v2/cv/images with a 1024x768 JPEG: decode, describe, commit),
// and the start-up until the first similar-images answer, cold and from a persisted --data directory.
//   node src/sandbox-similarity.ts [sizes=1000,10000,100000]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeJpeg, imageFromPixels } from "@shutterkit/sandbox/imaging";
import { type SandboxServer, startSandboxServer } from "@shutterkit/sandbox/node";
import { table } from "./report.ts";

const SIZES = (process.argv[2] ?? "1000,10000,100000").split(",").map(Number);
const QUERIES = 200;
const UPLOADS = 20;

const percentile = (values: ReadonlyArray<number>, p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};

/** A 1024x768 JPEG with a coloured disc whose hue and place vary with `n`. */
const upload = (n: number): string => {
  const cx = 200 + ((n * 97) % 600);
  const cy = 150 + ((n * 53) % 450);
  const colour: [number, number, number] = [(n * 71) % 256, (n * 137) % 256, (n * 29) % 256];
  const image = imageFromPixels(1024, 768, (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 < 180 ** 2 ? colour : [240 - (y >> 3), 240 - (x >> 4), 230],
  );
  return Buffer.from(encodeJpeg(image, 85)).toString("base64");
};

const catalogSize = (images: number) => ({
  images,
  videos: 10,
  audio: 10,
  sfx: 5,
  editorialImages: 10,
  editorialVideos: 5,
  contributors: 20,
});

const client = (server: SandboxServer) => {
  const headers = {
    authorization: `Bearer ${server.credentials.accessToken}`,
    "content-type": "application/json",
  };
  return {
    upload: async (base64: string): Promise<string> => {
      const response = await fetch(`${server.url}/v2/cv/images`, {
        method: "POST",
        headers,
        body: JSON.stringify({ base64_image: base64 }),
      });
      if (response.status !== 201 && response.status !== 200)
        throw new Error(`upload answered ${response.status}`);
      return ((await response.json()) as { upload_id: string }).upload_id;
    },
    similar: async (assetId: string): Promise<void> => {
      const response = await fetch(`${server.url}/v2/cv/similar/images?asset_id=${assetId}&per_page=50`, {
        headers,
      });
      if (response.status !== 200) throw new Error(`similar answered ${response.status}`);
      await response.arrayBuffer();
    },
  };
};

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
};

const bodies = Array.from({ length: UPLOADS }, (_, n) => upload(n));
const kib = (Buffer.from(bodies[0] ?? "", "base64").byteLength / 1024).toFixed(0);
const rows: string[][] = [];
for (const size of SIZES) {
  const dir = await mkdtemp(join(tmpdir(), "shutterkit-bench-similarity-"));
  try {
    // Cold: generate the catalog, compute every descriptor, answer the first query.
    const [cold, coldMs] = await timed(async () => {
      const server = await startSandboxServer({ catalogSize: catalogSize(size), dataDir: dir });
      const api = client(server);
      await api.similar(await api.upload(bodies[0] ?? ""));
      return server;
    });
    const api = client(cold);
    const uploadMs: number[] = [];
    const ids: string[] = [];
    for (const body of bodies) {
      const [id, ms] = await timed(() => api.upload(body));
      ids.push(id);
      uploadMs.push(ms);
    }
    const queryMs: number[] = [];
    for (let query = 0; query < QUERIES; query++) {
      const [, ms] = await timed(() => api.similar(ids[query % ids.length] ?? ""));
      queryMs.push(ms);
    }
    await cold.close();
    // Warm: the same directory, descriptors read back from the database.
    const [, warmMs] = await timed(async () => {
      const server = await startSandboxServer({ catalogSize: catalogSize(size), dataDir: dir });
      await client(server).similar(ids[0] ?? "");
      await server.close();
    });
    rows.push([
      size.toLocaleString("en"),
      percentile(queryMs, 0.5).toFixed(2),
      percentile(queryMs, 0.95).toFixed(2),
      percentile(uploadMs, 0.5).toFixed(1),
      (coldMs / 1000).toFixed(2),
      (warmMs / 1000).toFixed(2),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(
  `similar images through HTTP (per_page 50, ${QUERIES} queries over ${UPLOADS} uploads of a 1024x768 JPEG of ${kib} KiB), with --data:\n`,
);
console.log(
  table(
    [
      "pictures",
      "similar p50 (ms)",
      "similar p95 (ms)",
      "upload p50 (ms)",
      "start to first answer, cold (s)",
      "start to first answer, persisted (s)",
    ],
    rows,
  ),
);
