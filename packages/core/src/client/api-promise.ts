// The Promise a call returns: awaiting it gives the data; `.withResponse()` gives the data with the
// response metadata, from the same single request (as openai-node's `APIPromise`).
import type { WithResponse } from "./pipeline.ts";

export class APIPromise<T> extends Promise<T> {
  readonly #response: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  // Derived promises (`then`, `catch`) are plain Promises, not APIPromises.
  static override get [Symbol.species]() {
    return Promise;
  }

  constructor(response: Promise<WithResponse<T>>) {
    // Settled at once and never rejected: the outcome lives in `#response`, so a caller that only
    // uses `.withResponse()` leaves no unhandled rejection behind.
    super((resolve) => resolve(undefined as T));
    this.#response = response;
  }

  /** The data with `{ status, headers, requestId, attempts }`. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#response;
  }

  #dataPromise(): Promise<T> {
    this.#data ??= this.#response.then((result) => result.data);
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass must override `then` to be lazy.
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#dataPromise().then(onFulfilled, onRejected);
  }

  override catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#dataPromise().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#dataPromise().finally(onFinally);
  }
}
