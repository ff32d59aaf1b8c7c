// The local stack behind `pnpm start` and the browser test: the sandbox API, the edge proxy
// holding the sandbox's credentials, and the app (Vite's dev server or the production build), all
// on one origin so the browser sends no credentials and needs no CORS.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Credentials, operations } from "@shutterkit/core";
import { byOperationId, createProxyHandler } from "@shutterkit/edge";
import { sendResponse, toRequest } from "./node-adapter.ts";
import { serveStatic } from "./static-files.ts";

export const appRoot = fileURLToPath(new URL("..", import.meta.url));

export interface StackOptions {
  /** `dev`: Vite with hot reload; `static`: the `vite build` output in dist/. */
  readonly mode: "dev" | "static";
  /** Port for the app and proxy; 0 picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** The API behind the proxy; default: a fresh sandbox. */
  readonly api?: () => Promise<Api>;
}

export interface Api {
  readonly url: string;
  /** An OAuth token of a user with the collection scopes. */
  readonly accessToken: string;
  close(): Promise<void>;
}

export interface Stack {
  /** Open this in a browser. */
  readonly url: string;
  readonly sandboxUrl: string;
  close(): Promise<void>;
}

/** What this stack needs of `@shutterkit/sandbox/node`'s `startSandboxServer`. */
interface SandboxServer {
  readonly url: string;
  readonly credentials: { readonly accessToken: string };
  close(): Promise<void>;
}
type StartSandboxServer = (options: { host: string; port: number }) => Promise<SandboxServer>;

// Resolved at run time through a variable so this app typechecks even when the sandbox's build
// order puts it later; the shape is checked here instead.
const SANDBOX_NODE = "@shutterkit/sandbox/node";

const startSandbox = async (): Promise<Api> => {
  const module: { startSandboxServer?: unknown } = await import(SANDBOX_NODE);
  if (typeof module.startSandboxServer !== "function")
    throw new Error(`${SANDBOX_NODE} has no startSandboxServer: build @shutterkit/sandbox first`);
  const sandbox = await (module.startSandboxServer as StartSandboxServer)({ host: "127.0.0.1", port: 0 });
  return { url: sandbox.url, accessToken: sandbox.credentials.accessToken, close: () => sandbox.close() };
};

// What the app uses, and nothing else: the proxy answers 404 for every other operation.
const collectionReads = byOperationId(operations, [
  "getImageCollectionList",
  "getImageCollection",
  "getImageCollectionItems",
]);
const collectionWrites = byOperationId(operations, [
  "createImageCollection",
  "renameImageCollection",
  "deleteImageCollection",
  "addImageCollectionItems",
  "deleteImageCollectionItems",
]).map((operation) => ({ operation, write: true }));
const reads = byOperationId(operations, [
  "searchImages",
  "getImage",
  "getImageList",
  "listSimilarImages",
  "getSimilarImages",
  "getKeywords",
]);
const upload = byOperationId(operations, ["uploadImage"]).map((operation) => ({ operation, write: true }));

export const startStack = async (options: StackOptions): Promise<Stack> => {
  const host = options.host ?? "127.0.0.1";
  const sandbox = await (options.api ?? startSandbox)();

  let app: (req: IncomingMessage, res: ServerResponse) => void | Promise<void> = serveStatic(
    `${appRoot}dist`,
  );
  let closeApp = async () => {};
  let proxy: ((request: Request) => Promise<Response>) | undefined;
  const server = createServer((req, res) => {
    const done = (error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    };
    if (proxy !== undefined && req.url?.startsWith("/v2/"))
      proxy(toRequest(req, res, origin))
        .then((response) => sendResponse(response, res))
        .catch(done);
    else Promise.resolve(app(req, res)).catch(done);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  if (options.mode === "dev") {
    const { createServer: createVite } = await import("vite");
    // Hot reload over this same server, so the app needs one port only.
    const vite = await createVite({
      root: appRoot,
      server: { middlewareMode: true, hmr: { server } },
      appType: "spa",
    });
    app = (req, res) => vite.middlewares(req, res);
    closeApp = () => vite.close();
  }
  proxy = createProxyHandler({
    // A signed-in user's token, as a real deployment's proxy would hold: collections need one.
    credentials: Credentials.oauth(sandbox.accessToken),
    baseUrl: sandbox.url,
    allow: [...reads, ...upload, ...collectionReads, ...collectionWrites],
    // Same origin as the page, whose GETs carry no Origin header.
    cors: { origins: [origin, `http://localhost:${port}`], allowMissingOrigin: true },
    // The one local user, signed in by construction: a deployment checks its callers' tokens here.
    authorize: () => ({ id: "local-user", grants: ["write"] }),
    // One local user: the default per-client limit would only slow the browser test down.
    rateLimit: false,
  });

  return {
    url: origin,
    sandboxUrl: sandbox.url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeApp();
      await sandbox.close();
    },
  };
};
