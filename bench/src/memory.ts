// Memory while paginating 100,000 search results (200 pages of 500, from a loopback stub) with the
// modular Promise client (`client.all(searchImages, ...)`), with the client before the pipeline was
// rebuilt (baseline.ts) and with the Effect API's `items` stream,
// and while streaming a 1 GB download to a file in /tmp with @shutterkit/node's downloadToFile.
// Resident set size is sampled every 10 ms; the peak growth over the baseline should stay under
// 100 MB. Run: pnpm --filter @shutterkit/bench run memory
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Credentials, createClient, downloadToFile, items, layer, searchImages } from "@shutterkit/node";
import { Effect, Stream } from "effect";
import { BASELINE_COMMIT, baselineSearchImages } from "./baseline.ts";
import { QUICK, table } from "./report.ts";
import { startStub } from "./stub.ts";

const ITEMS = QUICK ? 5_000 : 100_000;
const DOWNLOAD_BYTES = QUICK ? 64 * 1024 ** 2 : 1024 ** 3;
const MB = 1024 * 1024;

export interface MemoryRun {
  readonly what: string;
  readonly seconds: number;
  readonly baselineMb: number;
  readonly peakMb: number;
  readonly growthMb: number;
  /** Live heap after a full collection, before and after: what the run kept. */
  readonly retainedMb: number;
  readonly peakHeapMb: number;
  readonly detail: string;
}

const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const sampled = async (what: string, body: () => Promise<string>): Promise<MemoryRun> => {
  collect();
  const baseline = process.memoryUsage.rss();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = baseline;
  let peakHeap = heapBefore;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  const started = performance.now();
  const detail = await body();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  collect();
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    what,
    seconds,
    baselineMb: baseline / MB,
    peakMb: peak / MB,
    growthMb: (peak - baseline) / MB,
    retainedMb: (heapAfter - heapBefore) / MB,
    peakHeapMb: (peakHeap - heapBefore) / MB,
    detail,
  };
};

const stub = await startStub({ STUB_TOTAL: String(ITEMS) });
const runs: MemoryRun[] = [];
try {
  const config = { baseUrl: stub.url, credentials: Credentials.oauth("bench-token") };
  const client = createClient(config);
  const search = { query: "cat", per_page: 500 } as const;
  // Warm up the client and the schemas, so the baseline is the steady state of a working process.
  await client.send(searchImages, search);

  /** Counts the items and keeps a sample of ids: keeping every id would itself grow memory. */
  const counter = () => {
    let count = 0;
    const ids = new Set<string>();
    return {
      add: (image: { readonly id: string }) => {
        count += 1;
        if (count % 997 === 0) ids.add(image.id);
      },
      result: () => {
        if (count !== ITEMS) throw new Error(`paginated ${count} items, expected ${ITEMS}`);
        return `${count} items, ${ids.size} sampled ids distinct`;
      },
    };
  };
  const paginating = `paginate ${ITEMS.toLocaleString("en")} items`;

  runs.push(
    await sampled(`${paginating} (client.all(searchImages), 500 per page)`, async () => {
      const seen = counter();
      for await (const image of client.all(searchImages, search)) seen.add(image);
      return seen.result();
    }),
  );

  // The client before the pipeline was rebuilt (baseline.ts), measured the same way beside it.
  const before = baselineSearchImages(stub.url, "bench-token");
  await before(search);
  runs.push(
    await sampled(
      `${paginating} (before the redesign, ${BASELINE_COMMIT.slice(0, 7)}: searchImages.all, 500 per page)`,
      async () => {
        const seen = counter();
        for await (const image of before.all(search)) seen.add(image);
        return seen.result();
      },
    ),
  );

  runs.push(
    await sampled(`${paginating} (Effect: items(searchImages) stream, 500 per page)`, async () => {
      const seen = counter();
      await items(searchImages, search).pipe(
        Stream.runForEach((image) => Effect.sync(() => seen.add(image))),
        Effect.provide(layer(config)),
        Effect.runPromise,
      );
      return seen.result();
    }),
  );

  const target = join(tmpdir(), `shutterkit-bench-${process.pid}.bin`);
  try {
    runs.push(
      await sampled(
        `stream a ${DOWNLOAD_BYTES / 1024 ** 2} MB download to a file (downloadToFile)`,
        async () => {
          const result = await downloadToFile(`${stub.url}/download/${DOWNLOAD_BYTES}/big.bin`, target);
          if (result.bytes !== DOWNLOAD_BYTES) throw new Error(`downloaded ${result.bytes} bytes`);
          return `${result.bytes} bytes written`;
        },
      ),
    );
  } finally {
    await rm(target, { force: true });
  }

  console.log("\nresident set size while working (sampled every 10 ms):\n");
  console.log(
    table(
      [
        "run",
        "seconds",
        "RSS before MB",
        "RSS peak MB",
        "RSS growth MB",
        "heap peak +MB",
        "heap kept MB",
        "result",
      ],
      runs.map((run) => [
        run.what,
        run.seconds.toFixed(1),
        run.baselineMb.toFixed(0),
        run.peakMb.toFixed(0),
        run.growthMb.toFixed(1),
        run.peakHeapMb.toFixed(1),
        run.retainedMb.toFixed(1),
        run.detail,
      ]),
    ),
  );
  console.log("\ntarget: growth under 100 MB for each");
} finally {
  await stub.close();
}
