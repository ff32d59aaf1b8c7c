// Per-request latency of one search call on loopback, for a 20-result and a 500-result page, across
// the contenders of contenders.ts. Contenders run interleaved round by round, in an order that
// rotates, so drift on a busy machine hits them all alike; medians are compared.
// Run: pnpm --filter @shutterkit/bench run overhead
import { contenders } from "./contenders.ts";
import { median, table } from "./report.ts";
import { startStub } from "./stub.ts";

// V8 reaches its optimizing tier for a call path only after some thousand runs; a long-lived service
// lives there, so that is what is measured.
const WARMUP = 1000;

const stub = await startStub();
const calls = contenders(stub.url);

type Calls = ReturnType<typeof contenders>;

const measure = async (group: Calls, perPage: number, rounds: number) => {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(group).map((name) => [name, []]));
  const entries = Object.entries(group);
  for (let round = 0; round < rounds + WARMUP; round++) {
    // The order rotates every round: a call pays for the garbage and cold caches of the one before
    // it, so no contender may always follow the same one.
    for (let turn = 0; turn < entries.length; turn++) {
      const [name, call] = entries[(round + turn) % entries.length] ?? [];
      if (name === undefined || call === undefined) continue;
      const started = performance.now();
      await call(perPage);
      if (round >= WARMUP) samples[name]?.push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
};

// The official SDK leaves far more garbage behind than the others, which slows whichever call comes
// next, raw fetch included; that would flatter every ratio to raw fetch. So the ratios to raw fetch
// come from a run without it, and the comparison with the SDK from a second run with everyone.
const { "official SDK": _sdk, ...withoutSdk } = calls;

const print = (title: string, medianMs: Record<string, number>, baseline: string) => {
  const base = medianMs[baseline] ?? 1;
  console.log(`\n${title}\n`);
  console.log(
    table(
      ["contender", "median ms", `x ${baseline}`],
      Object.entries(medianMs).map(([name, ms]) => [name, ms.toFixed(3), (ms / base).toFixed(2)]),
    ),
  );
};

try {
  for (const perPage of [20, 500] as const) {
    const rounds = perPage === 20 ? 1500 : 200;
    const setting = `median of ${rounds} calls each, interleaved, server in its own process`;
    print(
      `${perPage}-result page against raw fetch (${setting}):`,
      await measure(withoutSdk, perPage, rounds),
      "raw fetch",
    );
    print(
      `${perPage}-result page against the official SDK (${setting}):`,
      await measure(calls, perPage, rounds),
      "official SDK",
    );
  }
  console.log(
    "\ntargets: shutterkit at most 1.10x raw fetch on the 20-result page; faster than the official SDK on both",
  );
} finally {
  await stub.close();
}
