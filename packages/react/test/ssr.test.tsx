// @vitest-environment node
// Server-side rendering with hydration, in real Chromium: the server prefetches with the factories
// against the sandbox, renders HTML with react-dom/server and dehydrates the cache; Chromium loads
// the HTML and an esbuild bundle of test/ssr/client.tsx, hydrates, and must show the data without
// asking the API again. A click afterwards proves the page is live and that requests are seen.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Credentials, createClient } from "@shutterkit/core";
import { getImage, searchImages } from "@shutterkit/core/images";
import { type LaunchedChromium, launchChromium } from "@shutterkit/test-support/chromium";
import { dehydrate } from "@tanstack/react-query";
import * as esbuild from "esbuild";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createShutterkitQueryClient,
  operationInfiniteQueryOptions,
  operationQueryOptions,
} from "../src/index.ts";
import { Page, SEARCH } from "./ssr/app.tsx";
import { requestsFor, sandboxPerFile } from "./support/sandbox.ts";

const server = sandboxPerFile();

const bundleClient = async (): Promise<string> => {
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL("./ssr/client.tsx", import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    // React's development build reports hydration mismatches; the page has no `process`.
    define: { "process.env.NODE_ENV": '"development"' },
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
};

/** JSON that cannot close the inline <script> it sits in. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

const listen = (handler: Parameters<typeof createServer>[1]): Promise<Server> =>
  new Promise((resolve) => {
    const http = createServer(handler);
    http.listen(0, "127.0.0.1", () => resolve(http));
  });

/** Polls `check` every 50 ms; fails with `what` after 10 s. */
const until = async (check: () => Promise<boolean>, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

let browser: LaunchedChromium | undefined;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("server-side rendering with hydration", () => {
  it("hydrates the dehydrated cache in Chromium without refetching", { timeout: 60_000 }, async () => {
    const sandbox = server.current;
    const token = sandbox.credentials.accessToken;
    const serverClient = createClient({ baseUrl: sandbox.url, credentials: Credentials.oauth(token) });

    // The server: prefetch through the factories, render, dehydrate.
    const { data } = await serverClient.send(searchImages, { query: "square", per_page: 1 });
    const imageId = data[0]?.id ?? "";
    const queryClient = createShutterkitQueryClient();
    await Promise.all([
      queryClient.prefetchInfiniteQuery(operationInfiniteQueryOptions(serverClient, searchImages, SEARCH)),
      queryClient.prefetchQuery(operationQueryOptions(serverClient, getImage, { id: imageId })),
    ]);
    const state = dehydrate(queryClient);
    expect(state.queries).toHaveLength(2);
    const html = renderToString(
      <Page client={serverClient} queryClient={queryClient} state={state} imageId={imageId} />,
    );
    const firstPage = queryClient.getQueryData(
      operationInfiniteQueryOptions(serverClient, searchImages, SEARCH).queryKey,
    )?.pages[0];
    const descriptions = firstPage?.data.map((image) => image.description ?? "") ?? [];
    expect(descriptions).toHaveLength(3);
    for (const description of descriptions) expect(html).toContain(description);

    const script = await bundleClient();
    const bootstrap = { baseUrl: sandbox.url, token, imageId, state };
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>ssr</title><link rel="icon" href="data:,"></head><body><div id="root">${html}</div><script>window.__SHUTTERKIT_SSR__ = ${inlineJson(bootstrap)};</script><script type="module" src="/client.js"></script></body></html>`;
    const app = await listen((request, response) => {
      if (request.url === "/client.js") {
        response.writeHead(200, { "content-type": "text/javascript" }).end(script);
      } else if (request.url === "/") {
        response.writeHead(200, { "content-type": "text/html" }).end(page);
      } else response.writeHead(404).end();
    });
    const origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

    const browserPage = await browser!.context.newPage();
    try {
      const apiRequests: Array<string> = [];
      browserPage.on("request", (request) => {
        if (request.url().startsWith(sandbox.url)) apiRequests.push(`${request.method()} ${request.url()}`);
      });
      const pageErrors: Array<string> = [];
      browserPage.on("pageerror", (error) => pageErrors.push(error.message));
      browserPage.on("console", (message) => {
        if (message.type() === "error") pageErrors.push(message.text());
      });
      const before = {
        search: requestsFor(sandbox, "searchImages"),
        image: requestsFor(sandbox, "getImage"),
      };

      await browserPage.goto(`${origin}/`);
      await until(() => browserPage.evaluate(() => window.__hydrated === true), "the page to hydrate");
      // Give a refetch, if one were scheduled on mount, the time to start.
      await browserPage.waitForTimeout(300);

      expect(pageErrors).toEqual([]);
      expect(await browserPage.evaluate(() => window.__recoverableErrors)).toEqual([]);
      expect(apiRequests).toEqual([]);
      expect(requestsFor(sandbox, "searchImages")).toBe(before.search);
      expect(requestsFor(sandbox, "getImage")).toBe(before.image);
      const items = await browserPage
        .getByRole("list", { name: "Results" })
        .getByRole("listitem")
        .allTextContents();
      expect(items).toEqual(descriptions);
      expect(await browserPage.locator("#title").textContent()).toBe(data[0]?.description);

      // Live after hydration: the next page is fetched by the browser, once.
      await browserPage.getByRole("button", { name: "Load more" }).click();
      await browserPage.getByRole("list", { name: "Results" }).getByRole("listitem").nth(5).waitFor();
      expect(apiRequests.filter((request) => request.startsWith("GET ")).length).toBe(1);
      expect(apiRequests.find((request) => request.startsWith("GET "))).toContain("page=2");
      expect(requestsFor(sandbox, "searchImages")).toBe(before.search + 1);
    } finally {
      await browserPage.close();
      // Chromium keeps its connections alive; close() alone would wait for them.
      app.closeAllConnections();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });
});
