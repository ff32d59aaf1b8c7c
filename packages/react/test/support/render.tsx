import { Credentials, createClient, type ShutterstockClient } from "@shutterkit/core";
import type { SandboxServer } from "@shutterkit/sandbox/node";
import type { QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { createShutterkitQueryClient, ShutterkitProvider } from "../../src/index.ts";
import { bufferedFetch } from "./fetch.ts";

export interface Harness {
  readonly client: ShutterstockClient;
  readonly queryClient: QueryClient;
  readonly wrapper: (props: { children: ReactNode }) => ReactNode;
}

export interface HarnessOptions {
  /** Defaults to the sandbox's token with every scope. */
  readonly token?: string;
  /** Lets a test watch the requests the client makes (their abort signals). */
  readonly fetch?: typeof globalThis.fetch;
  /** Shares a cache between harnesses; a fresh one by default. */
  readonly queryClient?: QueryClient;
}

/** A modular client of the sandbox, making one attempt per call. */
export const sandboxClient = (server: SandboxServer, options: HarnessOptions = {}): ShutterstockClient =>
  createClient({
    baseUrl: server.url,
    retry: false,
    credentials: Credentials.oauth(options.token ?? server.credentials.accessToken),
    fetch: bufferedFetch(options.fetch),
  });

/** A provider over a fresh client of the sandbox and a fresh cache. */
export const harness = (server: SandboxServer, options: HarnessOptions = {}): Harness => {
  const client = sandboxClient(server, options);
  const queryClient = options.queryClient ?? createShutterkitQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ShutterkitProvider client={client} queryClient={queryClient}>
      {children}
    </ShutterkitProvider>
  );
  return { client, queryClient, wrapper };
};
