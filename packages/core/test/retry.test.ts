import { describe, expect, it } from "vitest";
import { resolveRetryPolicy } from "../src/config.ts";
import { NetworkError, NotFound, RateLimited, ServerError, Timeout } from "../src/index.ts";
import { retryDelay } from "../src/retry.ts";

const base = { operationId: "searchImages", method: "GET", route: "/v2/images/search", message: "m" };
const policy = resolveRetryPolicy({ maxAttempts: 5, baseDelay: 100, maxDelay: 1_000, maxRetryAfter: 5_000 });
const unavailable = new ServerError({ ...base, status: 503 });

describe("retryDelay", () => {
  it("doubles from the base delay with ±20% jitter, capped at maxDelay", () => {
    const low = () => 0;
    const high = () => 1;
    expect(retryDelay("GET", policy, 1, unavailable, low)).toBeCloseTo(80);
    expect(retryDelay("GET", policy, 1, unavailable, high)).toBeCloseTo(120);
    expect(retryDelay("GET", policy, 2, unavailable, low)).toBeCloseTo(160);
    expect(retryDelay("GET", policy, 3, unavailable, high)).toBeCloseTo(480);
    expect(retryDelay("GET", { ...policy, maxAttempts: 10 }, 5, unavailable, high)).toBe(1_000);
  });

  it("stops once maxAttempts attempts were made", () => {
    expect(retryDelay("GET", policy, 4, unavailable)).toBeDefined();
    expect(retryDelay("GET", policy, 5, unavailable)).toBeUndefined();
    expect(retryDelay("GET", resolveRetryPolicy(false), 1, unavailable)).toBeUndefined();
  });

  it("waits at least what Retry-After asks, and gives up when it asks for more than maxRetryAfter", () => {
    const limited = (retryAfterMs: number) => new RateLimited({ ...base, status: 429, retryAfterMs });
    expect(retryDelay("GET", policy, 1, limited(3_000))).toBe(3_000);
    expect(retryDelay("POST", policy, 1, limited(3_000))).toBe(3_000);
    expect(retryDelay("GET", policy, 1, limited(6_000))).toBeUndefined();
  });

  it("follows the method rules: a POST is retried only when nothing reached the server", () => {
    const connect = new NetworkError({ ...base, phase: "connect" });
    const transfer = new NetworkError({ ...base, phase: "transfer" });
    expect(retryDelay("POST", policy, 1, unavailable)).toBeUndefined();
    expect(retryDelay("POST", policy, 1, transfer)).toBeUndefined();
    expect(retryDelay("POST", policy, 1, connect)).toBeDefined();
    expect(retryDelay("PUT", policy, 1, transfer)).toBeDefined();
    expect(retryDelay("GET", policy, 1, new NotFound({ ...base, status: 404 }))).toBeUndefined();
    const attempt = new Timeout({ ...base, scope: "attempt", timeoutMs: 10 });
    const total = new Timeout({ ...base, scope: "total", timeoutMs: 10 });
    expect(retryDelay("GET", policy, 1, attempt)).toBeDefined();
    expect(retryDelay("GET", policy, 1, total)).toBeUndefined();
  });
});
