// One Shutterstock quota (200 requests per second, burst 20) shared by 8 Node processes through
// Redis (@shutterkit/redis), against the sandbox, next to the same processes each with the
// in-memory limiter. Printed, not asserted. The processes are this script run as `worker`: each
// times its own sends (in the fetch it gives the client) and calls, and the parent merges them.
// Needs redis-server (Debian: apt-get install -y redis-server).
// Run: pnpm --filter @shutterkit/bench run redis-quota
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Credentials, createClient, getImage, rateLimit, searchImages } from "@shutterkit/core";
import { redisRateLimiter } from "@shutterkit/redis";
import { startSandboxServer } from "@shutterkit/sandbox/node";
import { startRedisServer } from "../../packages/redis/test/support/redis-server.ts";
import { median, table } from "./report.ts";

const PROCESSES = 8;
const PER_SECOND = 200;
const BURST = 20;
const DURATION_MS = 10_000;
/** Calls each busy process keeps in flight. */
const CONCURRENCY = 8;

interface WorkerSettings {
  readonly limiter: "none" | "redis" | "memory";
  readonly perSecond: number;
  readonly burst: number;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly apiUrl: string;
  readonly token: string;
  readonly imageId: string;
  readonly concurrency: number;
  /** Pause of each loop between its calls; 0 keeps it busy. */
  readonly paceMs: number;
  readonly durationMs: number;
}

interface WorkerReport {
  /** When each request left for the API (epoch ms, comparable across processes). */
  readonly sends: number[];
  /** Duration of each call, limiter wait included (ms). */
  readonly latencies: number[];
  readonly failures: number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const worker = async (settings: WorkerSettings): Promise<void> => {
  const handle =
    settings.limiter === "redis"
      ? await redisRateLimiter({ url: settings.redisUrl, prefix: settings.prefix })
      : undefined;
  const sends: number[] = [];
  const timed: typeof fetch = (input, init) => {
    sends.push(now());
    return fetch(input, init);
  };
  const base = {
    baseUrl: settings.apiUrl,
    credentials: Credentials.oauth(settings.token),
    retry: false,
  } as const;
  const client = createClient({
    ...base,
    fetch: timed,
    ...(settings.limiter === "none"
      ? {}
      : {
          rateLimit: rateLimit({
            perSecond: settings.perSecond,
            burst: settings.burst,
            ...(handle === undefined ? {} : { limiter: handle.limiter }),
          }),
        }),
  });
  // Warm the code paths outside the quota, then wait for the common start.
  const warm = createClient(base);
  for (let index = 0; index < 50; index++) await warm.send(getImage, { id: settings.imageId });
  process.stdout.write("ready\n");
  const startAt = await new Promise<number>((resolve) =>
    process.stdin.once("data", (data) => resolve(Number(String(data).trim()))),
  );
  process.stdin.pause();
  await sleep(startAt - now());
  sends.length = 0;
  const latencies: number[] = [];
  let failures = 0;
  const end = startAt + settings.durationMs;
  await Promise.all(
    Array.from({ length: settings.concurrency }, async () => {
      while (now() < end) {
        const started = now();
        await client.send(getImage, { id: settings.imageId }).then(
          () => latencies.push(now() - started),
          () => {
            failures += 1;
          },
        );
        if (settings.paceMs > 0) await sleep(settings.paceMs);
      }
    }),
  );
  await handle?.close();
  const report: WorkerReport = {
    sends: sends.filter((at) => at >= startAt && at < end),
    latencies,
    failures,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
};

const script = fileURLToPath(import.meta.url);

const spawnWorker = (settings: WorkerSettings) => {
  const child: ChildProcess = spawn(process.execPath, [script, "worker", JSON.stringify(settings)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.startsWith("ready\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
  const report = new Promise<WorkerReport>((resolve, reject) =>
    child.once("exit", (code) => {
      const line = output.split("\n").find((text) => text.startsWith("{"));
      if (code !== 0 || line === undefined) reject(new Error(`worker failed (exit ${code})`));
      else resolve(JSON.parse(line) as WorkerReport);
    }),
  );
  return { child, ready, report };
};

interface Scenario {
  readonly name: string;
  readonly limiter: WorkerSettings["limiter"];
  /** The limit each process is configured with. */
  readonly perSecond: number;
  readonly burst: number;
  /** Processes that send; the others of the 8 would be idle and change nothing. */
  readonly busy: number;
  readonly paceMs: number;
  readonly concurrency: number;
}

/** The most sends in any one-second span (sliding), and how far that is above burst + rate. */
const worstSecond = (sends: ReadonlyArray<number>): number => {
  const sorted = [...sends].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
};

const main = async () => {
  const sandbox = await startSandboxServer();
  const redis = await startRedisServer();
  try {
    const probe = createClient({
      baseUrl: sandbox.url,
      credentials: Credentials.oauth(sandbox.credentials.accessToken),
    });
    const found = await probe.send(searchImages, { query: "red", per_page: 1 });
    const imageId = found.data[0]?.id;
    if (imageId === undefined) throw new Error("the sandbox found no image");

    let run = 0;
    const measure = async (scenario: Scenario, durationMs: number) => {
      run += 1;
      const settings = {
        limiter: scenario.limiter,
        perSecond: scenario.perSecond,
        burst: scenario.burst,
        redisUrl: redis.url,
        prefix: `bench-${run}:`,
        apiUrl: sandbox.url,
        token: sandbox.credentials.accessToken,
        imageId,
        concurrency: scenario.concurrency,
        paceMs: scenario.paceMs,
        durationMs,
      } satisfies WorkerSettings;
      const workers = Array.from({ length: scenario.busy }, () => spawnWorker(settings));
      await Promise.all(workers.map((each) => each.ready));
      const startAt = now() + 300;
      for (const each of workers) each.child.stdin?.end(`${startAt}\n`);
      const reports = await Promise.all(workers.map((each) => each.report));
      const sends = reports.flatMap((report) => report.sends);
      return {
        sends,
        latencies: reports.flatMap((report) => report.latencies),
        failures: reports.reduce((sum, report) => sum + report.failures, 0),
      };
    };

    const quota = (PER_SECOND * DURATION_MS) / 1000;
    const allowed = BURST + PER_SECOND;
    const split = { perSecond: PER_SECOND / PROCESSES, burst: Math.ceil(BURST / PROCESSES) };
    const saturated: ReadonlyArray<Scenario> = [
      {
        name: "Redis, shared",
        limiter: "redis",
        perSecond: PER_SECOND,
        burst: BURST,
        busy: 8,
        paceMs: 0,
        concurrency: CONCURRENCY,
      },
      {
        name: "in memory, full quota each",
        limiter: "memory",
        perSecond: PER_SECOND,
        burst: BURST,
        busy: 8,
        paceMs: 0,
        concurrency: CONCURRENCY,
      },
      {
        name: "in memory, quota / 8 each",
        limiter: "memory",
        ...split,
        busy: 8,
        paceMs: 0,
        concurrency: CONCURRENCY,
      },
      {
        name: "Redis, shared, 2 of 8 busy",
        limiter: "redis",
        perSecond: PER_SECOND,
        burst: BURST,
        busy: 2,
        paceMs: 0,
        concurrency: CONCURRENCY * 4,
      },
      {
        name: "in memory, quota / 8 each, 2 of 8 busy",
        limiter: "memory",
        ...split,
        busy: 2,
        paceMs: 0,
        concurrency: CONCURRENCY * 4,
      },
    ];
    const rows: string[][] = [];
    for (const scenario of saturated) {
      const result = await measure(scenario, DURATION_MS);
      const worst = worstSecond(result.sends);
      rows.push([
        scenario.name,
        String(result.sends.length),
        `${((result.sends.length / quota) * 100).toFixed(1)}%`,
        String(worst),
        String(Math.max(0, worst - allowed)),
        median(result.latencies).toFixed(1),
        String(result.failures),
      ]);
    }
    console.log(
      `\n${PROCESSES} processes, one quota of ${PER_SECOND} requests/s with burst ${BURST} (so at most ${allowed} in any one second), ${DURATION_MS / 1000} s against the sandbox, each busy process keeping calls in flight:\n`,
    );
    console.log(
      table(
        ["limiter", "sent", "of quota", "worst 1 s", "beyond limit + burst", "p50 call ms", "failed"],
        rows,
      ),
    );

    // Under the limit nobody waits for a turn: what is left is the limiter's own cost per call.
    const paced = {
      busy: PROCESSES,
      paceMs: 100,
      concurrency: 1,
      perSecond: PER_SECOND,
      burst: BURST,
    } as const;
    const light = [
      { ...paced, name: "no limiter", limiter: "none" },
      { ...paced, name: "in memory", limiter: "memory" },
      { ...paced, name: "Redis", limiter: "redis" },
    ] satisfies ReadonlyArray<Scenario>;
    const p50: Record<string, number> = {};
    for (const scenario of light) p50[scenario.name] = median((await measure(scenario, 5_000)).latencies);
    const floor = p50["no limiter"] ?? 0;
    console.log(`\nadded latency under the limit (${PROCESSES} processes, 1 call per ~100 ms each, 5 s):\n`);
    console.log(
      table(
        ["limiter", "p50 call ms", "added p50 ms"],
        light.map((scenario) => {
          const value = p50[scenario.name] ?? 0;
          return [
            scenario.name,
            value.toFixed(2),
            scenario.limiter === "none" ? "" : (value - floor).toFixed(2),
          ];
        }),
      ),
    );
    console.log(
      "\ngoals: 0 beyond limit + burst, at least 90% of the quota used (the token bucket promises at most burst + perSecond * t over any t seconds). A send is timed in fetch, after the limiter's timer fired: a timer that fires a few ms late moves a call into the next second, so the worst second can hold a few calls more than the bucket handed out (1-2 on a quiet machine, more when the processes are starved of CPU and late timers fire together); the in-memory bucket of a single process shows the same.",
    );
  } finally {
    await redis.stop();
    await sandbox.close();
  }
};

if (process.argv[2] === "worker") await worker(JSON.parse(process.argv[3] ?? "{}") as WorkerSettings);
else await main();
