// A tiny assertion helper with no runtime dependencies, so the suite bundles for every runtime.
export class AssertionError extends Error {
  override readonly name = "AssertionError";
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export const equal = <T>(actual: T, expected: T, what: string): void => {
  if (!Object.is(actual, expected))
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
};

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

type Class<T> = abstract new (...args: never[]) => T;

/** Awaits a promise that must reject with an instance of `type`; returns the error. */
export const rejects = async <T>(promise: Promise<unknown>, type: Class<T>, what: string): Promise<T> => {
  let outcome: unknown;
  try {
    await promise;
    outcome = undefined;
  } catch (error) {
    if (error instanceof type) return error;
    outcome = error;
  }
  const got =
    outcome === undefined
      ? "it resolved"
      : `got ${outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : show(outcome)}`;
  throw new AssertionError(`${what}: expected a ${type.name} rejection, ${got}`);
};
