import { createClient, type ShutterstockClient, type ShutterstockConfig } from "@shutterkit/core";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useState } from "react";
import { createShutterkitQueryClient } from "./retry.ts";

const ShutterkitContext = createContext<ShutterstockClient | null>(null);

export type ShutterkitProviderProps = (
  | {
      /**
       * A Promise client: the modular one from `createClient(config)`, or the grouped one from
       * `createShutterstock(config)` (it has the same `send`).
       */
      readonly client: ShutterstockClient;
      readonly config?: undefined;
    }
  | {
      /**
       * Config for a modular client the provider creates once. In a browser, point `baseUrl` at the
       * edge proxy and leave out credentials, or use `Credentials.oauth(userToken)`.
       */
      readonly config: ShutterstockConfig;
      readonly client?: undefined;
    }
) & {
  /** The QueryClient to use; without one the provider makes one with `createShutterkitQueryClient()`. */
  readonly queryClient?: QueryClient;
  readonly children?: ReactNode;
};

/** Makes a Shutterstock client and a TanStack QueryClient available to the hooks below it. */
export const ShutterkitProvider = (props: ShutterkitProviderProps) => {
  // Created once: a new client or QueryClient on each render would drop the cache.
  const [client] = useState(() => props.client ?? createClient(props.config));
  const [ownQueryClient] = useState(() => props.queryClient ?? createShutterkitQueryClient());
  return (
    <ShutterkitContext.Provider value={client}>
      <QueryClientProvider client={props.queryClient ?? ownQueryClient}>{props.children}</QueryClientProvider>
    </ShutterkitContext.Provider>
  );
};

/** The Promise client of the nearest provider, to pass to the option factories. */
export const useShutterstockClient = (): ShutterstockClient => {
  const client = useContext(ShutterkitContext);
  if (client === null) throw new Error("shutterkit hooks must be used inside <ShutterkitProvider>");
  return client;
};
