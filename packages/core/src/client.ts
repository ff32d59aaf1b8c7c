import { Cause, Context, Effect, Exit, Layer, Redacted, Schema, SchemaIssue } from "effect";
import {
  type Credentials,
  type DebugEvent,
  type ResolvedConfig,
  type RetryPolicy,
  resolveConfig,
  resolveRetryPolicy,
  type ShutterstockConfig,
} from "./config.ts";
import { DecodeError, type FieldIssue, InvalidRequest, type ShutterstockError, Timeout } from "./errors.ts";
import {
  type AttemptResult,
  type CallContext,
  httpError,
  makeKy,
  networkError,
  requestIdOf,
} from "./http.ts";
import type { OperationDescriptor } from "./operation.ts";
import { retrySchedule } from "./retry.ts";
import { writeParams } from "./wire.ts";

/** Per-call overrides of the client configuration. */
export interface CallOptions {
  /** Retry policy for this call, or `false` for a single attempt. */
  readonly retry?: RetryPolicy | false;
  /** Validate this response against the contract (default: the client's setting). */
  readonly decode?: boolean;
  /** Extra request headers (never logged). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ExecuteInput {
  readonly params?: unknown;
  readonly body?: unknown;
}

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

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "$"
    : path
        .map((key, index) =>
          typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
        )
        .join("");

const issuesOf = (error: unknown): FieldIssue[] => {
  if (!Schema.isSchemaError(error)) return [{ path: "$", message: String(error) }];
  const formatted = SchemaIssue.makeFormatterStandardSchemaV1()(error.issue);
  return formatted.issues.map((issue) => ({
    path: formatPath((issue.path ?? []).map((key) => (typeof key === "object" ? key.key : key))),
    message: issue.message,
  }));
};

const STRICT = { errors: "all", onExcessProperty: "error" } as const;

/**
 * Path values the schemas accept but a URL cannot carry: an empty segment would send the request to
 * another route (an empty collection id turns "rename" into "create"), and a lone UTF-16 surrogate
 * cannot be percent-encoded.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const pathIssues = (descriptor: OperationDescriptor, params: Record<string, unknown>): FieldIssue[] =>
  descriptor.parameters.flatMap((parameter) => {
    if (parameter.in !== "path") return [];
    const value = String(params[parameter.name] ?? "");
    if (value === "") return [{ path: parameter.name, message: "Expected a non-empty path segment" }];
    if (LONE_SURROGATE.test(value))
      return [{ path: parameter.name, message: "Expected well-formed Unicode" }];
    return [];
  });

const REDACTED_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

const redactHeaders = (headers: Headers): Record<string, string> => {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = REDACTED_HEADERS.has(name.toLowerCase()) ? "<redacted>" : value;
  });
  return out;
};

export const makeShutterstock = (input: ShutterstockConfig = {}): ShutterstockService => {
  const config = resolveConfig(input);
  const http = makeKy(config.fetch);
  const secrets = secretValues(config.credentials);
  const scrub = (text: string): string =>
    secrets.reduce((current, secret) => current.split(secret).join("<redacted>"), text);
  const authHeader = authorization(config.credentials);
  const debug = (event: DebugEvent) => {
    try {
      config.onDebug?.(event);
    } catch {
      // A failing debug hook must not fail the call.
    }
  };

  const execute = (descriptor: OperationDescriptor, request: ExecuteInput, options: CallOptions = {}) => {
    const method = descriptor.method;
    const context: CallContext = {
      operationId: descriptor.operationId,
      method,
      route: descriptor.path,
      requiredScopes: descriptor.security.flatMap((requirement) => requirement.scopes),
      scrub,
    };
    const fail = <E extends ShutterstockError>(error: E) => Effect.fail(error);
    const invalid = (issues: FieldIssue[]) =>
      new InvalidRequest({
        message: scrub(
          `${method} ${descriptor.path}: invalid request: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`,
        ),
        operationId: descriptor.operationId,
        method,
        route: descriptor.path,
        issues: issues.map((issue) => ({ path: issue.path, message: scrub(issue.message) })),
      });

    const validated = Effect.suspend(() => {
      const issues: FieldIssue[] = [];
      const params = Schema.decodeUnknownExit(descriptor.params)(request.params ?? {}, STRICT);
      if (Exit.isFailure(params)) issues.push(...issuesOf(Cause.squash(params.cause)));
      let body: unknown;
      if (descriptor.body !== undefined) {
        if (request.body === undefined && descriptor.body.required) {
          issues.push({ path: "body", message: "Missing request body" });
        } else if (request.body !== undefined) {
          const decoded = Schema.decodeUnknownExit(descriptor.body.schema)(request.body, STRICT);
          if (Exit.isFailure(decoded)) {
            for (const issue of issuesOf(Cause.squash(decoded.cause)))
              issues.push({
                path: issue.path === "$" ? "body" : `body.${issue.path}`,
                message: issue.message,
              });
          } else body = decoded.value;
        }
      }
      if (Exit.isSuccess(params))
        issues.push(...pathIssues(descriptor, params.value as Record<string, unknown>));
      if (issues.length > 0 || Exit.isFailure(params)) return fail(invalid(issues));
      return Effect.succeed({ params: params.value as Record<string, unknown>, body });
    });

    const attemptTimeoutMs = config.timeoutMs;

    const attempt = (url: URL, headers: Headers, body: string | undefined, counter: { attempts: number }) =>
      Effect.suspend(() => {
        counter.attempts += 1;
        const number = counter.attempts;
        const started = Date.now();
        debug({
          type: "request",
          operationId: descriptor.operationId,
          method,
          url: url.toString(),
          attempt: number,
          headers: redactHeaders(headers),
        });
        return Effect.tryPromise({
          try: async (signal): Promise<AttemptResult> => {
            const response = await http(url, {
              method,
              headers,
              signal,
              ...(body === undefined ? {} : { body }),
            });
            const text = await response.text();
            return { status: response.status, headers: response.headers, text };
          },
          catch: (error) => networkError(context, error),
        }).pipe(
          Effect.timeoutOrElse({
            duration: attemptTimeoutMs,
            orElse: () =>
              fail(
                new Timeout({
                  message: `${method} ${descriptor.path}: no complete response within ${attemptTimeoutMs} ms`,
                  operationId: descriptor.operationId,
                  method,
                  route: descriptor.path,
                  scope: "attempt",
                  timeoutMs: attemptTimeoutMs,
                }),
              ),
          }),
          Effect.tap((result) =>
            Effect.sync(() =>
              debug({
                type: "response",
                operationId: descriptor.operationId,
                method,
                url: url.toString(),
                attempt: number,
                status: result.status,
                durationMs: Date.now() - started,
              }),
            ),
          ),
          Effect.flatMap((result) =>
            result.status >= 200 && result.status < 300
              ? Effect.succeed(result)
              : fail(httpError(context, result)),
          ),
        );
      });

    const decode = (result: AttemptResult) => {
      const schema = descriptor.response.schema;
      if (schema === undefined || result.status === 204 || result.text === "")
        return Effect.succeed(undefined);
      const requestId = requestIdOf(result.headers, scrub);
      const decodeError = (path: string, message: string, issues: FieldIssue[]) =>
        new DecodeError({
          message: scrub(`${method} ${descriptor.path}: unexpected response at ${path}: ${message}`),
          operationId: descriptor.operationId,
          method,
          route: descriptor.path,
          status: result.status,
          ...(requestId === undefined ? {} : { requestId }),
          path,
          issues,
        });
      const contentType = result.headers.get("content-type") ?? "";
      if (!/\bjson\b/i.test(contentType))
        return fail(decodeError("$", `expected JSON, got content-type "${contentType}"`, []));
      let json: unknown;
      try {
        json = JSON.parse(result.text);
      } catch {
        return fail(decodeError("$", "malformed JSON", []));
      }
      if (!(options.decode ?? config.decodeResponses)) return Effect.succeed(json);
      // Stopping at the first issue is the fast path; only a failure pays for collecting them all.
      const decoded = Schema.decodeUnknownExit(schema)(json);
      if (Exit.isSuccess(decoded)) return Effect.succeed(decoded.value);
      const all = Schema.decodeUnknownExit(schema)(json, { errors: "all" });
      const issues = Exit.isFailure(all)
        ? issuesOf(Cause.squash(all.cause))
        : issuesOf(Cause.squash(decoded.cause));
      return fail(
        decodeError(issues[0]?.path ?? "$", issues[0]?.message ?? "does not match the contract", issues),
      );
    };

    const policy = options.retry === undefined ? config.retry : resolveRetryPolicy(options.retry);

    const call = (counter: { attempts: number }) =>
      Effect.gen(function* () {
        const { params, body } = yield* validated;
        const parts = writeParams(descriptor, params);
        const url = new URL(parts.path, config.baseUrl);
        url.search = parts.query.toString();
        const headers = new Headers({ accept: "application/json" });
        if (config.userAgent !== undefined) headers.set("user-agent", config.userAgent);
        for (const [name, value] of Object.entries(parts.headers)) headers.set(name, value);
        for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
        if (authHeader !== undefined) headers.set("authorization", authHeader);
        const payload = body === undefined ? undefined : JSON.stringify(body);
        if (payload !== undefined) headers.set("content-type", "application/json");
        const result = yield* attempt(url, headers, payload, counter).pipe(
          Effect.retry(
            retrySchedule(method, policy, (retry, delayMs, error) =>
              debug({
                type: "retry",
                operationId: descriptor.operationId,
                attempt: retry,
                delayMs,
                reason: error._tag,
              }),
            ),
          ),
        );
        yield* Effect.annotateCurrentSpan({
          "http.response.status_code": result.status,
          "shutterstock.attempts": counter.attempts,
        });
        return yield* decode(result);
      });

    // The counter is made per run, since the returned Effect may be run many times, concurrently.
    return Effect.suspend(() => {
      const counter = { attempts: 0 };
      return call(counter).pipe(
        Effect.timeoutOrElse({
          duration: config.totalTimeoutMs,
          orElse: () =>
            fail(
              new Timeout({
                message: `${method} ${descriptor.path}: no result within ${config.totalTimeoutMs} ms (retries included)`,
                operationId: descriptor.operationId,
                method,
                route: descriptor.path,
                scope: "total",
                timeoutMs: config.totalTimeoutMs,
              }),
            ),
        }),
        Effect.tapError(() => Effect.annotateCurrentSpan({ "shutterstock.attempts": counter.attempts })),
        Effect.withSpan(
          `shutterstock.${descriptor.operationId}`,
          {
            attributes: {
              "http.request.method": method,
              "url.template": descriptor.path,
              "shutterstock.operation_id": descriptor.operationId,
            },
          },
          // A stack capture per call costs more than the rest of the client; the span name locates the call.
          { captureStackTrace: false },
        ),
      );
    });
  };

  return { config, execute };
};
