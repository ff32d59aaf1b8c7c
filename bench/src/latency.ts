// Latency of one search call (20-result page) against a stub that answers each page 50 ms after it
// arrived, as the real API takes tens of milliseconds: what a user waits for, where a gap that
// loopback shows next to a sub-millisecond answer counts for what it is. Median and p95 per
// contender. Run: pnpm --filter @shutterkit/bench run latency
//
// The clients first warm up against a loopback stub that answers at once (as many calls as
// overhead.ts warms up with, so V8's optimizing tier is reached), then the measured clients, built
// the same way against the delaying stub, take turns in phases of consecutive calls, round after
// round, so drift on the machine hits them all alike.
import { contenders } from "./contenders.ts";
import { median, percentile, QUICK, table } from "./report.ts";
import { startStub } from "./stub.ts";

const DELAY_MS = Number(process.env["LATENCY_DELAY_MS"] ?? 50);
const PER_PAGE = 20;
const WARMUP_CALLS = QUICK ? 50 : 4_000;
const PHASE = QUICK ? 3 : 20;
const ROUNDS = QUICK ? 1 : Number(process.env["LATENCY_ROUNDS"] ?? 10);
if (!Number.isSafeInteger(ROUNDS) || ROUNDS < 1)
  throw new RangeError(
    `LATENCY_ROUNDS must be a whole number of at least 1, not ${process.env["LATENCY_ROUNDS"]}`,
  );

const fast = await startStub();
const delaying = await startStub({ STUB_DELAY_MS: String(DELAY_MS) });
try {
  for (const call of Object.values(contenders(fast.url)))
    for (let index = 0; index < WARMUP_CALLS; index++) await call(PER_PAGE);
  const calls = contenders(delaying.url);
  // One unmeasured call each opens its connection to the delaying stub.
  for (const call of Object.values(calls)) await call(PER_PAGE);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, call] of Object.entries(calls))
      for (let index = 0; index < PHASE; index++) {
        const started = performance.now();
        await call(PER_PAGE);
        samples[name]?.push(performance.now() - started);
      }
  const rawMedian = median(samples["raw fetch"] ?? []);
  const rawP95 = percentile(samples["raw fetch"] ?? [], 0.95);
  console.log(
    `\n${PER_PAGE}-result page, stub answering ${DELAY_MS} ms after each request (server in its own process), ${ROUNDS * PHASE} calls each in phases of ${PHASE} after ${WARMUP_CALLS} against an instant stub to warm up:\n`,
  );
  console.log(
    table(
      [
        "contender",
        "median ms",
        "p95 ms",
        "median - raw fetch ms",
        "x raw fetch (median)",
        "x raw fetch (p95)",
      ],
      Object.entries(samples).map(([name, values]) => {
        const middle = median(values);
        const p95 = percentile(values, 0.95);
        return [
          name,
          middle.toFixed(2),
          p95.toFixed(2),
          (middle - rawMedian).toFixed(2),
          (middle / rawMedian).toFixed(3),
          (p95 / rawP95).toFixed(3),
        ];
      }),
    ),
  );
} finally {
  await Promise.all([fast.close(), delaying.close()]);
}
