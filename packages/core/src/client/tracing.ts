// Opt-in tracing of calls: one client span per call (HTTP semconv attributes, the status, the
// attempts) under the caller's span, and that span sent as W3C `traceparent` so the API's traces
// join yours. The pipeline knows only the `Tracing` interface, so a client without `tracing`
// ships none of Effect's span machinery.
import * as Effect from "effect/Effect";
import * as Option from "effect/Option";

export interface TracingOptions {
  /** Send the call's parent span as W3C `traceparent`. Default true. */
  readonly propagation?: boolean;
}

/** What the pipeline asks of tracing. Made by {@link tracing}. */
export interface Tracing {
  /** The `traceparent` header for the call, or undefined (no span, or propagation off). */
  readonly traceparent: Effect.Effect<string | undefined>;
  /** Adds attributes to the call's span. */
  readonly annotate: (attributes: Readonly<Record<string, unknown>>) => Effect.Effect<void>;
  /** Runs the call in a client span named `name`. */
  readonly span: <A, E>(
    effect: Effect.Effect<A, E>,
    name: string,
    attributes: Readonly<Record<string, unknown>>,
  ) => Effect.Effect<A, E>;
}

/** W3C trace context of the current span, so the API's traces join the caller's. */
const traceparentOf = Effect.map(Effect.option(Effect.currentSpan), (span) =>
  Option.isNone(span)
    ? undefined
    : `00-${span.value.traceId}-${span.value.spanId}-${span.value.sampled ? "01" : "00"}`,
);

/**
 * Tracing for `config.tracing`: `tracing()`, or `tracing({ propagation: false })` to keep the
 * spans but send no `traceparent`. Spans go to the Effect `Tracer` in scope (an OTLP exporter of
 * `effect/observability`, for one).
 */
export const tracing = (options: TracingOptions = {}): Tracing => ({
  traceparent: options.propagation === false ? Effect.succeed(undefined) : traceparentOf,
  annotate: (attributes) => Effect.annotateCurrentSpan(attributes),
  span: (effect, name, attributes) =>
    effect.pipe(
      Effect.withSpan(
        name,
        { kind: "client", attributes },
        // The call site would be inside the pipeline; capturing it costs a stack trace per call.
        { captureStackTrace: false },
      ),
    ),
});
