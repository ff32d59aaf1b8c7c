// The clients every latency and throughput benchmark compares, built once against the stub:
// raw fetch as the baseline, shutterkit as a Node user gets it (@shutterkit/node, whose default
// transport is undici's dispatcher), the portable core on the runtime's global fetch (what Deno,
// workers and browsers run), the same without response validation, and the official SDK.
import { Credentials, createShutterstock } from "@shutterkit/core";
import { createShutterstockFromEnv } from "@shutterkit/node";
import { officialSdk } from "./sdk.ts";

const TOKEN = "bench-token";

export type SearchCall = (perPage: number) => Promise<unknown>;

export const contenders = (stubUrl: string): Record<string, SearchCall> => {
  const credentials = Credentials.oauth(TOKEN);
  const node = createShutterstockFromEnv({ env: {}, baseUrl: stubUrl, credentials, retry: false });
  const core = createShutterstock({ baseUrl: stubUrl, credentials, retry: false });
  const coreNoDecode = createShutterstock({
    baseUrl: stubUrl,
    credentials,
    retry: false,
    decodeResponses: false,
  });
  const sdk = officialSdk(stubUrl, TOKEN);
  const rawFetch: SearchCall = async (perPage) => {
    const url = new URL("/v2/images/search", stubUrl);
    url.searchParams.set("query", "cat");
    url.searchParams.set("per_page", String(perPage));
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: "application/json" },
    });
    return (await response.json()) as unknown;
  };
  return {
    "raw fetch": rawFetch,
    "shutterkit (@shutterkit/node)": (perPage) =>
      node.images.searchImages({ query: "cat", per_page: perPage }),
    "shutterkit (core, global fetch)": (perPage) =>
      core.images.searchImages({ query: "cat", per_page: perPage }),
    "shutterkit (core, global fetch, decode off)": (perPage) =>
      coreNoDecode.images.searchImages({ query: "cat", per_page: perPage }),
    "official SDK": (perPage) => sdk.searchImages({ query: "cat", per_page: perPage }),
  };
};
