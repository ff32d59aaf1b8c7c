// A pooled keep-alive connection that the far side closed while it sat idle (issue 19): calls on it
// must not fail where sending again is safe, and a POST that may have arrived is never sent twice.
import { createServer, type IncomingMessage, type Server } from "node:http";
import {
  type AddressInfo,
  connect,
  createServer as createTcpServer,
  type Socket,
  type Server as TcpServer,
} from "node:net";
import { Credentials, createClient, NetworkError } from "@shutterkit/core";
import type { Dispatcher } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeFetch, type NodeFetch } from "../src/index.ts";
import { RESEND_FAILED_CODE, resendOnStaleConnection } from "../src/stale-connection.ts";

const IDLE_MS = 1500;

interface Api {
  readonly url: string;
  /** Requests that reached the handler, by path. */
  readonly count: (path: string) => number;
  readonly close: () => Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<void> =>
  new Promise((resolve, reject) => {
    request.on("data", () => undefined);
    request.on("end", resolve);
    request.on("error", reject);
  });

/**
 * A node:http server that closes connections idle for 1 s. It answers with `Connection:
 * keep-alive` set by hand, which leaves out Node's `Keep-Alive: timeout=1` hint, as many servers
 * and proxies do: the client then keeps its sockets for its own idle timeout (4 s), longer than the
 * server. `/reset` reads the whole request, counts it, then resets the socket without answering.
 */
const startApi = async (): Promise<Api> => {
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://api").pathname;
    readBody(request).then(
      () => {
        counts.set(path, (counts.get(path) ?? 0) + 1);
        if (path === "/reset") {
          request.socket.resetAndDestroy();
          return;
        }
        response.writeHead(200, { "content-type": "application/json", connection: "keep-alive" });
        response.end(JSON.stringify({ ok: true, path }));
      },
      () => undefined,
    );
  });
  server.keepAliveTimeout = 1000;
  // Node 24 waits this much longer than it says before closing; 0 closes at the stated 1 s.
  server.keepAliveTimeoutBuffer = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: (path) => counts.get(path) ?? 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

interface Middlebox {
  readonly url: string;
  /** Client connections reset because the server side had gone away. */
  readonly resets: () => number;
  readonly close: () => Promise<void>;
}

/**
 * A TCP relay in front of the server that, like a NAT or a load balancer that dropped an idle
 * flow, does not pass the server's close on: the client's socket stays open, and the next request
 * written on it is answered with a reset. That is the race of issue 19 made deterministic: the
 * server's close and the client's request cross, and the request meets a reset.
 */
const startMiddlebox = async (upstreamUrl: string): Promise<Middlebox> => {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<Socket>();
  let resets = 0;
  const server: TcpServer = createTcpServer((client) => {
    const target = connect(Number(upstream.port), upstream.hostname);
    sockets.add(client);
    sockets.add(target);
    let serverGone = false;
    target.on("data", (chunk: Buffer) => client.write(chunk));
    target.on("close", () => {
      serverGone = true;
    });
    target.on("error", () => undefined);
    client.on("data", (chunk: Buffer) => {
      if (!serverGone) {
        target.write(chunk);
        return;
      }
      resets += 1;
      client.resetAndDestroy();
    });
    client.on("error", () => undefined);
    client.on("close", () => target.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    resets: () => resets,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_MS));

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setUp = async () => {
  const api = await startApi();
  cleanups.push(api.close);
  const middlebox = await startMiddlebox(api.url);
  cleanups.push(middlebox.close);
  return { api, middlebox };
};

const ownFetch = (): NodeFetch => {
  const fetchImpl = createNodeFetch();
  cleanups.push(fetchImpl.close);
  return fetchImpl;
};

const clientOn = (baseUrl: string, fetchImpl: typeof globalThis.fetch) =>
  createClient({ baseUrl, credentials: Credentials.oauth("t"), retry: false, fetch: fetchImpl });

/** Eight calls at once leave eight pooled sockets; after the idle time all of them are stale. */
const WARM_UP = 8;
const CALLS = 100;

describe("idle pooled connections closed by the far side", () => {
  it("nodeFetch: 100 calls after 1.5 s idle all succeed, the stale sockets' requests sent again", async () => {
    const { api, middlebox } = await setUp();
    const fetchImpl = ownFetch();
    const call = async (index: number) => {
      const response = await fetchImpl(`${middlebox.url}/ok?n=${index}`);
      return response.status;
    };
    await Promise.all(Array.from({ length: WARM_UP }, (_, index) => call(index)));
    await idle();
    const statuses = await Promise.all(Array.from({ length: CALLS }, (_, index) => call(index)));
    expect(statuses).toEqual(Array.from({ length: CALLS }, () => 200));
    expect(middlebox.resets()).toBeGreaterThan(0);
    expect(api.count("/ok")).toBe(WARM_UP + CALLS);
  });

  for (const [name, makeFetch] of [
    ["nodeFetch", () => ownFetch()],
    ["globalThis.fetch", () => globalThis.fetch],
  ] as const) {
    it(`core's createClient on ${name}: 100 calls after 1.5 s idle all succeed (retry off)`, async () => {
      const { api, middlebox } = await setUp();
      const client = clientOn(middlebox.url, makeFetch());
      const call = async (index: number) =>
        (await client.request("GET /ok", { params: { n: index } }).withResponse()).response.status;
      await Promise.all(Array.from({ length: WARM_UP }, (_, index) => call(index)));
      await idle();
      const results = await Promise.all(Array.from({ length: CALLS }, (_, index) => call(index)));
      expect(results).toEqual(Array.from({ length: CALLS }, () => 200));
      expect(middlebox.resets()).toBeGreaterThan(0);
      expect(api.count("/ok")).toBe(WARM_UP + CALLS);
    });

    it(`core's createClient on ${name}: a GET reset after it arrived is sent again once, not more`, async () => {
      const { api } = await setUp();
      const client = clientOn(api.url, makeFetch());
      const failure = await rejectionOf(client.request("GET /reset"));
      expect(failure).toBeInstanceOf(NetworkError);
      expect(api.count("/reset")).toBe(2);
    });
  }

  it("a POST reset after it was fully written is not sent again and fails with NetworkError", async () => {
    const { api } = await setUp();
    const client = clientOn(api.url, ownFetch());
    const failure = await rejectionOf(
      client.request("POST /reset", { body: { images: [{ image_id: "1" }] } }),
    );
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as NetworkError).phase).toBe("transfer");
    expect(api.count("/reset")).toBe(1);
  });

  it("nodeFetch alone: a PUT with a body reset after it arrived is sent again once, body and all", async () => {
    const { api } = await setUp();
    const error = await rejectionOf(
      ownFetch()(`${api.url}/reset`, { method: "PUT", body: "x".repeat(10_000) }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as TypeError).cause as { code?: string }).code).toBe(RESEND_FAILED_CODE);
    expect(api.count("/reset")).toBe(2);
  });
});

/** A dispatch that plays scripted attempts, to show the rule where a real socket cannot be timed. */
const scripted = (attempts: Array<"lost before writing" | "lost after writing" | "answered">) => {
  let calls = 0;
  const controller: Dispatcher.DispatchController = {
    aborted: false,
    paused: false,
    reason: null,
    abort: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
  };
  const reset = () => Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
  const dispatch = ((_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
    const attempt = attempts[calls++];
    queueMicrotask(() => {
      if (attempt === "lost before writing") return handler.onResponseError?.(controller, reset());
      handler.onRequestStart?.(controller, {});
      if (attempt === "lost after writing") return handler.onResponseError?.(controller, reset());
      handler.onResponseStart?.(controller, 200, {}, "OK");
      handler.onResponseEnd?.(controller, {});
    });
    return true;
  }) as Dispatcher.Dispatch;
  return { dispatch: resendOnStaleConnection(dispatch), calls: () => calls };
};

const outcome = (dispatch: Dispatcher.Dispatch, method: Dispatcher.HttpMethod) =>
  new Promise<number | string>((resolve) => {
    dispatch(
      { origin: "http://api", path: "/", method },
      {
        onResponseStart: (_controller, status) => resolve(status),
        onResponseError: (_controller, error) => resolve((error as { code?: string }).code ?? error.message),
      },
    );
  });

describe("resendOnStaleConnection: the rule", () => {
  it("sends a POST again when its connection was lost before any of it was written", async () => {
    const script = scripted(["lost before writing", "answered"]);
    expect(await outcome(script.dispatch, "POST")).toBe(200);
    expect(script.calls()).toBe(2);
  });

  it("never sends a POST again once it may have been written", async () => {
    const script = scripted(["lost after writing", "answered"]);
    expect(await outcome(script.dispatch, "POST")).toBe("ECONNRESET");
    expect(script.calls()).toBe(1);
  });

  it("sends a GET again once, and a second loss says it was already re-sent", async () => {
    const once = scripted(["lost after writing", "answered"]);
    expect(await outcome(once.dispatch, "GET")).toBe(200);
    const twice = scripted(["lost after writing", "lost after writing", "answered"]);
    expect(await outcome(twice.dispatch, "GET")).toBe(RESEND_FAILED_CODE);
    expect(twice.calls()).toBe(2);
  });
});
