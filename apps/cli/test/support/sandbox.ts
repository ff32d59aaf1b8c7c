// One sandbox per test file, on 127.0.0.1 and a free port, plus its control routes.
import type { FaultSpec } from "@shutterkit/sandbox";
import { startSandboxServer } from "@shutterkit/sandbox/node";

export type Sandbox = Awaited<ReturnType<typeof startSandboxServer>>;

export const startSandbox = (): Promise<Sandbox> => startSandboxServer({ port: 0, host: "127.0.0.1" });

export const injectFault = async (sandbox: Sandbox, spec: FaultSpec): Promise<void> => {
  const response = await fetch(new URL("/sandbox/faults", sandbox.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(spec),
  });
  if (!response.ok) throw new Error(`fault injection answered ${response.status}: ${await response.text()}`);
};

export const clearFaults = async (sandbox: Sandbox): Promise<void> => {
  await fetch(new URL("/sandbox/faults", sandbox.url), { method: "DELETE" });
};

export const stats = async (sandbox: Sandbox): Promise<{ byOperation: Record<string, number> }> => {
  const response = await fetch(new URL("/sandbox/stats", sandbox.url));
  return (await response.json()) as { byOperation: Record<string, number> };
};

export const tokenEnv = (sandbox: Sandbox): Record<string, string> => ({
  SHUTTERSTOCK_BASE_URL: sandbox.url,
  SHUTTERSTOCK_API_TOKEN: sandbox.credentials.accessToken,
});

export const keyPairEnv = (sandbox: Sandbox): Record<string, string> => ({
  SHUTTERSTOCK_BASE_URL: sandbox.url,
  SHUTTERSTOCK_API_KEY: sandbox.credentials.clientId,
  SHUTTERSTOCK_API_SECRET: sandbox.credentials.clientSecret,
});
