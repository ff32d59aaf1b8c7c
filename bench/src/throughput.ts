// Calls per second at concurrency 64 on loopback (20-result pages), shutterkit against raw fetch and
// the official SDK. Each contender runs a fixed number of calls, three times in alternation; the
// best of three is compared. Run: pnpm --filter @shutterkit/bench run throughput
import { Credentials, createShutterstock } from "@shutterkit/core";
import { table } from "./report.ts";
import { officialSdk } from "./sdk.ts";
import { startStub } from "./stub.ts";

const TOKEN = "bench-token";
const CONCURRENCY = 64;
const CALLS = 6_000;
const REPEATS = 3;

const stub = await startStub();
const client = createShutterstock({ baseUrl: stub.url, credentials: Credentials.oauth(TOKEN), retry: false });
const noDecode = createShutterstock({
  baseUrl: stub.url,
  credentials: Credentials.oauth(TOKEN),
  retry: false,
  decodeResponses: false,
});
const sdk = officialSdk(stub.url, TOKEN);

const rawFetch = async () => {
  const url = new URL("/v2/images/search", stub.url);
  url.searchParams.set("query", "cat");
  url.searchParams.set("per_page", "20");
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${TOKEN}`, accept: "application/json" },
  });
  return (await response.json()) as unknown;
};

const contenders: Record<string, () => Promise<unknown>> = {
  "raw fetch": rawFetch,
  shutterkit: () => client.images.searchImages({ query: "cat", per_page: 20 }),
  "shutterkit (decode off)": () => noDecode.images.searchImages({ query: "cat", per_page: 20 }),
  "official SDK": () => sdk.searchImages({ query: "cat", per_page: 20 }),
};

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
  for (const call of Object.values(contenders)) await run(call, 1_000);
  const best: Record<string, number> = {};
  for (let repeat = 0; repeat < REPEATS; repeat++)
    for (const [name, call] of Object.entries(contenders))
      best[name] = Math.max(best[name] ?? 0, await run(call, CALLS));
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
} finally {
  await stub.close();
}
