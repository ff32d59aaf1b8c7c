// One request pipeline for every call, typed operation or raw request: ky sends (auth and User-Agent
// as request headers, its hooks giving the debug events), Effect does the rest: `Effect.retry` with
// the retry plan's `Schedule`, `Effect.timeoutOrElse` for the attempt and total deadlines, Schema
// for decoding.
import * as Duration from "effect/Duration";
import * as Effect from "effect/Effect";
import type * as Schema from "effect/Schema";
import ky, { type Hooks, type KyInstance } from "ky";
import {
  checkedBaseUrl,
  type DebugEvent,
  durationMillis,
  type ResolvedConfig,
  type RetrySetting,
} from "../config.ts";
import { authenticatorOf, type CredentialFailure } from "../credentials.ts";
import type { ShutterstockError } from "../errors.ts";
import { formEncode } from "../wire/params.ts";
import { makeScrubber, redactHeaders } from "../wire/redact.ts";
import { requestIdOf } from "../wire/request-id.ts";
import { isSuccessStatus } from "../wire/status.ts";
import { type CallModifiers, notModified } from "./conditional.ts";
import {
  type AttemptResult,
  type CallContext,
  decodeError,
  httpError,
  invalidRequest,
  limiterError,
  networkError,
  timeoutError,
  unauthorized,
} from "./context.ts";
import { decodeBody, rawBody } from "./decode.ts";
import { headerIssues } from "./issues.ts";
import { type Log, makeLog } from "./logging.ts";
import { isStaleConnection, type RetryPlan, retryPlan } from "./retry.ts";
import { userAgentOf } from "./user-agent.ts";

/** Options every call takes, Effect and Promise alike; each overrides the client's setting for one call. */
export interface CallOptions {
  /** Timeout of one attempt, response body included. Default: the client's (30 s). */
  readonly timeout?: Duration.Input;
  /** Timeout of the whole call, retries and backoff included. Default: the client's (120 s). */
  readonly totalTimeout?: Duration.Input;
  /** Retry policy, `false` for a single attempt, or a `Schedule`. The purchase-safe rule always applies. */
  readonly retry?: RetrySetting;
  /** Extra request headers (never logged when they carry credentials). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Aborts the call, retries included. A Promise rejects with the signal's reason; an Effect is interrupted. */
  readonly signal?: AbortSignal;
  /** Another API origin for this call (a regional endpoint, a sandbox). */
  readonly baseUrl?: string | URL;
  /** Validate this response against the contract. Default: the client's setting (true). */
  readonly decode?: boolean;
}

/** What a successful call says besides its data. */
export interface ResponseInfo {
  readonly status: number;
  readonly headers: Headers;
  /** The API's request id, to quote to Shutterstock support. */
  readonly requestId: string | undefined;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** True when the data came from the response cache after a 304. */
  readonly cached: boolean;
}

/** A call's data with its response metadata: what `.withResponse()` and `sendWithResponse` give. */
export interface WithResponse<A> {
  readonly data: A;
  readonly response: ResponseInfo;
}

/** One request, ready for the wire: what operations and raw requests are both turned into. */
export interface Dispatch {
  readonly context: CallContext;
  /** The path with its placeholders filled and escaped. */
  readonly path: string;
  /** Form-encoded query without `?`, or empty. */
  readonly query: string;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly body: string | undefined;
  readonly schema: Schema.ConstraintDecoder<unknown> | undefined;
  /** Raw requests return what came back even without a schema: parsed JSON, or the text. */
  readonly raw: boolean;
  /** `conditional` and `partial` modifiers of the operation. */
  readonly modifiers: CallModifiers | undefined;
  /** Data anyone with an application key may read: the only answers a response cache keeps. */
  readonly publicData: boolean;
  /** Deprecated operations log a warning once per client. */
  readonly deprecated: boolean;
}

export interface Pipeline {
  readonly config: ResolvedConfig;
  readonly scrub: (text: string) => string;
  readonly run: (
    dispatch: Dispatch,
    options: CallOptions | undefined,
  ) => Effect.Effect<WithResponse<unknown>, ShutterstockError>;
}

/** A failure while reading a response body: the response had begun, so the request was served. */
class BodyReadFailure {
  readonly cause: unknown;
  constructor(cause: unknown) {
    this.cause = cause;
  }
}

/** What the hooks learn about the attempt they run in, through ky's `context` option. */
interface HookContext {
  readonly operationId: string;
  readonly attempt: number;
  readonly startedAt: number;
}

const hookContext = (options: { readonly context: Record<string, unknown> }): HookContext | undefined =>
  options.context["shutterkit"] as HookContext | undefined;

/** What a request and a response debug event both say of the exchange (the URL without its query). */
const exchangeOf = (request: Request, context: HookContext) => ({
  operationId: context.operationId,
  method: request.method,
  url: request.url.split("?")[0] ?? request.url,
  attempt: context.attempt,
});

const makeHttp = (
  config: ResolvedConfig,
  debug: ((event: () => DebugEvent) => void) | undefined,
): KyInstance => {
  // Hooks only where something listens: ky clones the response (a tee of its body) for every
  // `afterResponse` hook and awaits every `beforeRequest` one, about 0.07 ms a call on loopback
  // (bench/src/cpu.ts) for events nobody receives. Auth and `User-Agent` are request headers.
  const beforeRequest: NonNullable<Hooks["beforeRequest"]> = [...(config.hooks?.beforeRequest ?? [])];
  const afterResponse: NonNullable<Hooks["afterResponse"]> = [...(config.hooks?.afterResponse ?? [])];
  if (debug !== undefined) {
    beforeRequest.unshift(({ request, options }) => {
      const context = hookContext(options);
      if (context !== undefined)
        debug(() => ({
          type: "request",
          ...exchangeOf(request, context),
          headers: redactHeaders(request.headers),
        }));
    });
    afterResponse.unshift(({ request, options, response }) => {
      const context = hookContext(options);
      if (context !== undefined)
        debug(() => ({
          type: "response",
          ...exchangeOf(request, context),
          status: response.status,
          durationMs: Date.now() - context.startedAt,
        }));
    });
  }
  const hooks: Hooks = {
    ...(beforeRequest.length === 0 ? {} : { beforeRequest }),
    ...(afterResponse.length === 0 ? {} : { afterResponse }),
    ...(config.hooks?.beforeError === undefined ? {} : { beforeError: config.hooks.beforeError }),
  };
  // Retries, timeouts and error mapping are the pipeline's: ky only sends.
  return ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    hooks,
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
  });
};

/** The configured `User-Agent`: a `user-agent` header replaces the default, `userAgent` is appended to it. */
const userAgentFor = (config: ResolvedConfig): string => {
  for (const [name, value] of Object.entries(config.headers))
    if (name.toLowerCase() === "user-agent") return value;
  return userAgentOf(config.userAgent);
};

/** Ends a call when its signal aborts: the call is interrupted, as a fiber interruption would. */
const abortable = <A, E>(
  effect: Effect.Effect<A, E>,
  signal: AbortSignal | undefined,
): Effect.Effect<A, E> => {
  if (signal === undefined) return effect;
  if (signal.aborted) return Effect.interrupt;
  return Effect.raceFirst(
    effect,
    Effect.callback<never>((resume) => {
      const onAbort = () => resume(Effect.interrupt);
      signal.addEventListener("abort", onAbort, { once: true });
      return Effect.sync(() => signal.removeEventListener("abort", onAbort));
    }),
  );
};

export const makePipeline = (config: ResolvedConfig): Pipeline => {
  const authenticator = authenticatorOf(config.credentials);
  // Refreshing credentials learn new secrets as they go: the scrubber follows them.
  let scrubbed: ReadonlyArray<string> = [];
  let scrubber = makeScrubber(scrubbed);
  const scrub = (text: string): string => {
    const secrets = authenticator.secrets();
    if (secrets.length !== scrubbed.length) {
      scrubbed = secrets;
      scrubber = makeScrubber(secrets);
    }
    return scrubber(text);
  };
  const log: Log = makeLog(config.logLevel, config.logger);
  const onDebug = config.onDebug;
  const debug =
    onDebug === undefined
      ? undefined
      : (event: () => DebugEvent) => {
          try {
            onDebug(event());
          } catch {
            // A failing debug hook must not fail the call.
          }
        };
  const http = makeHttp(config, debug);
  const baseHeaders: Record<string, string> = { accept: "application/json" };
  for (const [name, value] of Object.entries(config.headers)) baseHeaders[name.toLowerCase()] = value;
  baseHeaders["user-agent"] ??= userAgentFor(config);
  const warnedDeprecated = new Set<string>();
  // A plan depends only on the retry setting and the method, so it is made once per pair, not per
  // call; the debug event takes the operation from the error it retries.
  const onRetry = (error: ShutterstockError, attempt: number, delayMs: number) =>
    debug?.(() => ({ type: "retry", operationId: error.operationId, attempt, delayMs, reason: error._tag }));
  const plans = new WeakMap<object, Map<string, RetryPlan>>();
  const noRetryPlans = new Map<string, RetryPlan>();
  const planFor = (setting: RetrySetting, method: string): RetryPlan => {
    let byMethod = setting === false ? noRetryPlans : plans.get(setting);
    if (byMethod === undefined) {
      byMethod = new Map();
      plans.set(setting as object, byMethod);
    }
    let plan = byMethod.get(method);
    if (plan === undefined) {
      plan = retryPlan(setting, method, onRetry);
      byMethod.set(method, plan);
    }
    return plan;
  };
  const admit = config.rateLimit?.acquire;
  const tracing = config.tracing;
  // Headers of the configuration that fetch would refuse fail every call, before anything is sent.
  const configIssues = headerIssues(
    { ...config.headers, "user-agent": userAgentFor(config) },
    "config.headers",
  );

  const run = (
    dispatch: Dispatch,
    options: CallOptions | undefined,
  ): Effect.Effect<WithResponse<unknown>, ShutterstockError> => {
    const { context } = dispatch;
    const { method } = context;
    const issues = headerIssues(
      options?.headers ?? {},
      "headers",
      dispatch.headers === undefined ? [] : headerIssues(dispatch.headers, "params"),
    );
    let base = config.baseUrl;
    if (options?.baseUrl !== undefined) {
      try {
        base = checkedBaseUrl(options.baseUrl);
      } catch (error) {
        issues.push({ path: "baseUrl", message: error instanceof Error ? error.message : String(error) });
      }
    }
    issues.push(...configIssues);
    if (issues.length > 0) return Effect.fail(invalidRequest(context, issues));
    const headers: Record<string, string> = { ...baseHeaders };
    for (const source of [dispatch.headers, options?.headers])
      if (source !== undefined)
        for (const [name, value] of Object.entries(source)) headers[name.toLowerCase()] = value;
    if (dispatch.body !== undefined) headers["content-type"] = "application/json";
    const modifiers = dispatch.modifiers;
    if (modifiers?.ifNoneMatch !== undefined) headers["if-none-match"] = modifiers.ifNoneMatch;
    const query =
      modifiers?.fields === undefined
        ? dispatch.query
        : `${dispatch.query}${dispatch.query === "" ? "" : "&"}fields=${formEncode(modifiers.fields)}`;
    const url = `${base.origin}${dispatch.path}${query === "" ? "" : `?${query}`}`;
    // Only public GET answers are cached, and only when the caller did not ask a condition of its own.
    const cache =
      config.cache !== undefined &&
      method === "GET" &&
      dispatch.publicData &&
      headers["if-none-match"] === undefined
        ? config.cache
        : undefined;
    const attemptMs = durationMillis(options?.timeout, config.timeoutMs);
    const totalMs = durationMillis(options?.totalTimeout, config.totalTimeoutMs);
    const validate = modifiers?.fields === undefined && (options?.decode ?? config.decodeResponses);
    const setting = options?.retry ?? config.retry;

    return Effect.suspend(() => {
      // Each run has its own headers: a cached ETag added below must not stick to the next run.
      const callHeaders: Record<string, string> = { ...headers };
      let attempts = 0;
      const plan = planFor(setting, method);

      /**
       * Network failures that came while reading a body, after the response had begun. Made only
       * when one comes: a weak collection per call was work for every garbage collection.
       */
      let afterResponse: Set<ShutterstockError> | undefined;

      /** One exchange: ky sends, the body is read whole; network failures become typed errors. */
      const exchange = (traceparent: string | undefined, authorization: string | undefined) =>
        Effect.tryPromise({
          try: async (signal): Promise<AttemptResult> => {
            attempts += 1;
            const sendHeaders = { ...callHeaders };
            if (traceparent !== undefined) sendHeaders["traceparent"] = traceparent;
            if (authorization !== undefined) sendHeaders["authorization"] = authorization;
            const hook: HookContext = {
              operationId: context.operationId,
              attempt: attempts,
              startedAt: Date.now(),
            };
            const response = await http(url, {
              method,
              headers: sendHeaders,
              ...(dispatch.body === undefined ? {} : { body: dispatch.body }),
              signal,
              context: { shutterkit: hook },
            });
            try {
              return { status: response.status, headers: response.headers, text: await response.text() };
            } catch (error) {
              throw new BodyReadFailure(error);
            }
          },
          catch: (error) => {
            if (!(error instanceof BodyReadFailure)) return networkError(context, error);
            const failure = networkError(context, error.cause);
            afterResponse ??= new Set();
            afterResponse.add(failure);
            return failure;
          },
        });

      const credentialError = (failure: CredentialFailure) => unauthorized(context, failure);

      /** The exchange with the credential's current header, bounded by the attempt timeout. */
      const exchangeWithCredentials = (traceparent: string | undefined) =>
        Effect.gen(function* () {
          const authorization = yield* Effect.mapError(authenticator.header, credentialError);
          const result = yield* exchange(traceparent, authorization).pipe(
            // A pooled connection the server closed while idle fails before any response byte: sent
            // again at once, once, and only where repeating it cannot repeat an effect.
            // A body cut short (the response had begun) is not that case: its error stands.
            Effect.catchIf(
              (error) => isStaleConnection(method, error) && !afterResponse?.has(error),
              () => exchange(traceparent, authorization),
            ),
          );
          return { result, authorization };
        }).pipe(
          Effect.timeoutOrElse({
            duration: Duration.millis(attemptMs),
            orElse: () => Effect.fail(timeoutError(context, "attempt", attemptMs)),
          }),
        );

      const attempt = (traceparent: string | undefined) =>
        Effect.gen(function* () {
          // The wait for the rate limit's turn is outside the attempt timeout, inside the total.
          const turn =
            admit === undefined
              ? undefined
              : yield* Effect.mapError(admit, (error) => limiterError(context, error));
          let { result, authorization } = yield* exchangeWithCredentials(traceparent);
          // A 401 means the API did nothing: with a renewable credential the request goes once more
          // with the renewed token, whatever its method; a second 401 is the caller's to see.
          if (
            result.status === 401 &&
            (yield* Effect.mapError(authenticator.renewAfterUnauthorized(authorization), credentialError))
          )
            ({ result, authorization } = yield* exchangeWithCredentials(traceparent));
          // A 429 pauses the whole rate limit, not only this call's retry.
          if (turn !== undefined) yield* turn.answered(result);
          if (isSuccessStatus(result.status) || result.status === 304) return result;
          return yield* Effect.fail(httpError(context, result));
        });

      const call = Effect.gen(function* () {
        if (dispatch.deprecated && !warnedDeprecated.has(context.operationId)) {
          warnedDeprecated.add(context.operationId);
          yield* log("warn", `${context.operationId} is deprecated by the API`, () => ({
            route: context.route,
          }));
        }
        const traceparent = tracing === undefined ? undefined : yield* tracing.traceparent;
        const cachedAnswer = cache === undefined ? undefined : yield* cache.get(url);
        if (cachedAnswer !== undefined) callHeaders["if-none-match"] = cachedAnswer.etag;
        const answer = plan.retrying
          ? yield* attempt(traceparent).pipe(
              Effect.tapError((error) =>
                plan.retries(error)
                  ? log("info", `${context.operationId}: attempt ${attempts} failed, retrying`, () => ({
                      error: error._tag,
                      status: error.status,
                    }))
                  : Effect.void,
              ),
              Effect.retry({ schedule: plan.schedule, while: plan.retries }),
            )
          : yield* attempt(traceparent);
        const fromCache = answer.status === 304 && cachedAnswer !== undefined;
        const result: AttemptResult = fromCache
          ? {
              status: 304,
              headers: answer.headers,
              text: cachedAnswer.text,
              contentType: cachedAnswer.contentType,
            }
          : answer;
        const decoded =
          result.status === 304 && !fromCache
            ? ({ ok: true, value: notModified(callHeaders["if-none-match"] ?? "") } as const)
            : dispatch.raw && dispatch.schema === undefined
              ? rawBody(result)
              : decodeBody(dispatch.schema, result, validate);
        if (!decoded.ok) return yield* Effect.fail(decodeError(context, result, decoded));
        const etag = answer.headers.get("etag");
        if (cache !== undefined && answer.status === 200 && etag !== null)
          yield* cache.set(url, {
            etag,
            contentType: answer.headers.get("content-type") ?? "application/json",
            text: answer.text,
          });
        const requestId = requestIdOf(result.headers, scrub);
        if (tracing !== undefined)
          yield* tracing.annotate({
            "http.response.status_code": result.status,
            ...(requestId === undefined ? {} : { "shutterstock.request_id": requestId }),
          });
        yield* log("debug", `${method} ${context.route} → ${result.status}`, () => ({
          operationId: context.operationId,
          attempts,
        }));
        return {
          data: decoded.value,
          response: {
            status: result.status,
            headers: result.headers,
            requestId,
            attempts,
            cached: fromCache,
          },
        };
      });

      const bounded = call.pipe(
        Effect.timeoutOrElse({
          duration: Duration.millis(totalMs),
          orElse: () => Effect.fail(timeoutError(context, "total", totalMs)),
        }),
        Effect.tapError((error) =>
          log("info", error.message, () => ({
            operationId: context.operationId,
            error: error._tag,
            attempts,
          })),
        ),
      );
      return abortable(
        tracing === undefined
          ? bounded
          : tracing.span(
              Effect.ensuring(
                bounded,
                Effect.suspend(() => tracing.annotate({ "shutterstock.attempts": attempts })),
              ),
              `shutterstock.${context.operationId}`,
              {
                "http.request.method": method,
                "url.template": context.route,
                "server.address": base.hostname,
                "shutterstock.operation_id": context.operationId,
              },
            ),
        options?.signal,
      );
    });
  };

  return { config, scrub, run };
};
