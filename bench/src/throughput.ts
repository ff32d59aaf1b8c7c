// Calls per second at concurrency 64 on loopback (20-result pages), shutterkit against raw fetch and
// the official SDK. Each contender runs a fixed number of calls, three times in alternation; the
// best of three is compared. Then the rate of a 200 MB body read chunk by chunk through the global
// fetch and through @shutterkit/node's transport. Run: pnpm --filter @shutterkit/bench run throughput
import { nodeFetch } from "@shutterkit/node";
import { contenders } from "./contenders.ts";
import { QUICK, table } from "./report.ts";
import { startStub } from "./stub.ts";

const CONCURRENCY = 64;
const CALLS = QUICK ? 200 : 6_000;
const REPEATS = QUICK ? 1 : 3;
const DOWNLOAD_BYTES = (QUICK ? 16 : 200) * 1024 * 1024;
const WARMUP_CALLS = QUICK ? 100 : 1_000;

const stub = await startStub();
const calls = Object.entries(contenders(stub.url)).map(([name, call]) => [name, () => call(20)] as const);

const run = async (call: () => Promise<unknown>, calls: number): Promise<number> => {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < calls) {
        next += 1;
        await call();
      }
    }),
  );
  return calls / ((performance.now() - started) / 1000);
};

try {
  for (const [, call] of calls) await run(call, WARMUP_CALLS);
  const best: Record<string, number> = {};
  for (let repeat = 0; repeat < REPEATS; repeat++)
    for (const [name, call] of calls) best[name] = Math.max(best[name] ?? 0, await run(call, CALLS));
  const raw = best["raw fetch"] ?? 1;
  console.log(
    `\nthroughput at concurrency ${CONCURRENCY}, ${CALLS} calls of a 20-result page, best of ${REPEATS}:\n`,
  );
  console.log(
    table(
      ["contender", "calls/s", "x raw fetch"],
      Object.entries(best).map(([name, perSecond]) => [
        name,
        perSecond.toFixed(0),
        (perSecond / raw).toFixed(2),
      ]),
    ),
  );
  console.log("\ntarget: shutterkit at least 0.9x raw fetch");

  const rates: Array<[string, string]> = [];
  for (const [name, fetchImpl] of [
    ["global fetch", globalThis.fetch],
    ["@shutterkit/node transport", nodeFetch],
  ] as const) {
    const started = performance.now();
    const response = await fetchImpl(`${stub.url}/download/${DOWNLOAD_BYTES}/asset.bin`);
    let received = 0;
    for await (const chunk of response.body ?? []) received += chunk.byteLength;
    if (received !== DOWNLOAD_BYTES) throw new Error(`${name} read ${received} bytes`);
    rates.push([name, (received / 1024 ** 2 / ((performance.now() - started) / 1000)).toFixed(0)]);
  }
  console.log(`\n${DOWNLOAD_BYTES / 1024 ** 2} MB body read chunk by chunk:\n`);
  console.log(table(["transport", "MB/s"], rates));
} finally {
  await stub.close();
}
