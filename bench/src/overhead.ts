// Per-request latency of one search call on loopback: raw fetch, shutterkit (with and without
// response validation) and the official SDK, for a 20-result and a 500-result page. Contenders run
// interleaved round by round, so drift on a busy machine hits them all alike; medians are compared.
// Run: pnpm --filter @shutterkit/bench run overhead
import { Credentials, createShutterstock } from "@shutterkit/core";
import { median, table } from "./report.ts";
import { officialSdk } from "./sdk.ts";
import { startStub } from "./stub.ts";

const TOKEN = "bench-token";
const WARMUP = 100;

const stub = await startStub();
const client = createShutterstock({ baseUrl: stub.url, credentials: Credentials.oauth(TOKEN), retry: false });
const noDecode = createShutterstock({
  baseUrl: stub.url,
  credentials: Credentials.oauth(TOKEN),
  retry: false,
  decodeResponses: false,
});
const sdk = officialSdk(stub.url, TOKEN);

const rawFetch = async (perPage: number) => {
  const url = new URL("/v2/images/search", stub.url);
  url.searchParams.set("query", "cat");
  url.searchParams.set("per_page", String(perPage));
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${TOKEN}`, accept: "application/json" },
  });
  return (await response.json()) as unknown;
};

const measure = async (contenders: Record<string, () => Promise<unknown>>, rounds: number) => {
  const samples: Record<string, number[]> = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, []]),
  );
  for (let round = 0; round < rounds + WARMUP; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const started = performance.now();
      await run();
      if (round >= WARMUP) samples[name]?.push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
};

try {
  for (const perPage of [20, 500] as const) {
    const rounds = perPage === 20 ? 1500 : 200;
    const medianMs = await measure(
      {
        "raw fetch": () => rawFetch(perPage),
        shutterkit: () => client.images.searchImages({ query: "cat", per_page: perPage }),
        "shutterkit (decode off)": () => noDecode.images.searchImages({ query: "cat", per_page: perPage }),
        "official SDK": () => sdk.searchImages({ query: "cat", per_page: perPage }),
      },
      rounds,
    );
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
