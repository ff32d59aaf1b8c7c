// Per-request overhead of the client against raw fetch on loopback, side by side in one run.
// Prints figures only: run with `node bench/overhead.ts` from packages/core under Node 24.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Credentials, createShutterstock } from "../src/index.ts";
import { searchPageJson } from "./sample.ts";

const bodies = { 20: searchPageJson(20), 500: searchPageJson(500) } as const;

const server = createServer((request, response) => {
  const size = new URL(request.url ?? "/", "http://x").searchParams.get("per_page") === "500" ? 500 : 20;
  response.writeHead(200, { "content-type": "application/json" });
  response.end(bodies[size]);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const client = createShutterstock({ baseUrl: base, credentials: Credentials.oauth("bench-token") });
const noDecode = createShutterstock({
  baseUrl: base,
  credentials: Credentials.oauth("bench-token"),
  decodeResponses: false,
});

const rawFetch = async (perPage: number) => {
  const url = new URL("/v2/images/search", base);
  url.searchParams.set("query", "cat");
  url.searchParams.set("per_page", String(perPage));
  const response = await fetch(url, {
    headers: { authorization: "Bearer bench-token", accept: "application/json" },
  });
  return (await response.json()) as unknown;
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Interleaves the contenders round by round so drift on a busy machine hits them all alike. */
const measure = async (contenders: Record<string, () => Promise<unknown>>, rounds: number) => {
  const samples: Record<string, number[]> = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, []]),
  );
  for (let round = 0; round < rounds + 50; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const started = performance.now();
      await run();
      if (round >= 50) samples[name]?.push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
};

for (const perPage of [20, 500] as const) {
  const rounds = perPage === 20 ? 1500 : 200;
  const result = await measure(
    {
      "raw fetch": () => rawFetch(perPage),
      "shutterkit (decode)": () => client.images.searchImages({ query: "cat", per_page: perPage }),
      "shutterkit (no decode)": () => noDecode.images.searchImages({ query: "cat", per_page: perPage }),
    },
    rounds,
  );
  const raw = result["raw fetch"] ?? 1;
  console.log(`\n${perPage}-result page, median of ${rounds} calls each (interleaved):`);
  for (const [name, ms] of Object.entries(result)) {
    console.log(`  ${name.padEnd(24)} ${ms.toFixed(3)} ms   ${(ms / raw).toFixed(2)}x raw fetch`);
  }
}
console.log("\ntarget: at most 1.10x raw fetch on the 20-result page");
server.close();
