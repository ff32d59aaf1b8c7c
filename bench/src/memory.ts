// Memory while paginating 100,000 search results (200 pages of 500, from a loopback stub) with the
// modular Promise client (`client.all(searchImages, ...)`), with the client before the pipeline was
// rebuilt (baseline.ts) and with the Effect API's `items` stream,
// and while streaming a 1 GB download to a file in /tmp with @shutterkit/node's downloadToFile.
// Resident set size is sampled every 10 ms; the peak growth over the baseline should stay under
// 100 MB. Run: pnpm --filter @shutterkit/bench run memory
import { spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

const search = { query: "cat", per_page: 500 } as const;
const paginating = `paginate ${ITEMS.toLocaleString("en")} items`;

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

/**
 * Each run in a fresh process of its own (the same Node flags) that loads only what it measures, so
 * no run starts on the heap an earlier one grew, and the client before the redesign (a second copy
 * of core) weighs on no other.
 */
const runs: Record<string, (stubUrl: string) => Promise<MemoryRun>> = {
  all: async (stubUrl) => {
    const { Credentials, createClient, searchImages } = await import("@shutterkit/node");
    const client = createClient({ baseUrl: stubUrl, credentials: Credentials.oauth("bench-token") });
    // Warm up the client and the schemas, so the baseline is the steady state of a working process.
    await client.send(searchImages, search);
    return sampled(`${paginating} (client.all(searchImages), 500 per page)`, async () => {
      const seen = counter();
      for await (const image of client.all(searchImages, search)) seen.add(image);
      return seen.result();
    });
  },
  before: async (stubUrl) => {
    const { BASELINE_COMMIT, baselineSearchImages } = await import("./baseline.ts");
    const before = baselineSearchImages(stubUrl, "bench-token");
    await before(search);
    return sampled(
      `${paginating} (before the redesign, ${BASELINE_COMMIT.slice(0, 7)}: searchImages.all, 500 per page)`,
      async () => {
        const seen = counter();
        for await (const image of before.all(search)) seen.add(image);
        return seen.result();
      },
    );
  },
  items: async (stubUrl) => {
    const { Credentials, items, layer, searchImages } = await import("@shutterkit/node");
    const { Effect, Stream } = await import("effect");
    const config = { baseUrl: stubUrl, credentials: Credentials.oauth("bench-token") };
    const run = (perItem: (image: { readonly id: string }) => void, maxPages?: number) =>
      items(searchImages, search, maxPages === undefined ? undefined : { maxPages }).pipe(
        Stream.runForEach((image) => Effect.sync(() => perItem(image))),
        Effect.provide(layer(config)),
        Effect.runPromise,
      );
    // Warm up the stream, the client and the schemas on one page, as the other runs do.
    await run(() => undefined, 1);
    return sampled(`${paginating} (Effect: items(searchImages) stream, 500 per page)`, async () => {
      const seen = counter();
      await run(seen.add);
      return seen.result();
    });
  },
  download: async (stubUrl) => {
    const { downloadToFile } = await import("@shutterkit/node");
    const target = join(tmpdir(), `shutterkit-bench-${process.pid}.bin`);
    try {
      return await sampled(
        `stream a ${DOWNLOAD_BYTES / 1024 ** 2} MB download to a file (downloadToFile)`,
        async () => {
          const result = await downloadToFile(`${stubUrl}/download/${DOWNLOAD_BYTES}/big.bin`, target);
          if (result.bytes !== DOWNLOAD_BYTES) throw new Error(`downloaded ${result.bytes} bytes`);
          return `${result.bytes} bytes written`;
        },
      );
    } finally {
      await rm(target, { force: true });
    }
  },
};

const child = process.env["MEMORY_RUN"];
if (child !== undefined) {
  const run = runs[child];
  if (run === undefined) throw new Error(`MEMORY_RUN must be one of ${Object.keys(runs).join(", ")}`);
  console.log(JSON.stringify(await run(process.env["MEMORY_STUB_URL"] ?? "")));
  process.exit(0);
}

const stub = await startStub({ STUB_TOTAL: String(ITEMS) });
const results: MemoryRun[] = [];
try {
  for (const name of Object.keys(runs)) {
    const result = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      encoding: "utf8",
      env: { ...process.env, MEMORY_RUN: name, MEMORY_STUB_URL: stub.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (result.status !== 0) throw new Error(`the ${name} run failed (exit ${result.status})`);
    results.push(JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as MemoryRun);
  }

  console.log("\nresident set size while working (sampled every 10 ms, each run in a fresh process):\n");
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
      results.map((run) => [
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
