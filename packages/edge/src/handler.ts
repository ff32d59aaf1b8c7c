// The proxy: a fetch handler that serves an allowlist of API operations to browsers under the API's
// own paths (`/v2/images/search?query=cat`), calling the API with the server's credentials through
// core's client, so core's client in a browser can use the proxy as its `baseUrl`.
import {
  type Credentials,
  makeShutterstock,
  type OperationDescriptor,
  readParams,
  type ShutterstockConfig,
} from "@shutterkit/core";
import { Effect } from "effect";
import { type CacheOptions, cacheKey, makeEdgeCache } from "./cache.ts";
import { ProxyConfigError } from "./config-error.ts";
import { type CorsOptions, makeCors } from "./cors.ts";
import { type Problem, problemFromUnknown, problemResponse } from "./problem.ts";
import { makeRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { type AllowEntry, buildRouteTable, type Route, unsafePathValue } from "./routes.ts";

/** Upstream client settings the proxy lets you tune; credentials and decoding are the proxy's business. */
export type UpstreamOptions = Pick<
  ShutterstockConfig,
  "timeout" | "totalTimeout" | "retry" | "fetch" | "userAgent"
>;

export interface ProxyLogEntry {
  readonly method: string;
  /** The operation's path template, never the filled URL (queries may hold what users typed). */
  readonly route: string | undefined;
  readonly operationId: string | undefined;
  readonly status: number;
  readonly cache: "hit" | "miss" | "bypass";
  readonly durationMs: number;
  /** The problem code for failures, e.g. `NotFound`, `RateLimited`. */
  readonly problem?: string;
}

export interface ProxyOptions {
  /** The server-side credentials added to every upstream call. Never sent to browsers. */
  readonly credentials: Credentials;
  /** API origin. Default `https://api.shutterstock.com`; point it at the sandbox for local work. */
  readonly baseUrl?: string | URL;
  /** The operations exposed; everything else answers 404. See {@link AllowRule} for writes and purchases. */
  readonly allow: ReadonlyArray<AllowEntry>;
  readonly cors: CorsOptions;
  /** Edge cache for successful GETs of public data; `false` turns it off. Default `{ ttl: 60 }`. */
  readonly cache?: CacheOptions | false;
  /** Per-client rate limit; `false` turns it off. Default 60 requests burst, 1 per second after. */
  readonly rateLimit?: RateLimitOptions | false;
  /**
   * Where the proxy is mounted, e.g. `/api/shutterstock` (then `/api/shutterstock/v2/images/search`).
   * Default `""`: the API's paths at the root, which is what core's client expects of a `baseUrl`.
   */
  readonly pathPrefix?: string;
  /** Largest JSON request body accepted, in bytes. Default 8 MiB (base64 image uploads). */
  readonly maxBodyBytes?: number;
  readonly upstream?: UpstreamOptions;
  /** One entry per request; entries never hold credentials, queries or bodies. */
  readonly onLog?: (entry: ProxyLogEntry) => void;
}

/** What a platform offers to keep work alive after the response (Cloudflare's `ctx`). */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void;
}

export type ProxyHandler = (request: Request, context?: WaitUntilContext) => Promise<Response>;

/** Picks descriptors by operationId from a catalogue such as core's `operations`. */
export const byOperationId = <C extends Readonly<Record<string, OperationDescriptor>>>(
  catalog: C,
  ids: ReadonlyArray<keyof C & string>,
): ReadonlyArray<OperationDescriptor> =>
  ids.map((id) => {
    const descriptor = catalog[id];
    if (descriptor === undefined) throw new ProxyConfigError(`unknown operation ${id}`);
    return descriptor;
  });

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

/** Reads at most `limit` bytes of the body, so an oversized upload is refused without buffering it all. */
const readBody = async (request: Request, limit: number): Promise<string> => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new ProblemError({
      status: 413,
      code: "PayloadTooLarge",
      title: "Request body too large",
      detail: `The body exceeds ${limit} bytes`,
    });
  if (declared > limit) throw tooLarge();
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
};

const jsonBody = async (request: Request, route: Route, limit: number): Promise<unknown> => {
  const type = request.headers.get("content-type") ?? "";
  const text = await readBody(request, limit);
  if (text === "") return undefined;
  if (!JSON_TYPE.test(type))
    throw new ProblemError({
      status: 415,
      code: "UnsupportedMediaType",
      title: "JSON expected",
      detail: `${route.descriptor.operationId} takes an application/json body`,
      operationId: route.descriptor.operationId,
    });
  try {
    return JSON.parse(text);
  } catch {
    throw new ProblemError({
      status: 400,
      code: "MalformedJson",
      title: "Malformed JSON",
      detail: "The request body is not valid JSON",
      operationId: route.descriptor.operationId,
    });
  }
};

const normalizePrefix = (prefix: string | undefined): string => {
  if (prefix === undefined || prefix === "" || prefix === "/") return "";
  if (!prefix.startsWith("/")) throw new ProxyConfigError(`pathPrefix must start with "/": ${prefix}`);
  return prefix.replace(/\/+$/, "");
};

/** The proxy as a fetch handler: `export default { fetch: createProxyHandler(options) }` style. */
export const createProxyHandler = (options: ProxyOptions): ProxyHandler => {
  const table = buildRouteTable(options.allow);
  const cors = makeCors(options.cors);
  const cache = options.cache === false ? undefined : makeEdgeCache(options.cache ?? {});
  const limiter =
    options.rateLimit === false
      ? undefined
      : makeRateLimiter(options.rateLimit ?? { capacity: 60, refillPerSecond: 1 });
  const prefix = normalizePrefix(options.pathPrefix);
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const upstream = options.upstream ?? {};
  const client = makeShutterstock({
    timeout: 15_000,
    totalTimeout: 25_000,
    retry: { maxAttempts: 3, maxRetryAfter: 5_000 },
    userAgent: "shutterkit-edge",
    ...upstream,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    credentials: options.credentials,
    // JSON is passed through: the browser's client decodes it against the contract itself.
    decodeResponses: false,
  });

  const cacheTtlOf = (route: Route): number => {
    if (cache === undefined || route.descriptor.method !== "GET") return 0;
    return route.cacheTtl ?? (route.publicData ? cache.ttl : 0);
  };

  const serve = async (
    request: Request,
    url: URL,
    path: string,
    headers: Headers,
    context: WaitUntilContext | undefined,
    note: (route: Route, cacheState: ProxyLogEntry["cache"]) => void,
  ): Promise<Response> => {
    const match = table.find(request.method, path);
    if (match.kind === "none")
      throw new ProblemError({
        status: 404,
        code: "RouteNotFound",
        title: "Not found",
        detail: `No operation is exposed at ${path}`,
      });
    if (match.kind === "method")
      throw new ProblemError({
        status: 405,
        code: "MethodNotAllowed",
        title: "Method not allowed",
        detail: `${request.method} is not exposed at ${path}`,
        allow: match.methods,
      });
    const { route, pathValues } = match;
    const descriptor = route.descriptor;
    note(route, "bypass");
    if (!route.permitted)
      throw new ProblemError({
        status: 403,
        code: "OperationNotAllowed",
        title: "Operation not allowed",
        detail:
          route.access === "purchase"
            ? `${descriptor.operationId} licenses content (a purchase) and is not enabled on this proxy`
            : `${descriptor.operationId} changes account data and is not enabled on this proxy`,
        operationId: descriptor.operationId,
      });
    const unsafe = unsafePathValue(pathValues);
    if (unsafe !== undefined)
      throw new ProblemError({
        status: 400,
        code: "InvalidRequest",
        title: "Invalid request",
        detail: `${descriptor.operationId}: path parameter ${unsafe} is not a valid identifier`,
        operationId: descriptor.operationId,
        errors: [{ message: "not a valid identifier", path: unsafe, code: "invalid" }],
      });

    const ttl = cacheTtlOf(route);
    const key = ttl > 0 ? cacheKey(url) : undefined;
    if (cache !== undefined && key !== undefined) {
      const hit = await cache.get(key).catch(() => undefined);
      if (hit !== undefined) {
        note(route, "hit");
        headers.set("content-type", hit.headers.get("content-type") ?? "application/json");
        headers.set("cache-control", `public, max-age=${ttl}`);
        headers.set("x-shutterkit-cache", "hit");
        return new Response(hit.body, { status: hit.status, headers });
      }
    }

    // Only declared parameters are read; no client header (Authorization, Cookie) is ever relayed.
    const params = readParams(descriptor, pathValues, url.searchParams);
    const body = descriptor.body === undefined ? undefined : await jsonBody(request, route, maxBodyBytes);
    const result = await Effect.runPromise(
      client.execute(descriptor, body === undefined ? { params } : { params, body }),
      { signal: request.signal },
    );

    if (key !== undefined) {
      note(route, "miss");
      headers.set("x-shutterkit-cache", "miss");
    }
    headers.set("cache-control", ttl > 0 ? `public, max-age=${ttl}` : "private, no-store");
    if (result === undefined) return new Response(null, { status: 204, headers });
    const text = JSON.stringify(result);
    headers.set("content-type", "application/json");
    if (cache !== undefined && key !== undefined) {
      const stored = cache.put(key, text, descriptor.response.status, ttl).catch(() => undefined);
      if (context === undefined) await stored;
      else context.waitUntil(stored);
    }
    return new Response(text, { status: descriptor.response.status, headers });
  };

  return async (request, context) => {
    const started = Date.now();
    let route: Route | undefined;
    let cacheState: ProxyLogEntry["cache"] = "bypass";
    const note = (matched: Route, state: ProxyLogEntry["cache"]) => {
      route = matched;
      cacheState = state;
    };
    const origin = request.headers.get("origin");
    const corsHeaders = cors.headersFor(origin);
    let response: Response;
    let problemCode: string | undefined;
    try {
      if (corsHeaders === undefined || (origin === null && !cors.allowMissingOrigin))
        throw new ProblemError({
          status: 403,
          code: "OriginNotAllowed",
          title: "Origin not allowed",
          detail: "This origin may not use the proxy",
        });
      const headers = corsHeaders ?? new Headers();
      const url = new URL(request.url);
      if (prefix !== "" && !(url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)))
        throw new ProblemError({
          status: 404,
          code: "RouteNotFound",
          title: "Not found",
          detail: "Outside the proxy's path",
        });
      const path = url.pathname.slice(prefix.length);

      const preflightMethod = request.headers.get("access-control-request-method");
      if (request.method === "OPTIONS" && origin !== null && preflightMethod !== null) {
        const methods = table.methodsAt(path);
        if (methods.length === 0)
          throw new ProblemError({
            status: 404,
            code: "RouteNotFound",
            title: "Not found",
            detail: `No operation at ${path}`,
          });
        response = new Response(null, {
          status: 204,
          headers: cors.preflight(origin, methods, request.headers.get("access-control-request-headers")),
        });
      } else {
        if (limiter !== undefined) {
          const verdict = limiter.take(limiter.keyOf(request.headers));
          if (!verdict.ok)
            throw new ProblemError({
              status: 429,
              code: "TooManyRequests",
              title: "Too many requests",
              detail: `Slow down: retry in ${verdict.retryAfter} s`,
              retryAfter: verdict.retryAfter,
            });
        }
        response = await serve(request, url, path, headers, context, note);
      }
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : problemFromUnknown(error);
      problemCode = problem.code;
      response = problemResponse(
        problem,
        problem.code === "OriginNotAllowed" ? new Headers() : (corsHeaders ?? new Headers()),
      );
    }
    if (options.onLog !== undefined) {
      const matched = route as Route | undefined;
      try {
        options.onLog({
          method: request.method,
          route: matched?.descriptor.path,
          operationId: matched?.descriptor.operationId,
          status: response.status,
          cache: cacheState,
          durationMs: Date.now() - started,
          ...(problemCode === undefined ? {} : { problem: problemCode }),
        });
      } catch {
        // A failing log hook must not fail the request.
      }
    }
    return response;
  };
};
