// An undici interceptor that sends a request again, at once and once, when its connection broke
// before any response byte: the case of a pooled keep-alive socket that the server (or a NAT or
// load balancer on the way) had closed while it sat idle. Repeating is safe for idempotent methods
// always; for any other method (a POST may be a purchase) only when the request provably never
// reached a socket, i.e. the failure came before undici's `onRequestStart`, which it calls right
// before writing the request's first byte.
import { IDEMPOTENT_METHODS, STALE_CONNECTION_CODES } from "@shutterkit/core/wire";
import type { Dispatcher } from "undici";

/** Methods whose repetition has the same effect as one call (core's retry rule says the same). */

/**
 * The `code` of a failure after the transport already sent the request again. Not one of core's
 * stale-connection codes on purpose: core re-sends a request whose connection was reset once at
 * once too, and the two must not add up to more than one immediate re-send. The original error
 * (with its own code) is the `cause`.
 */
export const RESEND_FAILED_CODE = "ERR_CONNECTION_LOST_AFTER_RESEND";

/** The failure of a request that was already sent a second time on a fresh attempt. */
export class ResendFailedError extends Error {
  readonly code = RESEND_FAILED_CODE;
  constructor(cause: Error) {
    super(`connection lost again after one re-send: ${codeOf(cause) ?? cause.message}`, { cause });
    this.name = "ResendFailedError";
  }
}

const codeOf = (error: Error): string | undefined => {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
};

const isBody = (body: unknown): body is AsyncIterable<Uint8Array> =>
  typeof body === "object" && body !== null && Symbol.asyncIterator in body;

/**
 * A request body that can be sent twice: the chunks read on the first send are kept until the
 * request is over, and a second send replays them. Only a body read to its end is replayed.
 * (undici's fetch hands the dispatcher every body as a one-shot async iterable.)
 */
class ReplayableBody implements AsyncIterable<Uint8Array> {
  readonly #source: AsyncIterable<Uint8Array>;
  #chunks: Uint8Array[] | undefined;
  #complete = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source;
  }

  /** Untouched, or read to its end: a new send gets all of it. */
  get replayable(): boolean {
    return this.#chunks === undefined || this.#complete;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    if (this.#chunks !== undefined) {
      if (!this.#complete) throw new Error("request body cannot be sent again: it was not read to its end");
      yield* this.#chunks;
      return;
    }
    const chunks: Uint8Array[] = [];
    this.#chunks = chunks;
    for await (const chunk of this.#source) {
      chunks.push(chunk);
      yield chunk;
    }
    this.#complete = true;
  }
}

/**
 * The controller the downstream handler keeps across both sends: it acts on whichever attempt is
 * current, and an abort that came between the two reaches the second.
 */
class CurrentController implements Dispatcher.DispatchController {
  #target: Dispatcher.DispatchController | undefined;
  #abortReason: Error | undefined;
  #paused = false;

  set target(target: Dispatcher.DispatchController) {
    this.#target = target;
    if (this.#abortReason !== undefined) target.abort(this.#abortReason);
    else if (this.#paused) target.pause();
  }

  get aborted(): boolean {
    return this.#abortReason !== undefined || (this.#target?.aborted ?? false);
  }
  get paused(): boolean {
    return this.#paused;
  }
  get reason(): Error | null {
    return this.#abortReason ?? this.#target?.reason ?? null;
  }
  abort(reason: Error): void {
    this.#abortReason ??= reason;
    this.#target?.abort(reason);
  }
  pause(): void {
    this.#paused = true;
    this.#target?.pause();
  }
  resume(): void {
    this.#paused = false;
    this.#target?.resume();
  }
}

/** undici takes any async iterable as a body; its option type lists only the common ones. */
const withBody = (options: Dispatcher.DispatchOptions, body: ReplayableBody): Dispatcher.DispatchOptions => ({
  ...options,
  body: body as unknown as NonNullable<Dispatcher.DispatchOptions["body"]>,
});

class ResendOnStaleConnection implements Dispatcher.DispatchHandler {
  readonly #dispatch: Dispatcher.Dispatch;
  readonly #options: Dispatcher.DispatchOptions;
  readonly #body: ReplayableBody | undefined;
  readonly #handler: Dispatcher.DispatchHandler;
  readonly #controller = new CurrentController();
  readonly #idempotent: boolean;
  /** undici called `onRequestStart`: from here on, bytes of the request may be on the wire. */
  #written = false;
  #responded = false;
  #resent = false;

  constructor(
    dispatch: Dispatcher.Dispatch,
    options: Dispatcher.DispatchOptions,
    body: ReplayableBody | undefined,
    handler: Dispatcher.DispatchHandler,
  ) {
    this.#dispatch = dispatch;
    this.#options = options;
    this.#body = body;
    this.#handler = handler;
    this.#idempotent = IDEMPOTENT_METHODS.has(options.method);
  }

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.#written = true;
    this.#controller.target = controller;
    if (!this.#resent) this.#handler.onRequestStart?.(this.#controller, context);
  }

  onRequestUpgrade(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Parameters<NonNullable<Dispatcher.DispatchHandler["onRequestUpgrade"]>>[2],
    socket: Parameters<NonNullable<Dispatcher.DispatchHandler["onRequestUpgrade"]>>[3],
  ): void {
    this.#handler.onRequestUpgrade?.(this.#controller, statusCode, headers, socket);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Parameters<NonNullable<Dispatcher.DispatchHandler["onResponseStart"]>>[2],
    statusMessage?: string,
  ): void {
    this.#responded = true;
    this.#handler.onResponseStart?.(this.#controller, statusCode, headers, statusMessage);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#handler.onResponseData?.(this.#controller, chunk);
  }

  onResponseEnd(
    _controller: Dispatcher.DispatchController,
    trailers: Parameters<NonNullable<Dispatcher.DispatchHandler["onResponseEnd"]>>[1],
  ): void {
    this.#handler.onResponseEnd?.(this.#controller, trailers);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#resent) {
      const code = codeOf(error);
      const lostAgain = code !== undefined && STALE_CONNECTION_CODES.has(code);
      this.#handler.onResponseError?.(this.#controller, lostAgain ? new ResendFailedError(error) : error);
      return;
    }
    if (!this.#mayResend(error)) {
      this.#handler.onResponseError?.(this.#controller, error);
      return;
    }
    this.#resent = true;
    this.#written = false;
    try {
      this.#dispatch(this.#body === undefined ? this.#options : withBody(this.#options, this.#body), this);
    } catch (dispatchError) {
      this.#handler.onResponseError?.(
        this.#controller,
        dispatchError instanceof Error ? dispatchError : new Error(String(dispatchError)),
      );
    }
  }

  #mayResend(error: Error): boolean {
    const code = codeOf(error);
    if (code === undefined || !STALE_CONNECTION_CODES.has(code)) return false;
    if (this.#responded || this.#controller.aborted) return false;
    if (!this.#written) return true;
    return this.#idempotent && (this.#body?.replayable ?? true);
  }
}

/**
 * `dispatcher.compose(resendOnStaleConnection)`: each request is sent again once, at once, when
 * its connection broke before any response byte (codes ECONNRESET, EPIPE, UND_ERR_SOCKET), for
 * GET, HEAD, PUT, DELETE and OPTIONS; for other methods only when no byte had been written.
 */
export const resendOnStaleConnection: Dispatcher.DispatcherComposeInterceptor =
  (dispatch) => (options, handler) => {
    if (options.upgrade !== undefined && options.upgrade !== null) return dispatch(options, handler);
    const idempotent = IDEMPOTENT_METHODS.has(options.method);
    // Only an idempotent method is re-sent after its body was read; another one's body is re-sent
    // only untouched, so it is not recorded.
    const body = idempotent && isBody(options.body) ? new ReplayableBody(options.body) : undefined;
    const first = body === undefined ? options : withBody(options, body);
    return dispatch(first, new ResendOnStaleConnection(dispatch, options, body, handler));
  };
