// The three places the same proxy runs in tests: workerd (through miniflare), Vercel's edge-runtime,
// and plain Node. The first two load an esbuild bundle, as a deployment would.
import { fileURLToPath } from "node:url";
import { EdgeRuntime } from "edge-runtime";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";

export interface ProxyRuntime {
  readonly name: string;
  /** Whether the runtime has a Cache API the proxy can use. */
  readonly hasCache: boolean;
  readonly fetch: (path: string, init?: RequestInit) => Promise<Response>;
  readonly close: () => Promise<void>;
}

export type RuntimeFactory = (env: Readonly<Record<string, string>>) => Promise<ProxyRuntime>;

export const PROXY_ORIGIN = "http://proxy.test";
export const COMPATIBILITY_DATE = "2025-09-01";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const bundles = new Map<string, Promise<string>>();

const ENTRIES = {
  workerd: "workerd-entry.ts",
  "edge-light": "edge-entry.ts",
  "workerd-limiters": "limiters-entry.ts",
} as const;

/** One bundle per target, built like a deployment: no Node built-ins, the platform's export condition. */
export const bundle = (target: keyof typeof ENTRIES): Promise<string> => {
  let built = bundles.get(target);
  if (built === undefined) {
    const platform = target === "edge-light" ? "edge-light" : "workerd";
    built = esbuild
      .build({
        entryPoints: [fixture(ENTRIES[target])],
        bundle: true,
        write: false,
        format: platform === "workerd" ? "esm" : "iife",
        platform: "neutral",
        target: "es2022",
        conditions: [platform, "worker", "browser"],
        mainFields: ["module", "main"],
        logLevel: "silent",
      })
      .then((result) => result.outputFiles[0]?.text ?? "");
    bundles.set(target, built);
  }
  return built;
};

export const workerd: RuntimeFactory = async (env) => {
  const miniflare = new Miniflare({
    modules: true,
    script: await bundle("workerd"),
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { ...env },
    // The per-caller limit lives in a Durable Object here, as a deployment across isolates would have it.
    durableObjects: { RATE_LIMITER: "RateLimiterDurableObject" },
  });
  await miniflare.ready;
  return {
    name: "workerd",
    hasCache: true,
    fetch: async (path, init) =>
      (await miniflare.dispatchFetch(`${PROXY_ORIGIN}${path}`, init as never)) as unknown as Response,
    close: () => miniflare.dispose(),
  };
};

export const edgeRuntime: RuntimeFactory = async (env) => {
  const runtime = new EdgeRuntime({
    initialCode: await bundle("edge-light"),
    extend: (context) => Object.assign(context, { process: { env: { ...env } } }),
  });
  return {
    name: "edge-runtime",
    hasCache: false,
    fetch: async (path, init) => {
      const response = await runtime.dispatchFetch(`${PROXY_ORIGIN}${path}`, init);
      await response.waitUntil();
      return response;
    },
    close: async () => undefined,
  };
};

export const node: RuntimeFactory = async (env) => {
  const { proxy } = await import("../fixtures/proxy.ts");
  const frozen = { ...env };
  return {
    name: "node",
    hasCache: false,
    fetch: (path, init) => proxy(new Request(`${PROXY_ORIGIN}${path}`, init), frozen),
    close: async () => undefined,
  };
};
