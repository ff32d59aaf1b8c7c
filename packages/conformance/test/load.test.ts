// 10,000 calls at concurrency 64 through the Promise API, with a 503 injected into 5% of all
// requests (retries included): every call must come back once, with its own result, and nothing may
// fail with anything but a typed error.
import { type DebugEvent, isShutterstockError } from "@shutterkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox, watchUnhandled } from "./support/sandbox.ts";

const CALLS = 10_000;
const CONCURRENCY = 64;
const FAULT_RATE = 0.05;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/** Deterministic, so a failing run can be repeated. */
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe("load", () => {
  it(`${CALLS} calls at concurrency ${CONCURRENCY} with ${FAULT_RATE * 100}% injected 503s`, async () => {
    const ids = await sandbox.imageIds(200);
    const random = mulberry32(42);
    let injected = 0;
    // The fault rides on the request itself (x-sandbox-fault), so it hits exactly the requests
    // chosen here, retries included, whatever the interleaving.
    const faultyFetch: typeof fetch = (input, init) => {
      if (random() >= FAULT_RATE) return fetch(input, init);
      injected += 1;
      const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
      headers.set("x-sandbox-fault", "kind=status;status=503");
      return input instanceof Request
        ? fetch(new Request(input, { headers }))
        : fetch(input, { ...init, headers });
    };
    let retries = 0;
    let requests = 0;
    const client = sandbox.client({
      fetch: faultyFetch,
      retry: { baseDelay: 1, maxDelay: 10, maxAttempts: 6 },
      onDebug: (event: DebugEvent) => {
        if (event.type === "retry") retries += 1;
        else if (event.type === "request") requests += 1;
      },
    });
    const before = await sandbox.control.stats();
    const unhandled = watchUnhandled();

    const results = new Array<string | undefined>(CALLS);
    const settled = new Array<number>(CALLS).fill(0);
    const typedErrors: string[] = [];
    const untyped: unknown[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < CALLS) {
        const index = next++;
        const id = ids[index % ids.length] ?? "";
        try {
          const image = await client.images.getImage({ id });
          results[index] = image.id === id ? id : `mismatch:${image.id}`;
        } catch (error) {
          if (isShutterstockError(error)) typedErrors.push(error._tag);
          else untyped.push(error);
        } finally {
          settled[index] = (settled[index] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    unhandled.stop();
    const after = await sandbox.control.stats();
    const served = (after.byOperation["getImage"] ?? 0) - (before.byOperation["getImage"] ?? 0);

    const ok = results.filter((result) => result !== undefined && !result.startsWith("mismatch")).length;
    const mismatched = results.filter((result) => result?.startsWith("mismatch")).length;
    const lost = settled.filter((count) => count === 0).length;
    const duplicated = settled.filter((count) => count > 1).length;
    console.log(
      `load: ${CALLS} calls, concurrency ${CONCURRENCY}, ${seconds.toFixed(1)} s (${Math.round(CALLS / seconds)} calls/s)\n` +
        `  results ${ok}, typed errors ${typedErrors.length}, untyped ${untyped.length}, lost ${lost}, duplicated ${duplicated}, mismatched ${mismatched}\n` +
        `  requests sent ${requests}, served by the sandbox ${served}, 503s injected ${injected}, retries ${retries}`,
    );

    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(mismatched).toBe(0);
    expect(untyped).toEqual([]);
    expect(unhandled.seen).toEqual([]);
    expect(ok + typedErrors.length).toBe(CALLS);
    // Every 503 was retried, and nothing else was: one request per call plus one per injected fault.
    expect(retries).toBe(injected - typedErrors.length);
    expect(requests).toBe(CALLS + retries);
    expect(served).toBe(requests);
  }, 180_000);
});
