// Log lines of the pipeline: levels as users name them, filtered once, written to the configured
// logger or, without one, to the console. Effect's `Logger` is opt-in (`logger: effectLogger`), so
// a client that does not route its lines there ships none of Effect's logging machinery.
import * as Effect from "effect/Effect";

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where log lines go. `fields` never holds a credential: headers are redacted and URLs are public. */
export interface ShutterstockLogger {
  readonly log: (
    level: Exclude<LogLevel, "off">,
    message: string,
    fields: Readonly<Record<string, unknown>>,
  ) => void;
}

/** A logger whose lines are Effects, run in the call's fiber: what {@link effectLogger} is. */
export interface EffectLogger {
  readonly logEffect: (
    level: Exclude<LogLevel, "off">,
    message: string,
    fields: Readonly<Record<string, unknown>>,
  ) => Effect.Effect<void>;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };
const SEVERITY = { debug: "Debug", info: "Info", warn: "Warn", error: "Error" } as const;

/** Reads a level from text (`SHUTTERKIT_LOG=debug`); anything else is undefined. */
export const parseLogLevel = (value: string | undefined): LogLevel | undefined => {
  const level = value?.trim().toLowerCase();
  return level !== undefined && level in RANK ? (level as LogLevel) : undefined;
};

/** The default: `console.debug`, `console.info`, `console.warn` or `console.error`. */
const consoleLogger: ShutterstockLogger = {
  log: (level, message, fields) => console[level](message, fields),
};

/**
 * Lines through Effect's `Logger`, in the call's fiber: `logger: effectLogger`, and a logger layer
 * of your own (`Logger.layer`, an OTLP exporter) receives them, under Effect's minimum level too.
 */
export const effectLogger: EffectLogger = {
  logEffect: (level, message, fields) => Effect.logWithLevel(SEVERITY[level])(message, fields),
};

export type Log = (
  level: Exclude<LogLevel, "off">,
  message: string,
  fields: () => Readonly<Record<string, unknown>>,
) => Effect.Effect<void>;

export const makeLog = (
  threshold: LogLevel,
  logger: ShutterstockLogger | EffectLogger = consoleLogger,
): Log => {
  const floor = RANK[threshold];
  return (level, message, fields) => {
    if (RANK[level] < floor) return Effect.void;
    if ("logEffect" in logger) return Effect.suspend(() => logger.logEffect(level, message, fields()));
    return Effect.sync(() => {
      try {
        logger.log(level, message, fields());
      } catch {
        // A failing logger must not fail the call.
      }
    });
  };
};
