// CPU time per search call, what edge platforms bill: the user + system time of the client's process
// (process.cpuUsage, which counts every thread of it: V8's collector and compiler threads too) over a
// phase of consecutive calls, divided by the calls. The stub runs in its own process, so none of its
// time is counted. Contenders take turns in phases, round after round, as in overhead.ts, and each
// phase ends with a young-generation collection inside its measurement, so each contender pays for
// its own garbage. Run: pnpm --filter @shutterkit/bench run cpu
//
// The same warm-up as overhead.ts (16 rounds of 250 calls on the 20-result page, where V8's
// optimizing tier is reached, 4 of 40 on the 500-result page), then 8 measured rounds, in several
// fresh processes one after the other (CPU_PROCESSES, 3 by default): the tables give the median over
// processes and the range of each ratio, taken within each process.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { contenders } from "./contenders.ts";
import { median, QUICK, table } from "./report.ts";
import { startStub } from "./stub.ts";

const PAGES = [20, 500] as const;
const phaseOf = (perPage: number) => (QUICK ? 10 : perPage === 20 ? 250 : 40);
const warmupRoundsOf = (perPage: number) => (QUICK ? 1 : perPage === 20 ? 16 : 4);
const MEASURED_ROUNDS = QUICK ? 1 : 8;
const PROCESSES = QUICK ? 1 : Number(process.env["CPU_PROCESSES"] ?? 3);
if (!Number.isSafeInteger(PROCESSES) || PROCESSES < 1)
  throw new RangeError(
    `CPU_PROCESSES must be a whole number of at least 1, not ${process.env["CPU_PROCESSES"]}`,
  );

type Collect = (options?: { type: "major" | "minor" }) => void;
const gc = (globalThis as { gc?: Collect }).gc;
const collectYoung = (): void => gc?.({ type: "minor" });

/** Microseconds per call of one contender in one process. */
interface PerCall {
  readonly user: number;
  readonly system: number;
}

/** Per page size, per contender. */
type Figures = Record<string, Record<string, PerCall>>;

const measureHere = async (): Promise<Figures> => {
  const stub = await startStub();
  try {
    const calls = contenders(stub.url);
    const figures: Figures = {};
    for (const perPage of PAGES) {
      const phase = phaseOf(perPage);
      const warmup = warmupRoundsOf(perPage);
      const totals: Record<string, { user: number; system: number }> = Object.fromEntries(
        Object.keys(calls).map((name) => [name, { user: 0, system: 0 }]),
      );
      for (let round = 0; round < warmup + MEASURED_ROUNDS; round++) {
        for (const [name, call] of Object.entries(calls)) {
          collectYoung();
          const started = process.cpuUsage();
          for (let index = 0; index < phase; index++) await call(perPage);
          // The phase's own young garbage is collected on its account.
          collectYoung();
          const used = process.cpuUsage(started);
          const total = totals[name];
          if (round >= warmup && total !== undefined) {
            total.user += used.user;
            total.system += used.system;
          }
        }
      }
      const measured = MEASURED_ROUNDS * phase;
      figures[perPage] = Object.fromEntries(
        Object.entries(totals).map(([name, total]) => [
          name,
          { user: total.user / measured, system: total.system / measured },
        ]),
      );
    }
    return figures;
  } finally {
    await stub.close();
  }
};

const runProcess = (index: number): Figures => {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    encoding: "utf8",
    env: { ...process.env, CPU_CHILD: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`measuring process ${index + 1} exited with ${child.status}`);
  return JSON.parse(child.stdout) as Figures;
};

const range = (values: ReadonlyArray<number>) =>
  `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;

if (process.env["CPU_CHILD"] === "1") {
  process.stdout.write(JSON.stringify(await measureHere()));
} else {
  const runs: Figures[] = [];
  for (let index = 0; index < PROCESSES; index++) {
    runs.push(runProcess(index));
    console.error(`measured in process ${index + 1} of ${PROCESSES}`);
  }
  for (const perPage of PAGES) {
    const pages = runs.map((run) => run[perPage] ?? {});
    const names = Object.keys(pages[0] ?? {});
    const totalOf = (page: Record<string, PerCall>, name: string) =>
      (page[name]?.user ?? 0) + (page[name]?.system ?? 0);
    const ratios = (name: string, baseline: string) =>
      pages.map((page) => totalOf(page, name) / (totalOf(page, baseline) || 1));
    const phase = phaseOf(perPage);
    console.log(
      `\n${perPage}-result page, CPU time of the client process (user + system) per call, over ${MEASURED_ROUNDS * phase} calls each after ${warmupRoundsOf(perPage) * phase} to warm up (phases of ${phase}, server in its own process), in ${PROCESSES} processes: medians over processes\n`,
    );
    console.log(
      table(
        [
          "contender",
          "CPU µs/call",
          "user µs",
          "system µs",
          "x raw fetch",
          "x raw fetch, range",
          "x official SDK",
        ],
        names.map((name) => {
          const vsRaw = ratios(name, "raw fetch");
          return [
            name,
            median(pages.map((page) => totalOf(page, name))).toFixed(0),
            median(pages.map((page) => page[name]?.user ?? 0)).toFixed(0),
            median(pages.map((page) => page[name]?.system ?? 0)).toFixed(0),
            median(vsRaw).toFixed(2),
            range(vsRaw),
            median(ratios(name, "official SDK")).toFixed(2),
          ];
        }),
      ),
    );
  }
}
