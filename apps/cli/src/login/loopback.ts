// The redirect target of a sign-in: an HTTP listener on 127.0.0.1 (RFC 8252's loopback redirect)
// that hands the first request to its callback path to the caller and answers the browser with
// the page the caller chooses once it knows the outcome.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CommandFailed, ExitCode, UsageError } from "../errors.ts";

const CALLBACK_PATH = "/callback";

/** The browser's request to the callback, waiting for its answer. */
export interface ArrivedCallback {
  readonly url: URL;
  /** Answers the browser with a small HTML page, and lets the connection close. */
  readonly answer: (status: number, title: string, text: string) => void;
}

export interface Loopback {
  /** `http://127.0.0.1:<port>/callback`, the `redirect_uri` to register and send. */
  readonly redirectUri: string;
  /** The first callback, or a `CommandFailed` once `timeoutMs` passes or `signal` aborts. */
  readonly next: (options: {
    readonly timeoutMs: number;
    readonly signal?: AbortSignal;
  }) => Promise<ArrivedCallback>;
  readonly close: () => Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family: system-ui, sans-serif; margin: 3rem"><h1>${escapeHtml(title)}</h1>` +
  `<p>${escapeHtml(text)}</p></body></html>`;

const send = (response: ServerResponse, status: number, title: string, text: string) => {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    connection: "close",
  });
  response.end(page(title, text));
};

/** Listens on 127.0.0.1 (`port` 0 or undefined: a free one). A taken port is a usage error. */
export const openLoopback = async (port: number | undefined): Promise<Loopback> => {
  let arrived: ((callback: ArrivedCallback) => void) | undefined;
  const queued: ArrivedCallback[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
    if (request.method !== "GET" || url.pathname !== CALLBACK_PATH) {
      send(response, 404, "Not found", "This address only receives the shutterkit sign-in.");
      return;
    }
    const callback: ArrivedCallback = {
      url,
      answer: (status, title, text) => send(response, status, title, text),
    };
    if (arrived === undefined) queued.push(callback);
    else arrived(callback);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? new UsageError(`Cannot listen on 127.0.0.1:${port}: ${error.code}. Choose another --port.`)
          : error,
      );
    });
    server.listen(port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${bound}${CALLBACK_PATH}`,
    next: ({ timeoutMs, signal }) =>
      new Promise<ArrivedCallback>((resolve, reject) => {
        const waiting = queued.shift();
        if (waiting !== undefined) return resolve(waiting);
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          arrived = undefined;
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new CommandFailed(
              `No sign-in arrived within ${Math.round(timeoutMs / 1000)} s: the browser never came back to ` +
                `http://127.0.0.1:${bound}${CALLBACK_PATH}. Run shutterkit login again (--timeout to wait longer).`,
              ExitCode.Auth,
            ),
          );
        }, timeoutMs);
        const onAbort = () => {
          done();
          reject(new CommandFailed("Interrupted.", ExitCode.Interrupted));
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
        arrived = (callback) => {
          done();
          resolve(callback);
        };
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Answers carry `connection: close`; a browser's idle keep-alive sockets are dropped now,
        // and any still open a second later (a stalled request) are cut rather than waited for.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
};
