// One HTTP attempt in flight, from the request to its outcome: the timeout it races, the abort
// that interruption sends, and what the fiber resumes with.
import { Effect } from "effect";
import type { DebugEvent, ResolvedConfig, ResolvedRetryPolicy } from "./config.ts";
import { Deadline, type Deadlines } from "./deadlines.ts";
import type { ShutterstockError, Timeout } from "./errors.ts";
import { type AttemptResult, type CallContext, httpError, networkError } from "./http.ts";

const REDACTED_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

const redactHeaders = (headers: Readonly<Record<string, string>>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = REDACTED_HEADERS.has(name.toLowerCase()) ? "<redacted>" : value;
  return out;
};

/** What a call writes on its span. */
export interface SpanAttributes {
  attribute(key: string, value: unknown): void;
}

/** One run of one call: what every attempt sends, the budget they share, and the call's settings. */
export interface CallState {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** When the total timeout ends, in `Date.now()` time. */
  readonly deadline: number;
  readonly policy: ResolvedRetryPolicy;
  readonly validate: boolean;
  readonly span: SpanAttributes;
  attempts: number;
}

/** What an attempt needs from its operation and client. */
export interface AttemptOwner {
  readonly context: CallContext;
  readonly deadlines: Deadlines;
  readonly timeout: (scope: "attempt" | "total", timeoutMs: number) => Timeout;
  readonly config: ResolvedConfig;
  readonly onDebug: ((event: DebugEvent) => void) | undefined;
  readonly debug: (event: () => DebugEvent) => void;
}

/**
 * One attempt in flight. It is its own deadline on the client's timer, and its methods are what
 * fetch's callbacks call, so an attempt costs one object rather than a closure per outcome.
 */
export class Attempt extends Deadline {
  readonly owner: AttemptOwner;
  readonly call: CallState;
  readonly resume: (outcome: Effect.Effect<AttemptResult, ShutterstockError>) => void;
  readonly at: number;
  readonly controller = new AbortController();
  readonly number: number;
  readonly started: number;
  readonly scope: "attempt" | "total";
  settled = false;

  constructor(
    owner: AttemptOwner,
    call: CallState,
    resume: (outcome: Effect.Effect<AttemptResult, ShutterstockError>) => void,
  ) {
    super();
    this.owner = owner;
    this.call = call;
    this.resume = resume;
    const { config } = owner;
    call.attempts += 1;
    this.number = call.attempts;
    this.started = Date.now();
    const remaining = call.deadline - this.started;
    this.scope = config.timeoutMs < remaining ? "attempt" : "total";
    this.at = this.started + Math.max(0, Math.min(config.timeoutMs, remaining));
    if (owner.onDebug !== undefined)
      owner.debug(() => ({
        type: "request",
        operationId: owner.context.operationId,
        method: owner.context.method,
        url: call.url,
        attempt: this.number,
        headers: redactHeaders(call.headers),
      }));
    owner.deadlines.add(this);
  }

  settle(outcome: Effect.Effect<AttemptResult, ShutterstockError>): void {
    if (this.settled) return;
    this.settled = true;
    this.owner.deadlines.remove(this);
    this.resume(outcome);
  }

  expire(): void {
    const { config, timeout } = this.owner;
    this.controller.abort();
    this.settle(
      Effect.fail(timeout(this.scope, this.scope === "attempt" ? config.timeoutMs : config.totalTimeoutMs)),
    );
  }

  failed(error: unknown): void {
    this.settle(Effect.fail(networkError(this.owner.context, error)));
  }

  received(response: Response, text: string): void {
    if (this.settled) return;
    const { context, onDebug } = this.owner;
    const result: AttemptResult = { status: response.status, headers: response.headers, text };
    if (onDebug !== undefined)
      this.owner.debug(() => ({
        type: "response",
        operationId: context.operationId,
        method: context.method,
        url: this.call.url,
        attempt: this.number,
        status: result.status,
        durationMs: Date.now() - this.started,
      }));
    this.settle(
      result.status >= 200 && result.status < 300
        ? Effect.succeed(result)
        : Effect.fail(httpError(context, result)),
    );
  }

  /** Interruption: the request is aborted, and nothing resumes the fiber. */
  cancel(): void {
    if (this.settled) return;
    this.settled = true;
    this.owner.deadlines.remove(this);
    this.controller.abort();
  }
}
