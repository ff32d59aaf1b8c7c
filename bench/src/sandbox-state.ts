// The sandbox's durable state: acknowledged collection adds per second through HTTP (each answered
// only after its SQLite transaction committed), in memory and with --data, at 1 and 16 requests in
// flight, and the start-up from a persisted directory. Run: node src/sandbox-state.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandboxServer } from "@shutterkit/sandbox/node";
import { table } from "./report.ts";

const ADDS = 2_000;
const CATALOG = {
  images: 2_000,
  videos: 50,
  audio: 50,
  sfx: 10,
  editorialImages: 50,
  editorialVideos: 10,
  contributors: 20,
};

const addsPerSecond = async (dataDir: string | undefined, inFlight: number): Promise<number> => {
  const server = await startSandboxServer({
    catalogSize: CATALOG,
    ...(dataDir === undefined ? {} : { dataDir }),
  });
  try {
    const headers = {
      authorization: `Bearer ${server.credentials.accessToken}`,
      "content-type": "application/json",
    };
    const created = (await (
      await fetch(`${server.url}/v2/images/collections`, {
        method: "POST",
        headers,
        body: '{"name":"bench"}',
      })
    ).json()) as { id: string };
    const ids = server.sandbox.catalog.images.map((image) => image.id);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < ADDS) {
          const id = ids[next % ids.length];
          next += 1;
          const response = await fetch(`${server.url}/v2/images/collections/${created.id}/items`, {
            method: "POST",
            headers,
            body: JSON.stringify({ items: [{ id }] }),
          });
          if (response.status !== 204) throw new Error(`add answered ${response.status}`);
          await response.arrayBuffer();
        }
      }),
    );
    return ADDS / ((performance.now() - started) / 1000);
  } finally {
    await server.close();
  }
};

const dir = await mkdtemp(join(tmpdir(), "shutterkit-bench-state-"));
try {
  const rows: string[][] = [];
  for (const inFlight of [1, 16]) {
    const memory = await addsPerSecond(undefined, inFlight);
    const durable = await addsPerSecond(join(dir, `adds-${inFlight}`), inFlight);
    rows.push([String(inFlight), memory.toFixed(0), durable.toFixed(0)]);
  }
  console.log(`acknowledged collection adds per second through HTTP, ${ADDS} adds to one collection:\n`);
  console.log(table(["in flight", "in memory", "--data (SQLite, committed)"], rows));
  const started = performance.now();
  const reopened = await startSandboxServer({ catalogSize: CATALOG, dataDir: join(dir, "adds-16") });
  const startMs = performance.now() - started;
  await reopened.close();
  console.log(
    `\nstart-up from that --data directory (${ADDS} items in one collection): ${startMs.toFixed(0)} ms`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
