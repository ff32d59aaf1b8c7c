// Node's global fetch against createNodeFetch, raw and under the core client: median latency of one
// 20-result search page, calls per second at 64 in flight, and a large download's rate. The stub
// API runs in a child process so the client has this process to itself; contenders run
// interleaved round by round, so drift on a busy machine hits them all alike.
// Run: node bench/transport.ts (Node 24, from packages/node; core must be built).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Credentials, createShutterstock } from "@shutterkit/core";
import { createNodeFetch } from "../src/transport.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 2000);
const WARMUP = 200;
const CONCURRENT_CALLS = 6000;
const DOWNLOAD_BYTES = 200 * 1024 * 1024;

const stubPath = fileURLToPath(new URL("../../../bench/src/stub-server.ts", import.meta.url));
const stub = spawn(process.execPath, [stubPath], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise<string>((resolve, reject) => {
  stub.once("error", reject);
  stub.stdout.once("data", (line: Buffer) => resolve((JSON.parse(String(line)) as { url: string }).url));
});

const nodeFetch = createNodeFetch();
const searchUrl = `${base}/v2/images/search?query=cat&per_page=20`;
const headers = { authorization: "Bearer bench", accept: "application/json" };
const clientWith = (fetch: typeof globalThis.fetch) =>
  createShutterstock({ baseUrl: base, credentials: Credentials.oauth("bench"), retry: false, fetch });
const coreFetch = clientWith(globalThis.fetch);
const coreNode = clientWith(nodeFetch);

const contenders: Record<string, () => Promise<unknown>> = {
  "fetch + json": async () => (await fetch(searchUrl, { headers })).json(),
  "createNodeFetch + json": async () => (await nodeFetch(searchUrl, { headers })).json(),
  "core client, global fetch": () => coreFetch.images.searchImages({ query: "cat", per_page: 20 }),
  "core client, createNodeFetch": () => coreNode.images.searchImages({ query: "cat", per_page: 20 }),
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
};

const samples = new Map<string, number[]>(Object.keys(contenders).map((name) => [name, []]));
for (let round = 0; round < ROUNDS + WARMUP; round++)
  for (const [name, run] of Object.entries(contenders)) {
    const started = performance.now();
    await run();
    if (round >= WARMUP) samples.get(name)?.push(performance.now() - started);
  }

console.log(`20-result search page, median of ${ROUNDS} sequential calls:`);
for (const [name, values] of samples)
  console.log(`  ${name.padEnd(30)} ${(median(values) * 1000).toFixed(0).padStart(5)} µs`);

console.log(`\n${CONCURRENT_CALLS} calls, 64 in flight:`);
for (const [name, run] of Object.entries(contenders)) {
  let left = CONCURRENT_CALLS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (left-- > 0) await run();
    }),
  );
  const perSecond = CONCURRENT_CALLS / ((performance.now() - started) / 1000);
  console.log(`  ${name.padEnd(30)} ${Math.round(perSecond).toString().padStart(5)} calls/s`);
}

console.log(`\n${DOWNLOAD_BYTES / 1024 / 1024} MB download, body read chunk by chunk:`);
for (const [name, fetchImpl] of [
  ["fetch", globalThis.fetch],
  ["createNodeFetch", nodeFetch],
] as const) {
  const started = performance.now();
  const response = await fetchImpl(`${base}/download/${DOWNLOAD_BYTES}/asset.bin`);
  let received = 0;
  for await (const chunk of response.body ?? []) received += chunk.byteLength;
  const seconds = (performance.now() - started) / 1000;
  const rate = received / 1024 / 1024 / seconds;
  console.log(`  ${name.padEnd(30)} ${rate.toFixed(0).padStart(5)} MB/s`);
}

stub.kill();
await nodeFetch.close();
