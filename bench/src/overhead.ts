// Per-request latency of one search call on loopback, for a 20-result and a 500-result page, across
// the contenders of contenders.ts. Contenders take turns in phases of consecutive calls, round after
// round, so drift on a busy machine hits them all alike while each one pays for its own garbage:
// interleaving call by call made whichever call followed a wasteful contender (the official SDK,
// global fetch) pay for that one's garbage, which moved every ratio by 0.1-0.3x depending on the mix.
// Medians are compared. Run: pnpm --filter @shutterkit/bench run overhead
//
// Before each phase the young generation is collected, which is where the previous phase's garbage
// is. A full collection there (this benchmark's method until 2026-11-25; OVERHEAD_COLLECTION=full
// brings it back) left V8 marking almost without pause: about three natural full collections a
// second against two a run, V8's worker threads using about 3x the CPU per call on the core the stub
// server needs, and every contender's latency up by half for the whole phase (measured with
// --trace-gc and per-thread CPU times). That measured the harness's collections more than the clients.
import { contenders } from "./contenders.ts";
import { median, table } from "./report.ts";
import { startStub } from "./stub.ts";

const ROUNDS = 12;
// The first rounds warm every contender up to V8's optimizing tier; a long-lived service lives there.
const WARMUP_ROUNDS = 4;

type Collect = (options?: { type: "major" | "minor" }) => void;
const gc = (globalThis as { gc?: Collect }).gc;
const fullCollection = process.env["OVERHEAD_COLLECTION"] === "full";
const collect = (): void => gc?.(fullCollection ? undefined : { type: "minor" });

const stub = await startStub();
const calls = contenders(stub.url);

const measure = async (perPage: number, phase: number) => {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of Object.entries(calls)) {
      // No phase pays for the young garbage the one before left (see the header).
      collect();
      for (let index = 0; index < phase; index++) {
        const started = performance.now();
        await call(perPage);
        if (round >= WARMUP_ROUNDS) samples[name]?.push(performance.now() - started);
      }
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
};

try {
  for (const perPage of [20, 500] as const) {
    const phase = perPage === 20 ? 250 : 40;
    const medianMs = await measure(perPage, phase);
    const raw = medianMs["raw fetch"] ?? 1;
    const official = medianMs["official SDK"] ?? 1;
    const measured = (ROUNDS - WARMUP_ROUNDS) * phase;
    console.log(
      `\n${perPage}-result page, median of ${measured} calls each (phases of ${phase}, server in its own process):\n`,
    );
    console.log(
      table(
        ["contender", "median ms", "x raw fetch", "x official SDK"],
        Object.entries(medianMs).map(([name, ms]) => [
          name,
          ms.toFixed(3),
          (ms / raw).toFixed(2),
          (ms / official).toFixed(2),
        ]),
      ),
    );
  }
  console.log(
    "\ntargets: shutterkit at most 1.10x raw fetch on the 20-result page; faster than the official SDK on both",
  );
} finally {
  await stub.close();
}
