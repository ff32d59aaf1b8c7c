// A `fetch` for Node built directly on undici's dispatcher API. Node's global fetch is the same
// undici underneath, but runs the whole WHATWG fetch algorithm around each call (request and
// response object graphs, CORS and cache bookkeeping); on loopback, dispatching ourselves takes
// about a quarter off a small call's latency and serves about a third more calls at 64 in flight
// (see bench/RESULTS.md at the repository root). The result is still a global `Response`, so ky and
// callers see no change.
import { Buffer } from "node:buffer";
import { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { Agent, type Dispatcher } from "undici";

export interface NodeFetchOptions {
  /** Most sockets kept per origin. Default: no limit, as Node's fetch. */
  readonly connections?: number;
  /** How long an idle socket stays open for reuse, in ms. Default: undici's 4 seconds. */
  readonly keepAliveTimeout?: number;
  /**
   * An undici dispatcher to send through instead of a new `Agent` (a `ProxyAgent`,
   * `EnvHttpProxyAgent`, `MockAgent`, ...). `close()` leaves a dispatcher given here open.
   */
  readonly dispatcher?: Dispatcher;
}

/** A `fetch` that also owns its connection pool: `close()` ends idle sockets and refuses new calls. */
export type NodeFetch = typeof globalThis.fetch & { close(): Promise<void> };

const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const NORMALIZED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"]);
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
const FETCH_INIT_KEYS = ["method", "headers", "body", "signal", "redirect"] as const;
/** Dropped when a redirect turns the request into a GET without a body. */
const BODY_HEADERS = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "content-language",
  "content-location",
  "transfer-encoding",
]);
/** Credentials of one origin must not follow a redirect to another. */
const CROSS_ORIGIN_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "host"]);
/** Bytes of a redirect's own body read to keep its socket reusable; a longer one closes the socket. */
const REDIRECT_DRAIN_LIMIT = 64 * 1024;
/** Bytes queued in a response body before the socket is paused until the reader catches up. */
const BODY_HIGH_WATER_MARK = 256 * 1024;

type Body = string | Uint8Array | Readable | null;

interface Outgoing {
  url: URL;
  method: string;
  /** Flat name/value list with lowercase names, as undici takes it. */
  headers: string[];
  body: Body;
  readonly signal: AbortSignal | null;
  readonly redirect: RequestRedirect;
}

const failed = (cause: unknown): TypeError => new TypeError("fetch failed", { cause });

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException("This operation was aborted", "AbortError");

/** undici's abort wants an Error; the caller still sees the signal's own reason. */
const asError = (reason: unknown): Error =>
  reason instanceof Error ? reason : new DOMException("This operation was aborted", "AbortError");

const hasHeader = (headers: string[], name: string): boolean => {
  for (let index = 0; index < headers.length; index += 2) if (headers[index] === name) return true;
  return false;
};

const withoutHeaders = (headers: string[], names: ReadonlySet<string>): string[] => {
  const kept: string[] = [];
  for (let index = 0; index < headers.length; index += 2) {
    const name = headers[index] as string;
    if (!names.has(name)) kept.push(name, headers[index + 1] as string);
  }
  return kept;
};

const flatHeaders = (headers: Headers): string[] => {
  const flat: string[] = [];
  headers.forEach((value, name) => {
    flat.push(name, value);
  });
  return flat;
};

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const readAll = async (stream: ReadableStream<Uint8Array>): Promise<Uint8Array> => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of chunksOf(stream)) chunks.push(chunk);
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
};

const isAsyncIterable = (value: object): value is AsyncIterable<Uint8Array> => Symbol.asyncIterator in value;

/** A fetch `BodyInit` as undici takes it, plus the content type fetch would imply for it. */
const encodeBody = async (body: BodyInit): Promise<{ body: Body; contentType: string | null }> => {
  if (typeof body === "string") return { body, contentType: "text/plain;charset=UTF-8" };
  if (body instanceof Uint8Array) return { body, contentType: null };
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body), contentType: null };
  if (ArrayBuffer.isView(body))
    return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: null };
  if (body instanceof ReadableStream) return { body: Readable.from(chunksOf(body)), contentType: null };
  if (
    !(body instanceof Blob || body instanceof FormData || body instanceof URLSearchParams) &&
    isAsyncIterable(body)
  )
    return { body: Readable.from(body), contentType: null };
  // Blob, FormData (multipart with its boundary) and URLSearchParams: let the platform encode them.
  const encoded = new Response(body);
  return {
    body: new Uint8Array(await encoded.arrayBuffer()),
    contentType: encoded.headers.get("content-type"),
  };
};

const normalizeMethod = (method: string): string => {
  const upper = method.toUpperCase();
  if (FORBIDDEN_METHODS.has(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
  return NORMALIZED_METHODS.has(upper) ? upper : method;
};

const hasFetchInit = (init: RequestInit | undefined): init is RequestInit =>
  init !== undefined && init !== null && FETCH_INIT_KEYS.some((key) => init[key] !== undefined);

/** Reads what to send from fetch's two call shapes; ky always passes a `Request`. */
const outgoing = async (input: RequestInfo | URL, init: RequestInit | undefined): Promise<Outgoing> => {
  // Options that override a Request's own are rare, and the platform merges them exactly; a signal
  // alone (how shutterkit's core hands over each attempt's) is taken as is, without a new Request.
  const signalOnly =
    init?.signal !== undefined && FETCH_INIT_KEYS.every((key) => key === "signal" || init[key] === undefined);
  const request =
    input instanceof Request
      ? hasFetchInit(init) && !signalOnly
        ? new Request(input, init)
        : input
      : undefined;
  if (request !== undefined) {
    const headers = flatHeaders(request.headers);
    // Read off the stream rather than with arrayBuffer(): the chunk is the encoded body itself,
    // where arrayBuffer() copies it (half the cost of a 200 KB upload).
    const body = request.body === null ? null : await readAll(request.body);
    return {
      url: new URL(request.url),
      method: request.method,
      headers,
      body,
      signal: signalOnly ? (init?.signal ?? null) : request.signal,
      redirect: request.redirect,
    };
  }
  const url = input instanceof URL ? new URL(input.href) : new URL(String(input));
  if (url.username !== "" || url.password !== "")
    throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${url.origin}`);
  const method = normalizeMethod(init?.method ?? "GET");
  const headers = init?.headers === undefined ? [] : flatHeaders(new Headers(init.headers));
  let body: Body = null;
  if (init?.body !== undefined && init.body !== null) {
    if (method === "GET" || method === "HEAD")
      throw new TypeError("Request with GET/HEAD method cannot have body.");
    const encoded = await encodeBody(init.body);
    body = encoded.body;
    if (encoded.contentType !== null && !hasHeader(headers, "content-type"))
      headers.push("content-type", encoded.contentType);
  }
  return { url, method, headers, body, signal: init?.signal ?? null, redirect: init?.redirect ?? "follow" };
};

/** What Node's fetch would add: the platform's defaults, and compression it can undo. */
const withDefaults = (headers: string[]): string[] => {
  if (!hasHeader(headers, "accept")) headers.push("accept", "*/*");
  if (!hasHeader(headers, "accept-encoding")) headers.push("accept-encoding", "gzip, deflate, br");
  if (!hasHeader(headers, "user-agent")) headers.push("user-agent", "node");
  return headers;
};

type Decoder = ReturnType<typeof createGunzip>;

/** Decoders for the response's content codings, outermost last; none when one is unknown. */
const decodersFor = (contentEncoding: string | undefined): Decoder[] => {
  if (contentEncoding === undefined) return [];
  const codings = contentEncoding.toLowerCase().split(",");
  const decoders: Decoder[] = [];
  for (let index = codings.length - 1; index >= 0; index--) {
    const coding = (codings[index] as string).trim();
    if (coding === "" || coding === "identity") continue;
    if (coding === "gzip" || coding === "x-gzip") decoders.push(createGunzip());
    else if (coding === "deflate") decoders.push(createInflate());
    else if (coding === "br") decoders.push(createBrotliDecompress());
    else {
      for (const decoder of decoders) decoder.destroy();
      return [];
    }
  }
  return decoders;
};

const firstValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

type HeaderRecord = Record<string, string | string[] | undefined>;

/** Response headers as `new Response` takes them; repeated headers stay separate values. */
const responseHeaders = (headers: HeaderRecord): Record<string, string> | Array<[string, string]> => {
  let simple = true;
  for (const name in headers) {
    if (typeof headers[name] !== "string") {
      simple = false;
      break;
    }
  }
  if (simple) return headers as Record<string, string>;
  const pairs: Array<[string, string]> = [];
  for (const name in headers) {
    const value = headers[name];
    if (typeof value === "string") pairs.push([name, value]);
    else if (value !== undefined) for (const item of value) pairs.push([name, item]);
  }
  return pairs;
};

/**
 * A body nobody reads nor cancels would hold its paused socket until undici's body timeout. Once
 * its Response is garbage and no reader holds the stream, the request is aborted instead, as
 * Node's fetch does. (A reader may outlive the Response: `for await (const c of response.body)`.)
 */
const abandoned = new FinalizationRegistry<() => void>((abort) => abort());

type Exchange =
  | { readonly kind: "response"; readonly response: Response }
  | { readonly kind: "redirect"; readonly status: number; readonly location: string };

/**
 * Sends one request and settles once the status and headers are in, as fetch does. The body
 * streams into the Response afterwards, pausing the socket while the reader lags behind.
 */
const exchange = (dispatcher: Dispatcher, request: Outgoing): Promise<Exchange> =>
  new Promise<Exchange>((resolvePromise, rejectPromise) => {
    // Dropped once settled: the resolved promise holds the Response, and closures of this scope
    // outlive it (the dispatcher holds the handler, the finalizer below holds `abandon`).
    let pending: { resolve: (value: Exchange) => void; reject: (error: unknown) => void } | undefined = {
      resolve: resolvePromise,
      reject: rejectPromise,
    };
    const settle = () => {
      const settling = pending;
      pending = undefined;
      return settling;
    };
    const signal = request.signal;
    let controller: Dispatcher.DispatchController | undefined;
    let aborted: Error | undefined;
    let finished = false;
    let body: ReadableStreamDefaultController<Uint8Array> | undefined;
    let bodyStream: ReadableStream<Uint8Array> | undefined;
    let decoders: Decoder[] = [];
    let sink: ((chunk: Buffer) => void) | undefined;
    let end: (() => void) | undefined;
    let drained = 0;

    let watched = false;
    const finish = () => {
      finished = true;
      signal?.removeEventListener("abort", onAbort);
      if (watched) abandoned.unregister(handler);
    };
    const failBody = (error: unknown) => {
      if (finished) return;
      finish();
      for (const decoder of decoders) decoder.destroy();
      body?.error(error);
    };
    const fail = (error: unknown) => {
      if (pending !== undefined) {
        finish();
        settle()?.reject(failed(error));
      } else failBody(new TypeError("terminated", { cause: error }));
    };
    const abandon = () => {
      if (finished || bodyStream?.locked) return;
      const reason = new Error("response body abandoned unread");
      failBody(reason);
      controller?.abort(reason);
    };
    function onAbort(this: AbortSignal) {
      const reason = abortReason(this);
      aborted = asError(reason);
      // Settled before undici hears of it: its abort reports back synchronously as an error.
      if (pending !== undefined) {
        finish();
        settle()?.reject(reason);
      } else failBody(reason);
      controller?.abort(aborted);
    }

    const start = (status: number, headers: HeaderRecord, statusText: string): Exchange => {
      const location = firstValue(headers.location);
      if (request.redirect !== "manual" && REDIRECT_STATUSES.has(status) && location !== undefined) {
        // The redirect's own body is read and dropped so the socket can serve the next request.
        sink = (chunk) => {
          drained += chunk.length;
          if (drained > REDIRECT_DRAIN_LIMIT) controller?.abort(new Error("redirect body too long"));
        };
        end = finish;
        return { kind: "redirect", status, location };
      }
      const init = { status, statusText, headers: responseHeaders(headers) };
      if (request.method === "HEAD" || NULL_BODY_STATUSES.has(status)) {
        sink = () => undefined;
        end = finish;
        return { kind: "response", response: new Response(null, init) };
      }
      decoders = decodersFor(firstValue(headers["content-encoding"]));
      const stream = new ReadableStream<Uint8Array>(
        {
          start(streamController) {
            body = streamController;
          },
          pull() {
            for (const decoder of decoders) decoder.resume();
            controller?.resume();
          },
          cancel(reason) {
            if (finished) return;
            finish();
            for (const decoder of decoders) decoder.destroy();
            controller?.abort(asError(reason));
          },
        },
        { highWaterMark: BODY_HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
      );
      const enqueue = (chunk: Uint8Array) => {
        if (finished || body === undefined) return;
        body.enqueue(chunk);
        if ((body.desiredSize ?? 0) <= 0) {
          controller?.pause();
          for (const decoder of decoders) decoder.pause();
        }
      };
      const last = decoders.at(-1);
      const first = decoders[0];
      if (first === undefined || last === undefined) {
        sink = enqueue;
        end = () => {
          if (finished) return;
          finish();
          body?.close();
        };
      } else {
        for (let index = 1; index < decoders.length; index++)
          (decoders[index - 1] as Decoder).pipe(decoders[index] as Decoder);
        for (const decoder of decoders)
          decoder.on("error", (error) => failBody(new TypeError("terminated", { cause: error })));
        last.on("data", enqueue);
        last.on("end", () => {
          if (finished) return;
          finish();
          body?.close();
        });
        sink = (chunk) => {
          if (!finished) first.write(chunk);
        };
        end = () => {
          if (!finished) first.end();
        };
      }
      bodyStream = stream;
      const response = new Response(stream, init);
      // A body that arrived with its headers (most API answers) is complete before anyone can
      // abandon it: only one still streaming is watched. Registering every response and
      // unregistering it a moment later churned the registry's tables, which cost as much garbage
      // collection as the rest of a call under concurrency.
      queueMicrotask(() => {
        if (finished) return;
        watched = true;
        abandoned.register(response, abandon, handler);
      });
      return { kind: "response", response };
    };

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(dispatchController) {
        controller = dispatchController;
        if (aborted !== undefined) dispatchController.abort(aborted);
      },
      onResponseStart(_dispatchController, status, headers, statusMessage) {
        const settling = settle();
        if (settling === undefined) return;
        try {
          settling.resolve(start(status, headers, statusMessage ?? ""));
        } catch (error) {
          // A status or header the Response constructor refuses.
          finish();
          controller?.abort(asError(error));
          settling.reject(failed(error));
        }
      },
      onResponseData(_dispatchController, chunk) {
        sink?.(chunk);
      },
      onResponseEnd() {
        end?.();
      },
      onResponseError(_dispatchController, error) {
        fail(error);
      },
    };

    if (signal !== null) {
      if (signal.aborted) {
        settle()?.reject(abortReason(signal));
        return;
      }
      signal.addEventListener("abort", onAbort, { once: true });
    }
    const { url } = request;
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: url.pathname + url.search,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
        },
        handler,
      );
    } catch (error) {
      fail(error);
    }
  });

/** Where a redirect leads and what is sent there, following fetch's rules; throws when it cannot. */
const redirected = (request: Outgoing, status: number, location: string): Outgoing => {
  if (request.redirect === "error") throw failed(new Error("unexpected redirect"));
  let next: URL;
  try {
    next = new URL(location, request.url);
  } catch (error) {
    throw failed(error);
  }
  if (next.protocol !== "http:" && next.protocol !== "https:")
    throw failed(new Error(`URL scheme must be a HTTP(S) scheme: ${next.protocol}`));
  let { method, headers, body } = request;
  if (
    ((status === 301 || status === 302) && method === "POST") ||
    (status === 303 && method !== "GET" && method !== "HEAD")
  ) {
    method = "GET";
    body = null;
    headers = withoutHeaders(headers, BODY_HEADERS);
  } else if (body instanceof Readable)
    throw failed(new Error("cannot follow a redirect with a streamed request body"));
  if (next.origin !== request.url.origin) headers = withoutHeaders(headers, CROSS_ORIGIN_HEADERS);
  return { ...request, url: next, method, headers, body };
};

/** `new Response` cannot set these; fetch reports the URL the response came from. */
const withUrl = (response: Response, url: URL, redirected: boolean): Response => {
  Object.defineProperty(response, "url", { value: url.href });
  if (redirected) Object.defineProperty(response, "redirected", { value: true });
  return response;
};

const fetchThrough = (getDispatcher: () => Dispatcher): typeof globalThis.fetch =>
  async function fetchViaUndici(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let request: Outgoing;
    try {
      request = await outgoing(input, init);
    } catch (error) {
      throw error instanceof TypeError ? error : new TypeError(String(error), { cause: error });
    }
    request.headers = withDefaults(request.headers);
    const dispatcher = getDispatcher();
    for (let count = 0; ; count++) {
      const result = await exchange(dispatcher, request);
      if (result.kind === "response") return withUrl(result.response, request.url, count > 0);
      if (count >= MAX_REDIRECTS) throw failed(new Error("redirect count exceeded"));
      request = redirected(request, result.status, result.location);
    }
  };

const makeAgent = (options: NodeFetchOptions): Dispatcher =>
  new Agent({
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    ...(options.keepAliveTimeout === undefined ? {} : { keepAliveTimeout: options.keepAliveTimeout }),
  });

/**
 * A `fetch` for the shutterkit client (`createShutterstock({ fetch: createNodeFetch() })`) or any
 * code that takes one: same call shapes, a real `Response`, abort through `signal`, redirects
 * followed, gzip/deflate/br bodies decoded, network failures as `TypeError("fetch failed")` whose
 * `cause` carries undici's `code`. Idle sockets never keep the process alive.
 */
export const createNodeFetch = (options: NodeFetchOptions = {}): NodeFetch => {
  const own = options.dispatcher === undefined ? makeAgent(options) : undefined;
  const dispatcher = options.dispatcher ?? (own as Dispatcher);
  return Object.assign(
    fetchThrough(() => dispatcher),
    { close: async () => own?.close() },
  );
};

let shared: Dispatcher | undefined;

/**
 * The adapter's default transport: a {@link createNodeFetch} whose pool is created on its first
 * call. `close()` ends its sockets; a later call opens a new pool.
 */
export const nodeFetch: NodeFetch = Object.assign(
  fetchThrough(() => {
    shared ??= makeAgent({});
    return shared;
  }),
  {
    close: async () => {
      const closing = shared;
      shared = undefined;
      await closing?.close();
    },
  },
);
