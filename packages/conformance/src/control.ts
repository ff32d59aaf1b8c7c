// The sandbox's control routes (/sandbox/...), reached with plain fetch so every runtime can arm
// faults and read counters the same way.
import type { FaultSpec, SandboxStats } from "@shutterkit/sandbox";

export type { FaultSpec, SandboxStats };

export interface SandboxControl {
  fault(spec: FaultSpec | ReadonlyArray<FaultSpec>): Promise<void>;
  clearFaults(): Promise<void>;
  stats(): Promise<SandboxStats>;
  resetStats(): Promise<void>;
  /** A token with exactly these scopes. */
  token(scopes: ReadonlyArray<string>): Promise<string>;
  reset(): Promise<void>;
}

export const sandboxControl = (origin: string, fetchImpl: typeof fetch = fetch): SandboxControl => {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetchImpl(new URL(path, origin), {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  };
  return {
    fault: async (spec) => {
      await call("POST", "/sandbox/faults", spec);
    },
    clearFaults: async () => {
      await call("DELETE", "/sandbox/faults");
    },
    stats: async () => (await call("GET", "/sandbox/stats")) as SandboxStats,
    resetStats: async () => {
      await call("DELETE", "/sandbox/stats");
    },
    token: async (scopes) =>
      ((await call("POST", "/sandbox/tokens", { scopes })) as { access_token: string }).access_token,
    reset: async () => {
      await call("POST", "/sandbox/reset");
    },
  };
};
