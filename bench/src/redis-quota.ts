// One Shutterstock quota (200 requests per second, burst 20) shared by 8 Node processes through
// Redis (@shutterkit/redis), against the sandbox, next to the same processes each with the
// in-memory limiter. Printed, not asserted. The processes are this script run as `worker`: each
// times its own turns (where the limiter grants them, and where its timer hands them out), sends
// (in the fetch it gives the client) and calls; the parent times arrivals at the sandbox and merges.
// Needs redis-server (Debian: apt-get install -y redis-server).
// Run: pnpm --filter @shutterkit/bench run redis-quota
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  Credentials,
  createClient,
  getImage,
  type RateLimit,
  rateLimit,
  searchImages,
} from "@shutterkit/core";
import { redisRateLimiter } from "@shutterkit/redis";
import { startSandboxServer } from "@shutterkit/sandbox/node";
import { Effect } from "effect";
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
  /**
   * The instant each turn was granted for: the clock reading the limiter reckoned from plus the
   * delay it answered, the time core's rate limit sleeps until (Date.now, comparable across
   * processes).
   */
  readonly granted: number[];
  /** When the limiter's timer handed each turn out, right before the send (epoch ms). */
  readonly handedOut: number[];
  /** When each request left for the API, in fetch (epoch ms, comparable across processes). */
  readonly sends: number[];
  /** Duration of each call, limiter wait included (ms). */
  readonly latencies: number[];
  readonly failures: number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The rate limit as core makes it, timing its turns: each turn says the instant the bucket granted
 * it for (what the client slept until), and the instant it is handed out is right before the send.
 */
const timedRateLimit = (limit: RateLimit, granted: number[], handedOut: number[]): RateLimit => ({
  acquire: Effect.tap(limit.acquire, (turn) =>
    Effect.sync(() => {
      granted.push(turn.grantedFor);
      handedOut.push(now());
    }),
  ),
});

const worker = async (settings: WorkerSettings): Promise<void> => {
  const handle =
    settings.limiter === "redis"
      ? await redisRateLimiter({ url: settings.redisUrl, prefix: settings.prefix })
      : undefined;
  const granted: number[] = [];
  const handedOut: number[] = [];
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
          rateLimit: timedRateLimit(
            rateLimit({
              perSecond: settings.perSecond,
              burst: settings.burst,
              ...(handle === undefined ? {} : { limiter: handle.limiter }),
            }),
            granted,
            handedOut,
          ),
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
  // Every turn and send of the limited client counts for the promise, the tail after `end` too.
  const report: WorkerReport = {
    granted,
    handedOut,
    sends,
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

/** The most events in any span [a, a + ms) of the run. */
const mostWithin = (events: ReadonlyArray<number>, ms: number): number => {
  const sorted = [...events].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= ms) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
};

/** Spans (s) over which the token bucket's promise is checked. */
const SPANS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5];

/**
 * How far the events go beyond a token bucket's promise (at most `burst + perSecond * t` in any
 * span of t seconds), at the span where they go furthest: "0" when they keep it.
 */
const beyondPromise = (
  events: ReadonlyArray<number>,
  promise: { readonly burst: number; readonly perSecond: number },
): string => {
  let worst = 0;
  let at = 0;
  for (const seconds of SPANS) {
    const excess = mostWithin(events, seconds * 1000) - (promise.burst + promise.perSecond * seconds);
    if (excess > worst) [worst, at] = [excess, seconds];
  }
  return worst <= 0 ? "0" : `+${Math.ceil(worst)} in ${at} s`;
};

const main = async () => {
  const sandbox = await startSandboxServer();
  // Arrivals are timed where the sandbox takes each request, its Node server having read it.
  const arrivals: number[] = [];
  const dispatch = sandbox.sandbox.dispatch.bind(sandbox.sandbox);
  sandbox.sandbox.dispatch = (request) => {
    arrivals.push(now());
    return dispatch(request);
  };
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
      arrivals.length = 0;
      const reports = await Promise.all(workers.map((each) => each.report));
      const sends = reports.flatMap((report) => report.sends);
      return {
        startAt,
        end: startAt + durationMs,
        granted: reports.flatMap((report) => report.granted),
        handedOut: reports.flatMap((report) => report.handedOut),
        sends,
        arrivals: arrivals.filter((at) => at >= startAt),
        latencies: reports.flatMap((report) => report.latencies),
        failures: reports.reduce((sum, report) => sum + report.failures, 0),
      };
    };

    const quota = (PER_SECOND * DURATION_MS) / 1000;
    const shared = { burst: BURST, perSecond: PER_SECOND };
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
      // What the limiters together promise: one bucket through Redis, one per process in memory.
      const buckets = scenario.limiter === "redis" ? 1 : scenario.busy;
      const promise = { burst: scenario.burst * buckets, perSecond: scenario.perSecond * buckets };
      const inRun = result.sends.filter((at) => at >= result.startAt && at < result.end).length;
      rows.push([
        scenario.name,
        `${promise.burst} + ${promise.perSecond}·t`,
        String(inRun),
        `${((inRun / quota) * 100).toFixed(1)}%`,
        beyondPromise(result.granted, promise),
        beyondPromise(result.handedOut, promise),
        beyondPromise(result.sends, promise),
        beyondPromise(result.arrivals, promise),
        beyondPromise(result.arrivals, shared),
        median(result.latencies).toFixed(1),
        String(result.failures),
      ]);
    }
    console.log(
      `\n${PROCESSES} processes, one quota of ${PER_SECOND} requests/s with burst ${BURST}, ${DURATION_MS / 1000} s against the sandbox, each busy process keeping calls in flight. The token bucket promises at most burst + perSecond·t requests over any span of t seconds (not per aligned window); each "beyond" column is the worst excess over that promise across spans of ${SPANS.join(", ")} s, timed for where the limiter grants a turn (asked at plus the delay answered, on the limiter's clock), where its timer hands the turn out, where fetch sends, and where the sandbox receives:\n`,
    );
    console.log(
      table(
        [
          "limiter",
          "promise",
          "sent",
          "of quota",
          "beyond promise: granted",
          "handed out",
          "sent",
          "arrived",
          "arrived beyond the quota",
          "p50 call ms",
          "failed",
        ],
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
      "\ngoals: nothing granted beyond the promise (the limiter's own count), at least 90% of the quota used. Past the grant a turn waits on a timer, the event loop and the loopback: on a busy machine a process that gets the CPU late sends several turns at once, so a span at the sandbox can hold more than the grants in it. That excess is the machine's, not the limiter's; keep perSecond a little under the real quota to absorb it.",
    );
  } finally {
    await redis.stop();
    await sandbox.close();
  }
};

if (process.argv[2] === "worker") await worker(JSON.parse(process.argv[3] ?? "{}") as WorkerSettings);
else await main();
