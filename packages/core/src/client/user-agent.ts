// The default `User-Agent`, which Shutterstock asks of every integration: `shutterkit/<version>
// (<runtime>/<version>)`, then the adapter's and the user's tokens.
import { VERSION } from "../version.ts";

interface RuntimeGlobals {
  readonly Deno?: { readonly version?: { readonly deno?: string } };
  readonly Bun?: { readonly version?: string };
  readonly process?: { readonly versions?: { readonly node?: string } };
  readonly navigator?: { readonly userAgent?: string };
}

const runtimeToken = (): string => {
  const globals = globalThis as RuntimeGlobals;
  if (globals.Deno?.version?.deno !== undefined) return `deno/${globals.Deno.version.deno}`;
  if (globals.Bun?.version !== undefined) return `bun/${globals.Bun.version}`;
  if (globals.process?.versions?.node !== undefined) return `node/${globals.process.versions.node}`;
  const agent = globals.navigator?.userAgent;
  if (agent === "Cloudflare-Workers") return "workerd";
  return agent === undefined ? "unknown" : (agent.split(" ")[0] ?? "unknown").toLowerCase();
};

/** `shutterkit/0.1.0 (node/24.1.0)`, with the given tokens appended (`my-app/2.1`). */
export const userAgentOf = (...tokens: ReadonlyArray<string | undefined>): string =>
  [
    `shutterkit/${VERSION} (${runtimeToken()})`,
    ...tokens.filter((token) => token !== undefined && token !== ""),
  ].join(" ");
