import { Context, Effect, Layer, Redacted, Tracer } from "effect";
import { Attempt, type AttemptOwner, type CallState, type SpanAttributes } from "./attempt.ts";
import {
  type Credentials,
  type DebugEvent,
  type ResolvedConfig,
  type RetryPolicy,
  resolveConfig,
  resolveRetryPolicy,
  type ShutterstockConfig,
} from "./config.ts";
import { makeDeadlines } from "./deadlines.ts";
import { makeResponseDecoder } from "./decode.ts";
import { DecodeError, type FieldIssue, InvalidRequest, type ShutterstockError, Timeout } from "./errors.ts";
import { type AttemptResult, attemptOptions, type CallContext, makeKy, requestIdOf } from "./http.ts";
import type { OperationDescriptor } from "./operation.ts";
import { planOf, type RequestInput } from "./request-plan.ts";
import { retryDelay } from "./retry.ts";
import { headerIssues, validateRequest } from "./validate.ts";

/** Per-call overrides of the client configuration. */
export interface CallOptions {
  /** Retry policy for this call, or `false` for a single attempt. */
  readonly retry?: RetryPolicy | false;
  /** Validate this response against the contract (default: the client's setting). */
  readonly decode?: boolean;
  /** Extra request headers (never logged). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What `execute` takes: the operation's params and JSON body, as the request plan reads them. */
export type ExecuteInput = RequestInput;

export interface ShutterstockService {
  readonly config: ResolvedConfig;
  /** Runs one operation: validates, sends, retries, decodes. The typed wrappers in `operations.ts` call this. */
  readonly execute: (
    descriptor: OperationDescriptor,
    input: ExecuteInput,
    options?: CallOptions,
  ) => Effect.Effect<unknown, ShutterstockError>;
}

/** The Shutterstock API client as an Effect service. Provide it with `Shutterstock.layer(config)`. */
export class Shutterstock extends Context.Service<Shutterstock, ShutterstockService>()(
  "@shutterkit/core/Shutterstock",
) {
  /** A layer from plain configuration. */
  static readonly layer = (config: ShutterstockConfig = {}): Layer.Layer<Shutterstock> =>
    Layer.succeed(Shutterstock, makeShutterstock(config));

  /**
   * A layer whose configuration is itself an Effect (an Effect `Config`, a secret store lookup, …),
   * read once when the layer is built.
   */
  static readonly layerEffect = <E, R>(
    config: Effect.Effect<ShutterstockConfig, E, R>,
  ): Layer.Layer<Shutterstock, E, R> => Layer.effect(Shutterstock, Effect.map(config, makeShutterstock));
}

const secretValues = (credentials: Credentials | undefined): string[] => {
  if (credentials === undefined) return [];
  const values =
    credentials.type === "oauth"
      ? [Redacted.value(credentials.accessToken)]
      : [
          Redacted.value(credentials.clientId),
          Redacted.value(credentials.clientSecret),
          basicToken(credentials),
        ];
  return values.filter((value) => value.length >= 4);
};

const basicToken = (credentials: Extract<Credentials, { type: "basic" }>): string =>
  btoa(`${Redacted.value(credentials.clientId)}:${Redacted.value(credentials.clientSecret)}`);

const authorization = (credentials: Credentials | undefined): string | undefined => {
  if (credentials === undefined) return undefined;
  return credentials.type === "oauth"
    ? `Bearer ${Redacted.value(credentials.accessToken)}`
    : `Basic ${basicToken(credentials)}`;
};

const UNTRACED: SpanAttributes = { attribute: () => undefined };

const spanName = (descriptor: OperationDescriptor) => `shutterstock.${descriptor.operationId}`;

const spanOptions = new WeakMap<OperationDescriptor, Tracer.SpanOptionsNoTrace>();
const spanOptionsOf = (descriptor: OperationDescriptor): Tracer.SpanOptionsNoTrace => {
  let options = spanOptions.get(descriptor);
  if (options === undefined) {
    options = {
      attributes: {
        "http.request.method": descriptor.method,
        "url.template": descriptor.path,
        "shutterstock.operation_id": descriptor.operationId,
      },
    };
    spanOptions.set(descriptor, options);
  }
  return options;
};

/** Runs calls of one operation. */
type OperationRunner = (
  request: ExecuteInput,
  options?: CallOptions,
) => Effect.Effect<unknown, ShutterstockError>;

export const makeShutterstock = (input: ShutterstockConfig = {}): ShutterstockService => {
  const config = resolveConfig(input);
  const http = makeKy(config.fetch);
  const deadlines = makeDeadlines();
  const secrets = secretValues(config.credentials);
  const scrub = (text: string): string =>
    secrets.reduce((current, secret) => current.split(secret).join("<redacted>"), text);
  const authHeader = authorization(config.credentials);
  const baseHeaders: Readonly<Record<string, string>> =
    config.userAgent === undefined
      ? { accept: "application/json" }
      : { accept: "application/json", "user-agent": config.userAgent };
  // Operation paths are absolute, so they replace any path of the base URL, as URL resolution does.
  const origin = config.baseUrl.origin;
  const onDebug = config.onDebug;
  const debug = (event: () => DebugEvent) => {
    if (onDebug === undefined) return;
    try {
      onDebug(event());
    } catch {
      // A failing debug hook must not fail the call.
    }
  };
  /**
   * What calls of one operation share is made on its first call: its error context, its request
   * plan, and the functions below, which take the call's state instead of closing over it.
   */
  const bindOperation = (descriptor: OperationDescriptor): OperationRunner => {
    const context: CallContext = {
      operationId: descriptor.operationId,
      method: descriptor.method,
      route: descriptor.path,
      requiredScopes: descriptor.security.flatMap((requirement) => requirement.scopes),
      scrub,
    };
    const plan = planOf(descriptor);
    const decodeResponse = makeResponseDecoder(descriptor);
    const { method, operationId, route } = context;

    const timeout = (scope: "attempt" | "total", timeoutMs: number) =>
      new Timeout({
        message:
          scope === "attempt"
            ? `${method} ${route}: no complete response within ${timeoutMs} ms`
            : `${method} ${route}: no result within ${timeoutMs} ms (retries included)`,
        operationId,
        method,
        route,
        scope,
        timeoutMs,
      });

    const invalid = (issues: FieldIssue[]) =>
      new InvalidRequest({
        message: scrub(
          `${method} ${route}: invalid request: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`,
        ),
        operationId,
        method,
        route,
        issues: issues.map((issue) => ({ path: issue.path, message: scrub(issue.message) })),
      });

    const owner: AttemptOwner = { context, deadlines, timeout, config, onDebug, debug };

    /**
     * One attempt, bounded by the attempt timeout or what is left of the total, whichever ends first.
     * One abort controller per attempt, and a deadline on the client's shared timer: interruption,
     * either timeout and the caller's signal all end the request the same way.
     */
    const sendOnce = (call: CallState) =>
      Effect.callback<AttemptResult, ShutterstockError>((resume) => {
        const attempt = new Attempt(owner, call, resume);
        let sending: Promise<Response>;
        try {
          sending = http(
            call.url,
            attemptOptions(method, call.headers, call.body, attempt.controller.signal),
          );
        } catch (error) {
          // ky builds the Request at once: what the platform refuses there (a header value from the
          // configuration, credentials in the base URL) fails the call before anything is sent.
          attempt.settle(
            Effect.fail(
              invalid([{ path: "$", message: error instanceof Error ? error.message : String(error) }]),
            ),
          );
          return;
        }
        sending.then(
          (response) =>
            response.text().then(
              (text) => attempt.received(response, text),
              (error: unknown) => attempt.failed(error),
            ),
          (error: unknown) => attempt.failed(error),
        );
        return Effect.sync(() => attempt.cancel());
      });

    /**
     * Attempts until one succeeds or the policy says stop; backoff never outlives the total timeout.
     * The span learns the attempt count on every way out, and the status with the response.
     */
    const send = (call: CallState): Effect.Effect<unknown, ShutterstockError> =>
      Effect.matchEffect(sendOnce(call), {
        onFailure: (error) => {
          const { span } = call;
          const delayMs = retryDelay(method, call.policy, call.attempts, error);
          if (delayMs === undefined) {
            span.attribute("shutterstock.attempts", call.attempts);
            return Effect.fail(error);
          }
          debug(() => ({ type: "retry", operationId, attempt: call.attempts, delayMs, reason: error._tag }));
          const remaining = call.deadline - Date.now();
          if (delayMs >= remaining) {
            span.attribute("shutterstock.attempts", call.attempts);
            return Effect.andThen(
              Effect.sleep(Math.max(0, remaining)),
              Effect.fail(timeout("total", config.totalTimeoutMs)),
            );
          }
          return Effect.andThen(Effect.sleep(delayMs), send(call));
        },
        onSuccess: (result) => {
          call.span.attribute("http.response.status_code", result.status);
          call.span.attribute("shutterstock.attempts", call.attempts);
          return decode(result, call.validate);
        },
      });

    const decode = (result: AttemptResult, validate: boolean) => {
      const decoded = decodeResponse(result, validate);
      if (decoded.ok) return Effect.succeed(decoded.value);
      const requestId = requestIdOf(result.headers, scrub);
      return Effect.fail(
        new DecodeError({
          message: scrub(`${method} ${route}: unexpected response at ${decoded.path}: ${decoded.message}`),
          operationId,
          method,
          route,
          status: result.status,
          ...(requestId === undefined ? {} : { requestId }),
          path: decoded.path,
          issues: decoded.issues,
        }),
      );
    };

    // The call state is made per run, since the returned Effect may be run many times, concurrently.
    const run = (
      request: ExecuteInput,
      options: CallOptions,
      span: SpanAttributes,
    ): Effect.Effect<unknown, ShutterstockError> => {
      let written = plan.writeValid(request);
      if (written === undefined) {
        const checked = validateRequest(descriptor, request);
        if (!checked.ok) return Effect.fail(invalid(checked.issues));
        written = plan.write(checked.params, checked.body);
      }
      const paramHeaders = written.headers;
      const callHeaders = options.headers;
      if (paramHeaders !== undefined || callHeaders !== undefined) {
        const badHeaders = headerIssues(
          callHeaders ?? {},
          "headers",
          paramHeaders === undefined ? [] : headerIssues(paramHeaders, "params"),
        );
        if (badHeaders.length > 0) return Effect.fail(invalid(badHeaders));
      }
      const headers: Record<string, string> = { ...baseHeaders };
      if (paramHeaders !== undefined)
        for (const name in paramHeaders) headers[name.toLowerCase()] = paramHeaders[name] as string;
      if (callHeaders !== undefined)
        for (const name in callHeaders)
          if (Object.hasOwn(callHeaders, name)) headers[name.toLowerCase()] = callHeaders[name] as string;
      if (authHeader !== undefined) headers["authorization"] = authHeader;
      const body = written.body === undefined ? undefined : JSON.stringify(written.body);
      if (body !== undefined) headers["content-type"] = "application/json";
      // The path's parameters are percent-encoded and the query is form-encoded, so the URL is
      // already in the form a URL parser would give it.
      const call: CallState = {
        url: `${origin}${written.target}`,
        headers,
        body,
        deadline: Date.now() + config.totalTimeoutMs,
        policy: options.retry === undefined ? config.retry : resolveRetryPolicy(options.retry),
        validate: options.decode ?? config.decodeResponses,
        span,
        attempts: 0,
      };
      return send(call);
    };

    // `useSpan` rather than `withSpan`: nothing inside makes child spans, and setting attributes on
    // the span directly spares a context copy and two effects per call. Under Effect's built-in
    // tracer a span goes nowhere, and making one cost a tenth of a call: it is made only when a
    // tracer (OpenTelemetry, a test's) is installed to receive it. `withFiber` runs at execution
    // time, so the request is checked and built per run.
    return (request, options = {}) =>
      Effect.withFiber((fiber) =>
        fiber.getRef(Tracer.Tracer) === Tracer.nativeTracer
          ? run(request, options, UNTRACED)
          : Effect.useSpan(spanName(descriptor), spanOptionsOf(descriptor), (span) =>
              run(request, options, span),
            ),
      );
  };

  const operations = new WeakMap<OperationDescriptor, OperationRunner>();
  const execute = (descriptor: OperationDescriptor, request: ExecuteInput, options?: CallOptions) => {
    let runner = operations.get(descriptor);
    if (runner === undefined) {
      runner = bindOperation(descriptor);
      operations.set(descriptor, runner);
    }
    return runner(request, options);
  };

  return { config, execute };
};
