// Small validators for option values; each failure is a UsageError naming the option.
import { UsageError } from "./errors.ts";

export const positiveInt = (name: string, value: string | undefined, max: number): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not "${value}".`);
  return Number(value);
};

export const oneOf = <const T extends string>(
  name: string,
  value: string | undefined,
  allowed: ReadonlyArray<T>,
): T | undefined => {
  if (value === undefined) return undefined;
  if (!(allowed as ReadonlyArray<string>).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(", ")}, not "${value}".`);
  return value as T;
};

/** Asset ids are positive integers in the API. */
export const assetId = (what: string, value: string | undefined): string => {
  if (value === undefined) throw new UsageError(`Missing the ${what}.`);
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`The ${what} must be a numeric id such as 1234567, not "${value}".`);
  return value;
};

export const required = (what: string, value: string | undefined): string => {
  if (value === undefined || value.trim() === "") throw new UsageError(`Missing the ${what}.`);
  return value;
};
