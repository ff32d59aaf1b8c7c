import { Credentials, createShutterstock, type ShutterstockClient } from "@shutterkit/core";
import type { QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { createShutterkitQueryClient, ShutterkitProvider } from "../../src/index.ts";

export interface Harness {
  readonly client: ShutterstockClient;
  readonly queryClient: QueryClient;
  readonly wrapper: (props: { children: ReactNode }) => ReactNode;
}

/** A provider over a fresh client and cache; `token` makes it a signed-in user's client. */
export const harness = (baseUrl: string, token?: string): Harness => {
  const client = createShutterstock({
    baseUrl,
    retry: false,
    ...(token === undefined ? {} : { credentials: Credentials.oauth(token) }),
  });
  const queryClient = createShutterkitQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ShutterkitProvider client={client} queryClient={queryClient}>
      {children}
    </ShutterkitProvider>
  );
  return { client, queryClient, wrapper };
};
