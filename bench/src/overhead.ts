// Per-request latency of one search call on loopback, for a 20-result and a 500-result page, across
// the contenders of contenders.ts. Contenders run interleaved round by round, so drift on a busy
// machine hits them all alike; medians are compared.
// Run: pnpm --filter @shutterkit/bench run overhead
import { contenders } from "./contenders.ts";
import { median, table } from "./report.ts";
import { startStub } from "./stub.ts";

const WARMUP = 100;

const stub = await startStub();
const calls = contenders(stub.url);

const measure = async (perPage: number, rounds: number) => {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((name) => [name, []]));
  for (let round = 0; round < rounds + WARMUP; round++) {
    for (const [name, call] of Object.entries(calls)) {
      const started = performance.now();
      await call(perPage);
      if (round >= WARMUP) samples[name]?.push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
};

try {
  for (const perPage of [20, 500] as const) {
    const rounds = perPage === 20 ? 1500 : 200;
    const medianMs = await measure(perPage, rounds);
    const raw = medianMs["raw fetch"] ?? 1;
    const official = medianMs["official SDK"] ?? 1;
    console.log(
      `\n${perPage}-result page, median of ${rounds} calls each (interleaved, server in its own process):\n`,
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
