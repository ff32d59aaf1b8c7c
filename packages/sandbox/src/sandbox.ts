// The sandbox as one fetch-standard handler: routing and validation from the contract's descriptors,
// authentication, fault injection, the control and media routes, and the handlers. No Node APIs, so
// it runs the same in Node, Deno, Bun and workers.
import type { OperationDescriptor } from "@shutterkit/core";
import { operations } from "@shutterkit/core/generated";
import { readParams } from "@shutterkit/core/routes";
import { Catalog, type CatalogSize } from "./catalog/build.ts";
import { CONTROL_PATHS, handleControl } from "./control.ts";
import { FaultController, type FaultSpec, parseFaultHeader } from "./faults/faults.ts";
import { handlers } from "./handlers/index.ts";
import { issueToken as issueAccessToken } from "./handlers/shared/tokens.ts";
import { decodeImage, type ImageDecoder } from "./imaging/index.ts";
import { MediaRenderer } from "./media/renderer.ts";
import { serveMedia } from "./media/routes.ts";
import { UrlSigner } from "./media/signing.ts";
import { makeRng } from "./random.ts";
import { VisualSearch } from "./search/visual.ts";
import { ALL_SCOPES, authenticate, authorize, type SandboxCredentials } from "./server/auth.ts";
import { ApiError } from "./server/errors.ts";
import { CORS_HEADERS, json, withHeaders } from "./server/respond.ts";
import { Router } from "./server/router.ts";
import { decodeBody, decodeParams } from "./server/validate.ts";
import { SandboxStateError } from "./state/errors.ts";
import { createInitialState } from "./state/initial.ts";
import type { SandboxState } from "./state/model.ts";
import { memoryStore, type SandboxStore, StateQueue } from "./state/store.ts";
import { type SandboxStats, StatsRecorder } from "./stats.ts";
import { visualSimilarity } from "./vision/similarity.ts";
import type { Clock, Handler, HandlerContext, OperationId, SandboxConfig, World } from "./world.ts";

export interface SandboxOptions {
  /** Seeds the catalog, ids and credentials (default 1). */
  readonly seed?: number;
  /** Sizes of the generated catalog sections. */
  readonly catalogSize?: CatalogSize;
  /** Where state lives between mutations (default: in memory). */
  readonly store?: SandboxStore;
  /** The base clock (default: the system clock); `/sandbox/clock` can move the sandbox ahead of it. */
  readonly now?: () => Date;
  /** Override the generated client id, secret or ready-made access token. */
  readonly credentials?: Partial<Pick<SandboxCredentials, "clientId" | "clientSecret" | "accessToken">>;
  /** Lifetime of signed download URLs in seconds (default 3600). */
  readonly downloadTtlSeconds?: number;
  /** Lifetime of expiring OAuth access tokens in seconds (default 3600). */
  readonly accessTokenTtlSeconds?: number;
  /** Lifetime of OAuth refresh tokens in seconds (default 30 days); each is accepted once. */
  readonly refreshTokenTtlSeconds?: number;
  /** Duration of each custom-music render stage in ms (default 1500). */
  readonly renderStageMs?: number;
  /** Byte budget of the rendered-media LRU (default 96 MiB). */
  readonly mediaCacheBytes?: number;
  /** Start computing visual descriptors in the background right away (default false). */
  readonly warmVisualIndex?: boolean;
  /** Decodes uploads (default: the portable JavaScript decoder; the Node server uses sharp when installed). */
  readonly decodeImage?: ImageDecoder;
  /** Where unexpected handler errors are reported (default console.error). */
  readonly onError?: (error: unknown, request: Request) => void;
}

/** What a request turned into; `transport` asks the server layer to break the connection. */
export interface Dispatched {
  readonly response: Response;
  readonly transport?: "reset" | "truncate";
  readonly operationId?: string;
}

export interface Sandbox {
  /** Fetch-standard handler: pass any Request whose URL points at the sandbox's origin. */
  fetch(request: Request): Promise<Response>;
  /** Like `fetch`, but reports connection-level faults instead of simulating them with stream errors. */
  dispatch(request: Request): Promise<Dispatched>;
  readonly credentials: SandboxCredentials;
  readonly seed: number;
  readonly catalog: Catalog;
  /** Resolves once stored state is loaded. */
  readonly ready: Promise<void>;
  /** Issues an access token with the given scopes (all scopes when omitted). */
  issueToken(scopes?: ReadonlyArray<string>, options?: { readonly expires?: boolean }): Promise<string>;
  /** Arms a fault, as `POST /sandbox/faults` does. */
  addFault(spec: FaultSpec): void;
  clearFaults(): void;
  stats(): SandboxStats;
  /** Forgets every state change. */
  reset(): Promise<void>;
  /** Moves the sandbox clock forward. */
  advanceClock(ms: number): void;
  /** Resolves when pending state writes are done. */
  flush(): Promise<void>;
  /** A copy of the committed state (collections, licences, tokens, ...), e.g. to save as a fixture. */
  exportState(): Promise<SandboxState>;
  /** Replaces the whole state, in one transaction, with one `exportState` returned (same seed). */
  importState(state: SandboxState): Promise<void>;
  /** Closes the state store; the sandbox answers no more requests. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;

const tokenFor = (seed: number): string => {
  const rng = makeRng(seed).fork("credentials/token");
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return `v2/sandbox-${Array.from({ length: 40 }, () => alphabet[rng.int(0, alphabet.length - 1)]).join("")}`;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const parseForm = (text: string): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    out[key] = value === "true" ? true : value === "false" ? false : value;
  }
  return out;
};

const readBody = async (request: Request, descriptor: OperationDescriptor): Promise<unknown> => {
  const spec = descriptor.body;
  const schema = descriptor.schemas.body;
  if (spec === undefined || schema === undefined) return undefined;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  const text = request.body === null ? "" : await request.text();
  if (text.length > MAX_BODY_BYTES)
    throw new ApiError(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === "") {
    if (!spec.required) return undefined;
    throw new ApiError(400, "Validation failed", [
      { code: "VALIDATION_REQUIRED", message: "Missing request body", path: "$.body" },
    ]);
  }
  const mime =
    (request.headers.get("content-type") ?? "application/json").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!spec.contentTypes.includes(mime)) {
    throw new ApiError(415, `Unsupported content type ${mime}; expected ${spec.contentTypes.join(" or ")}`);
  }
  let parsed: unknown;
  if (mime === "application/x-www-form-urlencoded") parsed = parseForm(text);
  else {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError(400, "Validation failed", [
        { code: "VALIDATION_INVALID_JSON", message: "Request body is not valid JSON", path: "$.body" },
      ]);
    }
  }
  return decodeBody(schema, parsed);
};

const errorResponse = (error: ApiError): Response => json(error.status, error.body(), error.headers);

const injectedStatus = (spec: FaultSpec): Response => {
  const status = spec.status ?? 503;
  const headers: Record<string, string> = {};
  if (spec.retryAfter !== undefined) headers["retry-after"] = String(spec.retryAfter);
  return json(status, { message: `Injected fault: status ${status}` }, headers);
};

const malformed = async (response: Response): Promise<Response> => {
  const text = await response.text();
  const cut = text.length > 2 ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : '{"data": [';
  const status = response.status === 204 ? 200 : response.status;
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("content-length", String(new TextEncoder().encode(cut).byteLength));
  return new Response(cut, { status, headers });
};

const wrongContentType = (response: Response): Response => {
  const headers = new Headers(response.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  return new Response(response.body, { status: response.status, headers });
};

/** Fallback for runtimes without socket access: a body stream that fails (after `bytes`, if given). */
const breakingBody = (response: Response, half: Uint8Array | undefined): Response => {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (half !== undefined && half.byteLength > 0) controller.enqueue(half);
      controller.error(new Error("connection reset by the sandbox (injected fault)"));
    },
  });
  return new Response(stream, { status: response.status, headers: response.headers });
};

/** Creates a sandbox: a catalog built from the seed plus state in the given store. */
export const createSandbox = (options: SandboxOptions = {}): Sandbox => {
  const seed = options.seed ?? 1;
  const catalog = new Catalog(seed, options.catalogSize);
  const base = options.now ?? (() => new Date());
  let offset = 0;
  const clock: Clock = {
    now: () => new Date(base().getTime() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
  const credentials: SandboxCredentials = {
    clientId: options.credentials?.clientId ?? "sandbox-client-id",
    clientSecret: options.credentials?.clientSecret ?? "sandbox-client-secret",
    accessToken: options.credentials?.accessToken ?? tokenFor(seed),
    scopes: [...ALL_SCOPES],
  };
  const config: SandboxConfig = {
    downloadTtlSeconds: options.downloadTtlSeconds ?? 3600,
    renderStageMs: options.renderStageMs ?? 1500,
    authCodeTtlMs: 5 * 60_000,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
  };
  const store = options.store ?? memoryStore();
  const stats = new StatsRecorder(clock.now());
  const faults = new FaultController();
  const media = new MediaRenderer(options.mediaCacheBytes);
  const visualSearch = new VisualSearch(catalog, store.descriptors);
  const router = new Router<OperationDescriptor>(Object.values(operations));
  const onError = options.onError ?? ((error: unknown) => console.error("[shutterkit-sandbox]", error));

  let world: World | undefined;
  const ready = (async () => {
    const state = store.open(() => createInitialState(seed, catalog, clock.now()));
    if (state.seed !== seed) {
      store.close();
      throw new SandboxStateError(
        store.location,
        "seed-mismatch",
        `the stored sandbox state was created with seed ${state.seed}, not ${seed}; use that seed or another data directory`,
      );
    }
    world = {
      catalog,
      queue: new StateQueue(store),
      credentials,
      signer: new UrlSigner(state.secret),
      clock,
      stats,
      media,
      visual: visualSimilarity(visualSearch),
      config,
      decodeImage: options.decodeImage ?? decodeImage,
    };
    if (options.warmVisualIndex === true) visualSearch.warm();
  })();
  ready.catch(() => undefined);

  const requireWorld = async (): Promise<World> => {
    await ready;
    if (world === undefined) throw new Error("sandbox failed to start");
    return world;
  };

  const reset = async () => {
    const current = await requireWorld();
    const fresh = createInitialState(seed, catalog, clock.now());
    await current.queue.replace({ ...fresh, secret: current.queue.state.secret });
  };

  const runOperation = async (
    current: World,
    request: Request,
    url: URL,
    descriptor: OperationDescriptor,
    pathParams: Record<string, string>,
  ): Promise<Response> => {
    const now = current.clock.now();
    // Operations without security (OAuth, test) ignore whatever credentials come along.
    const principal =
      descriptor.security.length === 0
        ? undefined
        : authenticate(request.headers.get("authorization"), credentials, current.queue.state, now.getTime());
    authorize(descriptor.security, principal);
    const raw = readParams(descriptor, pathParams, url.searchParams, request.headers);
    const params = decodeParams(descriptor, raw);
    const body = await readBody(request, descriptor);
    const handler = handlers[descriptor.operationId as OperationId] as Handler<OperationDescriptor>;
    const context: HandlerContext<unknown, unknown> = {
      params,
      body,
      request,
      url,
      origin: url.origin,
      principal,
      now,
      world: current,
    };
    const result = await (handler as (context: HandlerContext<unknown, unknown>) => unknown)(context);
    if (result instanceof Response) return result;
    if (descriptor.response.status === 204) return new Response(null, { status: 204 });
    return json(descriptor.response.status, result);
  };

  const dispatch = async (request: Request): Promise<Dispatched> => {
    const current = await requireWorld();
    const url = new URL(request.url);
    const requestId = crypto.randomUUID();
    const finish = (response: Response): Response =>
      withHeaders(response, { ...CORS_HEADERS, "x-shutterstock-request-id": requestId });
    if (request.method === "OPTIONS") {
      const asked = request.headers.get("access-control-request-headers");
      const headers = asked === null ? {} : { "access-control-allow-headers": asked };
      return { response: finish(new Response(null, { status: 204, headers })) };
    }
    const pathname = url.pathname.replace(/\/+$/, "") || "/";
    if (CONTROL_PATHS.has(pathname)) {
      try {
        return { response: finish(await handleControl({ world: current, faults, reset }, request, url)) };
      } catch (error) {
        if (error instanceof ApiError) return { response: finish(errorResponse(error)) };
        onError(error, request);
        return { response: finish(json(500, { message: "Internal sandbox error" })) };
      }
    }

    const method = request.method === "HEAD" ? "GET" : request.method;
    const isSandboxRoute = pathname.startsWith("/sandbox/");
    const match = isSandboxRoute ? undefined : router.match(method, pathname);
    const operationId = match?.kind === "match" ? match.descriptor.operationId : undefined;
    current.stats.request(
      operationId ?? (isSandboxRoute ? `/sandbox/${pathname.split("/")[2] ?? ""}` : "(unmatched)"),
    );

    let fault: FaultSpec | undefined;
    const header = request.headers.get("x-sandbox-fault");
    if (header !== null && header.trim() !== "") {
      try {
        fault = parseFaultHeader(header);
      } catch (error) {
        if (error instanceof ApiError) return { response: finish(errorResponse(error)) };
        throw error;
      }
      if ((fault.count ?? 1) > 1) {
        faults.add({ ...fault, route: operationId ?? pathname, count: (fault.count ?? 1) - 1 });
      }
    } else {
      fault = faults.take({ operationId, method: request.method, pathname });
    }
    if (fault !== undefined) current.stats.fault(fault.kind);

    const done = (response: Response, transport?: "reset" | "truncate"): Dispatched => {
      current.stats.status(response.status);
      const finished = finish(request.method === "HEAD" ? new Response(null, response) : response);
      return {
        response: finished,
        ...(transport === undefined ? {} : { transport }),
        ...(operationId === undefined ? {} : { operationId }),
      };
    };

    if (fault?.kind === "status") return done(injectedStatus(fault));
    if (fault?.kind === "delay") await sleep(fault.ms ?? 1000);
    if (fault?.kind === "reset" && fault.when !== "after")
      return done(new Response(null, { status: 599 }), "reset");

    let response: Response;
    try {
      if (isSandboxRoute) response = await serveMedia(current, url, url.origin);
      else if (match === undefined || match.kind === "not-found") {
        response = json(404, { message: `Not found: ${request.method} ${url.pathname}` });
      } else if (match.kind === "method-not-allowed") {
        response = json(
          405,
          { message: `Method ${request.method} not allowed` },
          { allow: match.allow.join(", ") },
        );
      } else {
        response = await runOperation(current, request, url, match.descriptor, match.pathParams);
      }
    } catch (error) {
      if (error instanceof ApiError) response = errorResponse(error);
      else {
        onError(error, request);
        response = json(500, { message: "Internal sandbox error" });
      }
    }

    switch (fault?.kind) {
      case "reset":
        return done(response, "reset");
      case "truncate":
        return done(response, "truncate");
      case "malformed-json":
        return done(await malformed(response));
      case "wrong-content-type":
        return done(wrongContentType(response));
      default:
        return done(response);
    }
  };

  const fetchHandler = async (request: Request): Promise<Response> => {
    const result = await dispatch(request);
    if (result.transport === "reset") return breakingBody(result.response, undefined);
    if (result.transport === "truncate") {
      const bytes = new Uint8Array(await result.response.arrayBuffer());
      const headers = new Headers(result.response.headers);
      headers.set("content-length", String(bytes.byteLength));
      return breakingBody(
        new Response(null, { status: result.response.status, headers }),
        bytes.subarray(0, Math.floor(bytes.byteLength / 2)),
      );
    }
    return result.response;
  };

  return {
    fetch: fetchHandler,
    dispatch,
    credentials,
    seed,
    catalog,
    ready,
    issueToken: async (scopes = ALL_SCOPES, tokenOptions = {}) => {
      const current = await requireWorld();
      const token = await issueAccessToken(
        current,
        { clientId: credentials.clientId, scopes, expires: tokenOptions.expires === true },
        clock.now(),
      );
      return token.access_token;
    },
    addFault: (spec) => {
      faults.add(spec);
    },
    clearFaults: () => {
      faults.clear();
    },
    stats: () => stats.snapshot(),
    reset,
    advanceClock: clock.advance,
    flush: async () => {
      // Every mutation is committed before its request is answered: nothing is pending.
      await requireWorld();
    },
    exportState: async () => structuredClone((await requireWorld()).queue.state),
    importState: async (state) => {
      const current = await requireWorld();
      if (state.version !== 1 || state.seed !== seed) {
        throw new SandboxStateError(
          store.location,
          "seed-mismatch",
          `the imported state is version ${state.version} with seed ${state.seed}; this sandbox needs version 1 with seed ${seed}`,
        );
      }
      await current.queue.replace(state);
    },
    close: async () => {
      await ready.catch(() => undefined);
      store.close();
    },
  };
};
