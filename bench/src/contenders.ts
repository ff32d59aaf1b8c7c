// The clients every latency, CPU and throughput benchmark compares, built once against the stub:
// raw fetch as the baseline; shutterkit's modular client (`createClient(config).send(searchImages,
// ...)`) as a Node user gets it (@shutterkit/node, whose default transport is undici's own fetch on an Agent)
// and as the portable core on the runtime's global fetch (what Deno, workers and browsers run), the
// latter also without response validation; on the Node client, the same call with `.withResponse()`,
// the raw request `client.request("GET /v2/images/search", ...)` and the grouped client
// (`createShutterstock(...).images.searchImages`); shutterkit before the pipeline was rebuilt from ky
// and Effect (baseline.ts: built from git, so the redesign is measured beside what it replaced); ky alone on the global fetch and on the Node
// transport (the HTTP layer the design mandates, with nothing of shutterkit around it: the floors of
// the shutterkit rows), the Node transport on its own, and the official SDK.
import { Credentials, createClient as createCoreClient, searchImages } from "@shutterkit/core";
import { createClient, createShutterstock, nodeFetch } from "@shutterkit/node";
import ky from "ky";
import { BASELINE_COMMIT, baselineSearch } from "./baseline.ts";
import { officialSdk } from "./sdk.ts";

const TOKEN = "bench-token";

export type SearchCall = (perPage: number) => Promise<unknown>;

export const contenders = (stubUrl: string): Record<string, SearchCall> => {
  const config = { baseUrl: stubUrl, credentials: Credentials.oauth(TOKEN), retry: false } as const;
  const node = createClient(config);
  const core = createCoreClient(config);
  const coreNoDecode = createCoreClient({ ...config, decodeResponses: false });
  const grouped = createShutterstock(config);
  const sdk = officialSdk(stubUrl, TOKEN);
  const beforeRedesign = baselineSearch(stubUrl, TOKEN);
  const searchUrl = (perPage: number) => {
    const url = new URL("/v2/images/search", stubUrl);
    url.searchParams.set("query", "cat");
    url.searchParams.set("per_page", String(perPage));
    return url;
  };
  const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json" };
  const rawFetch: SearchCall = async (perPage) => {
    const response = await fetch(searchUrl(perPage), { headers });
    return (await response.json()) as unknown;
  };
  const kyAlone = ky.create({ retry: 0, timeout: false, throwHttpErrors: false });
  const kyOnNode = kyAlone.extend({ fetch: nodeFetch });
  return {
    "raw fetch": rawFetch,
    "shutterkit (@shutterkit/node)": (perPage) =>
      node.send(searchImages, { query: "cat", per_page: perPage }),
    "shutterkit (core, global fetch)": (perPage) =>
      core.send(searchImages, { query: "cat", per_page: perPage }),
    "shutterkit (core, global fetch, decode off)": (perPage) =>
      coreNoDecode.send(searchImages, { query: "cat", per_page: perPage }),
    "shutterkit withResponse (@shutterkit/node)": (perPage) =>
      node.send(searchImages, { query: "cat", per_page: perPage }).withResponse(),
    "shutterkit raw request (@shutterkit/node)": (perPage) =>
      node.request("GET /v2/images/search", { params: { query: "cat", per_page: perPage } }),
    "shutterkit grouped (@shutterkit/node)": (perPage) =>
      grouped.images.searchImages({ query: "cat", per_page: perPage }),
    [`shutterkit before the redesign (@shutterkit/node, ${BASELINE_COMMIT.slice(0, 7)})`]: beforeRedesign,
    "ky 2 alone (no shutterkit)": (perPage) => kyAlone(searchUrl(perPage), { headers }).json(),
    "ky 2 alone on the Node transport": (perPage) => kyOnNode(searchUrl(perPage), { headers }).json(),
    "raw fetch on the Node transport": async (perPage) =>
      (await (await nodeFetch(searchUrl(perPage), { headers })).json()) as unknown,
    "official SDK": (perPage) => sdk.searchImages({ query: "cat", per_page: perPage }),
  };
};
