// The browser bundle of the SSR test: hydrate the server's HTML from the dehydrated cache.
import { Credentials, createClient } from "@shutterkit/core";
import type { DehydratedState } from "@tanstack/react-query";
import { hydrateRoot } from "react-dom/client";
import { createShutterkitQueryClient } from "../../src/index.ts";
import { Page } from "./app.tsx";

export interface Bootstrap {
  readonly baseUrl: string;
  readonly token: string;
  readonly imageId: string;
  readonly state: DehydratedState;
}

declare global {
  interface Window {
    __SHUTTERKIT_SSR__: Bootstrap;
    __hydrated?: boolean;
    __recoverableErrors: Array<string>;
  }
}

const bootstrap = window.__SHUTTERKIT_SSR__;
window.__recoverableErrors = [];
// Same base URL as the server's client, so the keys match; a staleTime keeps the fresh server data
// from being refetched the moment it is mounted.
const client = createClient({ baseUrl: bootstrap.baseUrl, credentials: Credentials.oauth(bootstrap.token) });
const queryClient = createShutterkitQueryClient({ defaultOptions: { queries: { staleTime: 60_000 } } });
const root = document.getElementById("root");
if (root === null) throw new Error("the page has no #root");
hydrateRoot(
  root,
  <Page
    client={client}
    queryClient={queryClient}
    state={bootstrap.state}
    imageId={bootstrap.imageId}
    onReady={() => {
      window.__hydrated = true;
    }}
  />,
  { onRecoverableError: (error) => window.__recoverableErrors.push(String(error)) },
);
