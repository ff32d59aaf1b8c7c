// Log lines of the pipeline: levels as users name them, filtered once, written to the configured
// logger or, without one, to Effect's `Logger` (so an Effect program's logger layer receives them).
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

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };
const SEVERITY = { debug: "Debug", info: "Info", warn: "Warn", error: "Error" } as const;

/** Reads a level from text (`SHUTTERKIT_LOG=debug`); anything else is undefined. */
export const parseLogLevel = (value: string | undefined): LogLevel | undefined => {
  const level = value?.trim().toLowerCase();
  return level !== undefined && level in RANK ? (level as LogLevel) : undefined;
};

export type Log = (
  level: Exclude<LogLevel, "off">,
  message: string,
  fields: () => Readonly<Record<string, unknown>>,
) => Effect.Effect<void>;

export const makeLog = (threshold: LogLevel, logger: ShutterstockLogger | undefined): Log => {
  const floor = RANK[threshold];
  return (level, message, fields) => {
    if (RANK[level] < floor) return Effect.void;
    if (logger === undefined) return Effect.logWithLevel(SEVERITY[level])(message, fields());
    return Effect.sync(() => {
      try {
        logger.log(level, message, fields());
      } catch {
        // A failing logger must not fail the call.
      }
    });
  };
};
