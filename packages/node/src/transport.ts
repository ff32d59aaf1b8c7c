// The Node transport: an undici `Agent` of this package's undici version with one addition,
// `resendOnStaleConnection`, under a `fetch`. Node's own fetch is another copy of undici: where it
// shares this one's major version (Node 24), whose Dispatcher API is the same, it takes the Agent as
// its `dispatcher`; elsewhere (Node 20 and 22 bundle undici 6) undici's own `fetch` sends, and what
// crosses the boundary is the platform's own: a global `Request` from ky is read into undici's
// fetch, and the answer is a global `Response`.
import { createRequire } from "node:module";
import { Agent, type Dispatcher, fetch as undiciFetch } from "undici";
import { resendOnStaleConnection } from "./stale-connection.ts";

/** The pool of a {@link createNodeFetch}: options of undici's `Agent` that matter to an API client. */
export interface NodeFetchOptions {
  /** Most sockets kept per origin. Default: no limit, as Node's fetch. */
  readonly connections?: number;
  /**
   * How long an idle socket stays open for reuse, in ms, when the server's `Keep-Alive` header does
   * not say (a server's hint, less 2 s, wins). Default: undici's 4 seconds.
   */
  readonly keepAliveTimeout?: number;
  /**
   * Requests in flight on one socket at once (HTTP/1.1 pipelining). Default 1, as Node's fetch: a
   * pipelined request is lost with the one ahead of it when the connection breaks.
   */
  readonly pipelining?: number;
  /**
   * An undici dispatcher to send through instead of a new `Agent` (a `ProxyAgent`,
   * `EnvHttpProxyAgent`, `MockAgent`, ...). It gets the same re-send rule; `close()` leaves it open.
   */
  readonly dispatcher?: Dispatcher;
}

/** A `fetch` that also owns its connection pool: `close()` ends idle sockets and refuses new calls. */
export type NodeFetch = typeof globalThis.fetch & { close(): Promise<void> };

type UndiciInit = NonNullable<Parameters<typeof undiciFetch>[1]>;
type UndiciResponse = Awaited<ReturnType<typeof undiciFetch>>;
type UndiciHeaders = NonNullable<UndiciInit["headers"]>;

/** The fields of `RequestInit` that make fetch build a new request rather than take a `Request` as is. */
const REQUEST_INIT_KEYS = [
  "method",
  "headers",
  "body",
  "redirect",
  "referrer",
  "integrity",
  "keepalive",
] as const;

const hasRequestInit = (init: RequestInit | undefined): boolean =>
  init !== undefined && init !== null && REQUEST_INIT_KEYS.some((key) => init[key] !== undefined);

/** The bytes of a stream; one chunk (a `Request` built from a string) is taken without a copy. */
const readAll = async (stream: ReadableStream<Uint8Array>): Promise<Uint8Array> => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
};

/**
 * undici's fetch takes a global `Request` for a string (the two undici copies cannot read each
 * other's internals), so its parts are handed over. The body is read whole, so redirects (307,
 * 308) and a re-send can send it again; a streaming upload is passed as `init.body` instead.
 */
const fromRequest = async (
  request: Request,
  signal: AbortSignal | null | undefined,
): Promise<UndiciInit> => ({
  method: request.method,
  // A platform `Headers` is an iterable of pairs, which undici's `HeadersInit` takes.
  headers: request.headers as unknown as UndiciHeaders,
  body: request.body === null ? null : await readAll(request.body),
  signal: signal ?? request.signal,
  redirect: request.redirect,
});

/** Platform `FormData` is another class than undici's: the platform encodes it (with its boundary). */
const withPlatformBody = async (init: RequestInit): Promise<UndiciInit> => {
  // A copy: the dispatcher is set on it, and the caller's init is not ours to change.
  if (!(init.body instanceof FormData)) return { ...(init as UndiciInit) };
  const encoded = new Response(init.body);
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", encoded.headers.get("content-type") ?? "");
  return {
    ...(init as UndiciInit),
    headers: headers as unknown as UndiciHeaders,
    body: new Uint8Array(await encoded.arrayBuffer()),
  };
};

/**
 * undici's `Response` as the platform's, so `instanceof Response` holds for callers. The body
 * stream is the same object; the original is kept alive as long as the copy, because undici
 * cancels the body of a `Response` collected unread (which frees the socket of a body nobody reads).
 */
const originals = new WeakMap<Response, UndiciResponse>();

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const toPlatform = (response: UndiciResponse): Response => {
  const body = NULL_BODY_STATUSES.has(response.status) ? null : (response.body as ReadableStream | null);
  const platform = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers as unknown as Headers,
  });
  Object.defineProperty(platform, "url", { value: response.url });
  if (response.redirected) Object.defineProperty(platform, "redirected", { value: true });
  originals.set(platform, response);
  return platform;
};

const majorOf = (version: string | undefined): string | undefined => version?.split(".")[0];

/**
 * Node's own fetch, when its undici takes this package's dispatcher: it sends a ky `Request` as it
 * is and answers with the platform's `Response`, about 0.08 ms of CPU a call less than undici's
 * fetch and the copying between the two (bench/src/cpu.ts, "ky 2 alone on the Node transport").
 */
const platformFetch: typeof globalThis.fetch | undefined =
  majorOf(process.versions.undici) ===
  majorOf((createRequire(import.meta.url)("undici/package.json") as { version: string }).version)
    ? globalThis.fetch
    : undefined;

const fetchThrough = (getDispatcher: () => Dispatcher): typeof globalThis.fetch => {
  if (platformFetch !== undefined)
    return function nodeTransportFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      return platformFetch(input, { ...init, dispatcher: getDispatcher() } as RequestInit);
    };
  return undiciTransport(getDispatcher);
};

const undiciTransport = (getDispatcher: () => Dispatcher): typeof globalThis.fetch =>
  async function nodeTransportFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let undiciInit: UndiciInit;
    let target: string | URL;
    if (input instanceof Request) {
      const request = hasRequestInit(init) ? new Request(input, init) : input;
      target = request.url;
      undiciInit = await fromRequest(request, hasRequestInit(init) ? undefined : init?.signal);
    } else {
      target = input;
      undiciInit = init === undefined ? {} : await withPlatformBody(init);
    }
    undiciInit.dispatcher = getDispatcher();
    return toPlatform(await undiciFetch(target, undiciInit));
  };

const makeAgent = (options: NodeFetchOptions): Dispatcher =>
  new Agent({
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    ...(options.keepAliveTimeout === undefined ? {} : { keepAliveTimeout: options.keepAliveTimeout }),
    ...(options.pipelining === undefined ? {} : { pipelining: options.pipelining }),
  });

/**
 * A `fetch` for the shutterkit client (`createClient({ fetch: createNodeFetch() })`) or any code
 * that takes one: undici's fetch on a pool of its own. Same call shapes, a platform `Response`,
 * abort through the `Request`'s or `init`'s `signal`, redirects followed, compressed bodies
 * decoded, network failures as `TypeError("fetch failed")` whose `cause` carries undici's `code`.
 * A request whose connection broke before any response byte is sent again once (see
 * `resendOnStaleConnection`: a POST only if none of it was written). Idle sockets never keep the
 * process alive.
 */
export const createNodeFetch = (options: NodeFetchOptions = {}): NodeFetch => {
  const own = options.dispatcher === undefined ? makeAgent(options) : undefined;
  const dispatcher = (options.dispatcher ?? (own as Dispatcher)).compose(resendOnStaleConnection);
  return Object.assign(
    fetchThrough(() => dispatcher),
    { close: async () => own?.close() },
  );
};

let shared: { readonly agent: Dispatcher; readonly dispatcher: Dispatcher } | undefined;

/**
 * The adapter's default transport: a {@link createNodeFetch} whose pool is created on its first
 * call. `close()` ends its sockets; a later call opens a new pool.
 */
export const nodeFetch: NodeFetch = Object.assign(
  fetchThrough(() => {
    if (shared === undefined) {
      const agent = makeAgent({});
      shared = { agent, dispatcher: agent.compose(resendOnStaleConnection) };
    }
    return shared.dispatcher;
  }),
  {
    close: async () => {
      const closing = shared;
      shared = undefined;
      await closing?.agent.close();
    },
  },
);
