// Per-request latency of one search call on loopback, for a 20-result and a 500-result page, across
// the contenders of contenders.ts. Contenders take turns in phases of consecutive calls, round after
// round, so drift on a busy machine hits them all alike while each one pays for its own garbage:
// interleaving call by call made whichever call followed a wasteful contender (the official SDK,
// global fetch) pay for that one's garbage, which moved every ratio by 0.1-0.3x depending on the mix.
// Medians are compared. Run: pnpm --filter @shutterkit/bench run overhead
//
// One such run lands the same code 0.1x apart from one process to the next (heap layout, JIT
// decisions, where the scheduler puts the stub), more than a median inside one process moves. So
// the measurement runs in several fresh processes, each with its own stub, one after the other,
// and the tables give the median over processes with the range of the ratio.
//
// Before each phase the young generation is collected, which is where the previous phase's garbage
// is. A full collection there (this benchmark's method until 2026-11-25; OVERHEAD_COLLECTION=full
// brings it back) left V8 marking almost without pause: about three natural full collections a
// second against two a run, V8's worker threads using about 3x the CPU per call on the core the stub
// server needs, and every contender's latency up by half for the whole phase (measured with
// --trace-gc and per-thread CPU times). That measured the harness's collections more than the clients.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { contenders } from "./contenders.ts";
import { median, QUICK, table } from "./report.ts";
import { startStub } from "./stub.ts";

const PAGES = [20, 500] as const;
const phaseOf = (perPage: number) => (QUICK ? 10 : perPage === 20 ? 250 : 40);
/** Rounds measured on each page, after its warm-up rounds. */
const MEASURED_ROUNDS = QUICK ? 1 : 8;
// The warm-up rounds bring every contender to V8's optimizing tier, where a long-lived service
// lives. V8 compiles a function called once per request with TurboFan after 3,000 calls
// (--invocation-count-for-turbofan), and --trace-opt shows it: on the 20-result page, functions of
// every contender are compiled up to the 16th round of 250 calls (ky's `Request` and `deepMerge`,
// undici's parser callbacks, shutterkit's call and attempt functions), and only a few of undici's
// callbacks after it. Four warm-up rounds (the method until 2026-11-25) measured calls whose
// per-call functions still ran in V8's earlier tiers (Sparkplug, Maglev). The 500-result page runs
// the same code, compiled by then, so a short warm-up does there.
const warmupRoundsOf = (perPage: number) => (QUICK ? 1 : perPage === 20 ? 16 : 4);
/**
 * Where the warm-up is long, the rounds the old method measured (after 4 rounds) are reported
 * too, as "warming up": what a freshly started process sees over its first few thousand calls.
 */
const WARMING_FROM = 4;
const warmingWindow = (perPage: number): { from: number; to: number } | undefined =>
  warmupRoundsOf(perPage) >= WARMING_FROM + MEASURED_ROUNDS
    ? { from: WARMING_FROM, to: WARMING_FROM + MEASURED_ROUNDS }
    : undefined;
const PROCESSES = QUICK ? 1 : Number(process.env["OVERHEAD_PROCESSES"] ?? 9);
if (!Number.isSafeInteger(PROCESSES) || PROCESSES < 1)
  throw new RangeError(
    `OVERHEAD_PROCESSES must be a whole number of at least 1, not ${process.env["OVERHEAD_PROCESSES"]}`,
  );

type Collect = (options?: { type: "major" | "minor" }) => void;
const gc = (globalThis as { gc?: Collect }).gc;
const fullCollection = process.env["OVERHEAD_COLLECTION"] === "full";
const collect = (): void => gc?.(fullCollection ? undefined : { type: "minor" });

/** Median ms per contender once warmed up, and while warming up where that window is measured. */
interface PageMedians {
  readonly warm: Record<string, number>;
  readonly warming: Record<string, number> | undefined;
}

/** Per page size. */
type Medians = Record<string, PageMedians>;

const mediansOf = (samples: Record<string, number[]>): Record<string, number> =>
  Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));

/** One side-by-side run in this process, against a stub of its own. */
const measureHere = async (): Promise<Medians> => {
  const stub = await startStub();
  try {
    const calls = contenders(stub.url);
    const measure = async (perPage: number, phase: number): Promise<PageMedians> => {
      const warmup = warmupRoundsOf(perPage);
      const window = warmingWindow(perPage);
      const noSamples = (): Record<string, number[]> =>
        Object.fromEntries(Object.keys(calls).map((name) => [name, []]));
      const samples = noSamples();
      const warmingSamples = noSamples();
      for (let round = 0; round < warmup + MEASURED_ROUNDS; round++) {
        for (const [name, call] of Object.entries(calls)) {
          // No phase pays for the young garbage the one before left (see the header).
          collect();
          for (let index = 0; index < phase; index++) {
            const started = performance.now();
            await call(perPage);
            const elapsed = performance.now() - started;
            if (round >= warmup) samples[name]?.push(elapsed);
            else if (window !== undefined && round >= window.from && round < window.to)
              warmingSamples[name]?.push(elapsed);
          }
        }
      }
      return {
        warm: mediansOf(samples),
        warming: window === undefined ? undefined : mediansOf(warmingSamples),
      };
    };
    const result: Medians = {};
    for (const perPage of PAGES) result[perPage] = await measure(perPage, phaseOf(perPage));
    return result;
  } finally {
    await stub.close();
  }
};

const runProcess = (index: number): Medians => {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    encoding: "utf8",
    env: { ...process.env, OVERHEAD_CHILD: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`measuring process ${index + 1} exited with ${child.status}`);
  return JSON.parse(child.stdout) as Medians;
};

const range = (values: ReadonlyArray<number>) =>
  `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;

if (process.env["OVERHEAD_CHILD"] === "1") {
  process.stdout.write(JSON.stringify(await measureHere()));
} else {
  const runs: Medians[] = [];
  for (let index = 0; index < PROCESSES; index++) {
    runs.push(runProcess(index));
    console.error(`measured in process ${index + 1} of ${PROCESSES}`);
  }
  for (const perPage of PAGES) {
    const pages = runs.map((run) => run[perPage]?.warm ?? {});
    const warmingPages = runs.flatMap((run): Array<Record<string, number>> => {
      const warming = run[perPage]?.warming;
      return warming === undefined ? [] : [warming];
    });
    const names = Object.keys(pages[0] ?? {});
    // Ratios are taken within each process, where the contenders ran side by side.
    const ratiosIn = (of: ReadonlyArray<Record<string, number>>, name: string, baseline: string) =>
      of.map((page) => (page[name] ?? 0) / (page[baseline] ?? 1));
    const ratios = (name: string, baseline: string) => ratiosIn(pages, name, baseline);
    const phase = phaseOf(perPage);
    const window = warmingWindow(perPage);
    const warmingHeader =
      window === undefined
        ? []
        : [`x raw fetch, calls ${window.from * phase + 1}-${window.to * phase} (warming up)`];
    console.log(
      `\n${perPage}-result page, median of ${MEASURED_ROUNDS * phase} calls each after ${warmupRoundsOf(perPage) * phase} to warm up (phases of ${phase}, server in its own process), in ${PROCESSES} processes: medians over processes\n`,
    );
    console.log(
      table(
        ["contender", "median ms", "x raw fetch", "x raw fetch, range", "x official SDK", ...warmingHeader],
        names.map((name) => {
          const vsRaw = ratios(name, "raw fetch");
          const warming = ratiosIn(warmingPages, name, "raw fetch");
          return [
            name,
            median(pages.map((page) => page[name] ?? 0)).toFixed(3),
            median(vsRaw).toFixed(2),
            range(vsRaw),
            median(ratios(name, "official SDK")).toFixed(2),
            ...(window === undefined ? [] : [`${median(warming).toFixed(2)} (${range(warming)})`]),
          ];
        }),
      ),
    );
  }
  console.log(
    "\ntargets: shutterkit at most 1.10x raw fetch on the 20-result page; faster than the official SDK on both",
  );
}
