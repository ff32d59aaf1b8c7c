// The proxy: a fetch handler that serves an allowlist of API operations to browsers under the API's
// own paths (`/v2/images/search?query=cat`), calling the API with the server's credentials, so core's
// client in a browser can use the proxy as its `baseUrl`. Nothing here loads Effect or a schema
// library: routes come from `@shutterkit/core/routes`, and upstream calls are plain `fetch`.
import type { Credentials as CoreCredentials } from "@shutterkit/core";
import { type RouteDescriptor, readParams } from "@shutterkit/core/routes";
import { type CacheOptions, cacheKey, makeEdgeCache } from "./cache.ts";
import {
  type AnonymousCaller,
  type Authorize,
  anonymous,
  type Caller,
  callerMay,
  isAnonymous,
  isRefusal,
  type Verdict,
} from "./caller.ts";
import { ProxyConfigError } from "./config-error.ts";
import { type CorsOptions, makeCors } from "./cors.ts";
import { authorizationOf, type Credentials } from "./credentials.ts";
import { within } from "./deadline.ts";
import { ProblemError, problemFromUnknown, problemResponse } from "./problem.ts";
import {
  clientAddress,
  DEFAULT_ADDRESS_HEADERS,
  isRateLimiter,
  memoryRateLimiter,
  type RateLimiter,
  type RateLimitOptions,
} from "./rate-limit.ts";
import { callerNotAllowed, readOnly, refusal } from "./refusals.ts";
import { invalidRequest, jsonBody, paramIssues } from "./request.ts";
import { type AllowEntry, buildRouteTable, type Route, unsafePathValue } from "./routes.ts";
import { makeUpstream, type UpstreamOptions } from "./upstream.ts";

export type { UpstreamOptions } from "./upstream.ts";

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
  /** The caller's id as `authorize` named it; absent for anonymous and refused callers. */
  readonly caller?: string;
}

/** The settings every proxy takes, whatever its credentials and caller check. */
export interface ProxySettings {
  /** API origin. Default `https://api.shutterstock.com`; point it at the sandbox for local work. */
  readonly baseUrl?: string | URL;
  /** The operations exposed; everything else answers 404. See {@link AllowRule} for writes and purchases. */
  readonly allow: ReadonlyArray<AllowEntry>;
  readonly cors: CorsOptions;
  /** Edge cache for successful GETs of public data; `false` turns it off. Default `{ ttl: 60 }`. */
  readonly cache?: CacheOptions | false;
  /**
   * Per-caller rate limit: a {@link RateLimiter} (Durable Object, Cloudflare's binding, Upstash),
   * or the in-memory token bucket's settings; `false` turns it off. Default in memory, 60 requests
   * burst and 1 per second after, counted per isolate.
   */
  readonly rateLimit?: RateLimitOptions | RateLimiter | false;
  /**
   * Headers naming an anonymous caller's address, the rate-limit key of callers `authorize` did not
   * name; first present wins. Default `cf-connecting-ip`, `x-real-ip`, then the first address of
   * `x-forwarded-for`. Only list headers your platform sets itself.
   */
  readonly clientAddressHeaders?: ReadonlyArray<string>;
  /**
   * Milliseconds `authorize`, and then the rate limiter, may each take before the proxy answers 503
   * and proxies nothing. Default 10,000.
   */
  readonly checkTimeout?: number;
  /**
   * Where the proxy is mounted, e.g. `/api/shutterstock` (then `/api/shutterstock/v2/images/search`).
   * Default `""`: the API's paths at the root, which is what core's client expects of a `baseUrl`.
   */
  readonly pathPrefix?: string;
  /** Largest JSON request body accepted, in bytes. Default 8 MiB (base64 image uploads). */
  readonly maxBodyBytes?: number;
  /** Timeout (15 s), `fetch` and `User-Agent` of the calls to the API. The proxy never retries them. */
  readonly upstream?: UpstreamOptions;
  /** One entry per request; entries never hold credentials, queries or bodies. */
  readonly onLog?: (entry: ProxyLogEntry) => void;
}

/**
 * Who may call the proxy; one of the two is required. `authorize` checks each caller (a signed
 * token, a session) and names it, with the grants that let it write or buy. `public: true` serves
 * the read operations to anyone and refuses every write and purchase.
 */
export type CallerCheck<Env = undefined> =
  | { readonly authorize: Authorize<Env>; readonly public?: false }
  | { readonly public: true; readonly authorize?: undefined };

export type ProxyOptions = ProxySettings &
  CallerCheck & {
    /**
     * The server-side credentials added to every upstream call. Never sent to browsers. `Credentials`
     * from this package, or core's (`createProxyHandler` only; reading those loads Effect's `Redacted`).
     */
    readonly credentials: Credentials | CoreCredentials;
  };

/** What a platform offers to keep work alive after the response (Cloudflare's `ctx`). */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void;
}

export type ProxyHandler = (request: Request, context?: WaitUntilContext) => Promise<Response>;

/** The options with the proxy's own credentials: what the handler runs on, Effect-free. */
export type EdgeProxyOptions<Env = undefined> = ProxySettings &
  CallerCheck<Env> & { readonly credentials: Credentials };

/** The handler with the platform's environment, which `authorize` receives. */
export type EnvAwareHandler<Env> = (
  request: Request,
  env: Env,
  context?: WaitUntilContext,
) => Promise<Response>;

type CallerMode<Env> =
  | { readonly kind: "authorize"; readonly authorize: Authorize<Env> }
  | { readonly kind: "public" };

/**
 * Which caller check the options choose, checked when the handler is built so that a proxy that
 * would serve anyone by omission never starts.
 */
export const callerModeOf = <Env>(options: {
  readonly authorize?: unknown;
  readonly public?: unknown;
}): CallerMode<Env> => {
  const hasAuthorize = options.authorize !== undefined;
  if (hasAuthorize && typeof options.authorize !== "function")
    throw new ProxyConfigError(
      "authorize must be a function (request, env) returning the caller or a refusal",
    );
  if (hasAuthorize && options.public === true)
    throw new ProxyConfigError(
      "set either authorize or public: true, not both (authorize can return `anonymous` for callers without credentials)",
    );
  if (hasAuthorize) return { kind: "authorize", authorize: options.authorize as Authorize<Env> };
  if (options.public === true) return { kind: "public" };
  throw new ProxyConfigError(
    "the proxy needs `authorize` (a function (request, env) that returns the caller's identity or refuse(...)) " +
      "or `public: true` (anyone may call the read operations; writes and purchases are refused). " +
      "Without either, anyone who can reach the proxy would spend its owner's quota.",
  );
};

/**
 * Picks descriptors by operationId from a catalogue such as `routes` from `@shutterkit/core/routes`
 * (or core's `operations`). In a worker, importing the operations by name instead
 * (`import { searchImages } from "@shutterkit/core/routes"`) lets the bundler drop the others.
 */
export const byOperationId = <C extends Readonly<Record<string, RouteDescriptor>>>(
  catalog: C,
  ids: ReadonlyArray<keyof C & string>,
): ReadonlyArray<C[keyof C & string]> =>
  ids.map((id) => {
    const descriptor = catalog[id];
    if (descriptor === undefined) throw new ProxyConfigError(`unknown operation ${id}`);
    return descriptor;
  });

const baseUrlOf = (baseUrl: string | URL | undefined): URL => {
  try {
    const url = new URL(baseUrl ?? "https://api.shutterstock.com");
    if (url.protocol === "https:" || url.protocol === "http:") return url;
  } catch {
    // Reported below, without the value.
  }
  throw new ProxyConfigError("baseUrl must be an http(s) URL");
};

const normalizePrefix = (prefix: string | undefined): string => {
  if (prefix === undefined || prefix === "" || prefix === "/") return "";
  if (!prefix.startsWith("/")) throw new ProxyConfigError(`pathPrefix must start with "/": ${prefix}`);
  return prefix.replace(/\/+$/, "");
};

/**
 * The handler behind `createProxyHandler` and `createEnvProxyHandler`. Takes only the proxy's own
 * credentials, so the worker path never needs Effect to read core's.
 */
export const makeProxyHandler = <Env>(options: EdgeProxyOptions<Env>): EnvAwareHandler<Env> => {
  const mode = callerModeOf<Env>(options);
  const table = buildRouteTable(options.allow);
  const cors = makeCors(options.cors, mode.kind === "authorize");
  const cache = options.cache === false ? undefined : makeEdgeCache(options.cache ?? {});
  const rateLimit = options.rateLimit ?? { capacity: 60, refillPerSecond: 1 };
  const limiter: RateLimiter | undefined =
    rateLimit === false ? undefined : isRateLimiter(rateLimit) ? rateLimit : memoryRateLimiter(rateLimit);
  const addressHeaders = (options.clientAddressHeaders ?? DEFAULT_ADDRESS_HEADERS).map((name) =>
    name.toLowerCase(),
  );
  const checkTimeout = options.checkTimeout ?? 10_000;
  if (!(Number.isFinite(checkTimeout) && checkTimeout > 0))
    throw new ProxyConfigError("checkTimeout must be a number of milliseconds > 0");
  const prefix = normalizePrefix(options.pathPrefix);
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const upstream = makeUpstream(
    baseUrlOf(options.baseUrl),
    authorizationOf(options.credentials),
    options.upstream,
  );

  const cacheTtlOf = (route: Route): number => {
    if (cache === undefined || route.descriptor.method !== "GET") return 0;
    return route.cacheTtl ?? (route.publicData ? cache.ttl : 0);
  };

  const serve = async (
    request: Request,
    url: URL,
    path: string,
    headers: Headers,
    caller: Caller | AnonymousCaller,
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
    if (!callerMay(caller, route.access))
      throw mode.kind === "public" ? readOnly(route) : callerNotAllowed(route, caller);
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

    // Only declared parameters are relayed; no client header (Authorization, Cookie) ever is.
    const params = readParams(descriptor, pathValues, url.searchParams);
    const body =
      descriptor.body === undefined ? undefined : await jsonBody(request, descriptor, maxBodyBytes);
    const issues = paramIssues(descriptor, url.searchParams, params);
    if (body === undefined && descriptor.body?.required === true)
      issues.push({ path: "body", message: "is required" });
    if (issues.length > 0) throw invalidRequest(descriptor, issues);
    const result = await upstream(descriptor, params, body, request.signal);

    if (key !== undefined) {
      note(route, "miss");
      headers.set("x-shutterkit-cache", "miss");
    }
    headers.set("cache-control", ttl > 0 ? `public, max-age=${ttl}` : "private, no-store");
    if (result.body === undefined) return new Response(null, { status: 204, headers });
    headers.set("content-type", "application/json");
    if (cache !== undefined && key !== undefined) {
      const stored = cache.put(key, result.body, result.status, ttl).catch(() => undefined);
      if (context === undefined) await stored;
      else context.waitUntil(stored);
    }
    return new Response(result.body, { status: result.status, headers });
  };

  const rateLimitKey = (caller: Caller | AnonymousCaller, headers: Headers): string =>
    isAnonymous(caller) ? `address:${clientAddress(headers, addressHeaders)}` : `caller:${caller.id}`;

  const checkRateLimit = async (key: string, context: WaitUntilContext | undefined) => {
    if (limiter === undefined) return;
    let verdict: Awaited<ReturnType<RateLimiter["limit"]>>;
    try {
      verdict = await within(
        () => limiter.limit(key, context),
        checkTimeout,
        () => new Error("rate limiter timed out"),
      );
    } catch {
      // Closed on failure: an unreachable counter must not turn into an unlimited proxy.
      throw new ProblemError({
        status: 503,
        code: "RateLimiterUnavailable",
        title: "Rate limiter unavailable",
        detail: "The proxy could not check its rate limit; retry shortly",
        retryAfter: 1,
      });
    }
    if (verdict.ok) return;
    // Whole seconds, at least 1, whatever a limiter from elsewhere (a Durable Object, Upstash) sent.
    const retryAfter = Math.max(1, Math.ceil(Number(verdict.retryAfter) || 1));
    throw new ProblemError({
      status: 429,
      code: "TooManyRequests",
      title: "Too many requests",
      detail: `Slow down: retry in ${retryAfter} s`,
      retryAfter,
    });
  };

  /** The caller, or a problem; `authorize` runs here and nowhere else. */
  const callerOf = async (
    request: Request,
    env: Env,
    context: WaitUntilContext | undefined,
  ): Promise<Caller | AnonymousCaller> => {
    if (mode.kind === "public") {
      if (request.headers.has("authorization"))
        throw new ProblemError({
          status: 400,
          code: "CallerCredentialsNotAccepted",
          title: "Caller credentials not accepted",
          detail:
            "This proxy is public and takes no caller credentials; it calls the API with its own. Remove the Authorization header.",
        });
      return anonymous;
    }
    const verdict: Verdict | undefined = await within(
      () => mode.authorize(request, env),
      checkTimeout,
      () =>
        new ProblemError({
          status: 503,
          code: "AuthorizeTimedOut",
          title: "The proxy's caller check timed out",
          detail: `authorize did not answer within ${checkTimeout} ms; retry shortly`,
          retryAfter: 1,
        }),
    );
    if (verdict !== undefined && verdict !== null && typeof verdict === "object") {
      if (isRefusal(verdict)) {
        // Refused callers count against their address, like anonymous ones: guessing tokens is limited too.
        await checkRateLimit(rateLimitKey(anonymous, request.headers), context);
        throw refusal(verdict.refused, verdict.reason, verdict.challenge);
      }
      if (isAnonymous(verdict)) return verdict;
      if (typeof verdict.id === "string" && verdict.id !== "") return verdict;
    }
    // A bug in `authorize` must not let a caller in, nor say more than that.
    throw new ProblemError({
      status: 500,
      code: "AuthorizeFailed",
      title: "The proxy's caller check failed",
      detail: "authorize returned neither a caller with an id, anonymous, nor a refusal",
    });
  };

  return async (request, env, context) => {
    const started = Date.now();
    let route: Route | undefined;
    let cacheState: ProxyLogEntry["cache"] = "bypass";
    let callerId: string | undefined;
    const note = (matched: Route, state: ProxyLogEntry["cache"]) => {
      route = matched;
      cacheState = state;
    };
    const origin = request.headers.get("origin");
    const corsHeaders = cors.headersFor(origin);
    let response: Response;
    let problemCode: string | undefined;
    try {
      if (origin === null && !cors.allowMissingOrigin)
        throw new ProblemError({
          status: 403,
          code: "OriginRequired",
          title: "Origin required",
          detail: "This proxy serves browsers of its allowed origins; the request has no Origin header",
        });
      if (corsHeaders === undefined)
        throw new ProblemError({
          status: 403,
          code: "OriginNotAllowed",
          title: "Origin not allowed",
          detail: "This origin may not use the proxy",
        });
      const headers = corsHeaders;
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
        const caller = await callerOf(request, env, context);
        if (!isAnonymous(caller)) callerId = caller.id;
        await checkRateLimit(rateLimitKey(caller, request.headers), context);
        response = await serve(request, url, path, headers, caller, context, note);
      }
    } catch (error) {
      const problem = problemFromUnknown(error);
      problemCode = problem.code;
      response = problemResponse(
        problem,
        corsHeaders === undefined || problem.code === "OriginRequired" ? new Headers() : corsHeaders,
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
          ...(callerId === undefined ? {} : { caller: callerId }),
        });
      } catch {
        // A failing log hook must not fail the request.
      }
    }
    return response;
  };
};
