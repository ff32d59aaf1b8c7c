// What each rate limiter adds to a proxied request in workerd (miniflare): no limit, the in-memory
// bucket, the Durable Object, and Cloudflare's Rate Limiting binding, each with a limit that is
// never reached, against a stub API on 127.0.0.1 that answers at once. Latencies are measured
// from Node through miniflare's loopback, so they include its overhead; the differences between
// rows are the limiters' cost. Prints figures; asserts nothing.
// Run: node bench/limiter.ts
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Miniflare, type MiniflareOptions } from "miniflare";
import { bundle, COMPATIBILITY_DATE, PROXY_ORIGIN } from "../test/support/runtimes.ts";

const ORIGIN = "https://app.example.com";
const WARMUP = 200;
const CALLS = 2_000;

const api = createServer((_, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end('{"id":"1","description":"stub"}');
});
await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

const vars = (burst: number) => ({
  SHUTTERSTOCK_API_TOKEN: "bench-token",
  SHUTTERSTOCK_BASE_URL: apiUrl,
  SHUTTERKIT_ALLOWED_ORIGINS: ORIGIN,
  SHUTTERKIT_CACHE_TTL: "0",
  SHUTTERKIT_RATE_LIMIT_BURST: String(burst),
  SHUTTERKIT_RATE_LIMIT_PER_MINUTE: "6000000",
});

const [proxyScript, limitersScript] = await Promise.all([bundle("workerd"), bundle("workerd-limiters")]);
const base = { modules: true, compatibilityDate: COMPATIBILITY_DATE } as const;

const contenders: ReadonlyArray<[string, MiniflareOptions]> = [
  ["no limit", { ...base, script: proxyScript, bindings: vars(0) }],
  ["in memory (per isolate)", { ...base, script: proxyScript, bindings: vars(1_000_000) }],
  [
    "Durable Object",
    {
      ...base,
      script: proxyScript,
      bindings: vars(1_000_000),
      durableObjects: { RATE_LIMITER: "RateLimiterDurableObject" },
    },
  ],
  [
    "Rate Limiting binding",
    {
      ...base,
      script: limitersScript,
      bindings: vars(1_000_000),
      ratelimits: { RATE_LIMIT: { namespace_id: "1", simple: { limit: 1_000_000, period: 60 } } },
    },
  ],
];

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

console.log(`Per-request latency in workerd, ${CALLS} sequential GETs after ${WARMUP} warm-up, one caller\n`);
let baseline: number | undefined;
for (const [name, options] of contenders) {
  const miniflare = new Miniflare(options);
  await miniflare.ready;
  const call = async () => {
    const response = await miniflare.dispatchFetch(`${PROXY_ORIGIN}/v2/images/1`, {
      headers: { origin: ORIGIN, authorization: "Bearer bench:" },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${name}: status ${response.status}`);
  };
  for (let index = 0; index < WARMUP; index++) await call();
  const times: number[] = [];
  for (let index = 0; index < CALLS; index++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  await miniflare.dispose();
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 0.5);
  baseline ??= p50;
  const added = p50 - baseline;
  console.log(
    `${name.padEnd(26)} p50 ${p50.toFixed(2)} ms  p90 ${percentile(times, 0.9).toFixed(2)} ms` +
      (name === "no limit" ? "" : `  added p50 ${added >= 0 ? "+" : ""}${added.toFixed(2)} ms`),
  );
}
api.close();
