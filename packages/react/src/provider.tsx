import { createShutterstock, type ShutterstockClient, type ShutterstockConfig } from "@shutterkit/core";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useState } from "react";
import { createShutterkitQueries, type ShutterkitQueries } from "./queries.ts";
import { createShutterkitQueryClient } from "./retry.ts";

interface ShutterkitContextValue {
  readonly client: ShutterstockClient;
  readonly queries: ShutterkitQueries;
}

const ShutterkitContext = createContext<ShutterkitContextValue | null>(null);

export type ShutterkitProviderProps = (
  | {
      /** A Promise client from `createShutterstock(config)`. */
      readonly client: ShutterstockClient;
      readonly config?: undefined;
    }
  | {
      /**
       * Config for a client the provider creates once. In a browser, point `baseUrl` at the edge
       * proxy and leave out credentials, or use `Credentials.oauth(userToken)`.
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
  const [value] = useState<ShutterkitContextValue>(() => {
    const client = props.client ?? createShutterstock(props.config);
    return { client, queries: createShutterkitQueries(client) };
  });
  const [ownQueryClient] = useState(() => props.queryClient ?? createShutterkitQueryClient());
  return (
    <ShutterkitContext.Provider value={value}>
      <QueryClientProvider client={props.queryClient ?? ownQueryClient}>{props.children}</QueryClientProvider>
    </ShutterkitContext.Provider>
  );
};

const useShutterkitContext = (): ShutterkitContextValue => {
  const value = useContext(ShutterkitContext);
  if (value === null) throw new Error("shutterkit hooks must be used inside <ShutterkitProvider>");
  return value;
};

/** The Promise client of the nearest provider. */
export const useShutterstockClient = (): ShutterstockClient => useShutterkitContext().client;

/** Query-option factories bound to the provider's client: `useQuery(useShutterkitQueries().images.getImage({ id }))`. */
export const useShutterkitQueries = (): ShutterkitQueries => useShutterkitContext().queries;
