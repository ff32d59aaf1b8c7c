// How operation parameters travel in a URL, in both directions: the client writes them, the sandbox
// (and any server built on the descriptors) reads them back with the same rules.
import type { OperationDescriptor, ParameterDescriptor } from "./operation.ts";

export interface RequestParts {
  /** The path with its placeholders filled and escaped. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
}

const scalar = (value: unknown): string => (typeof value === "string" ? value : String(value));

/** Writes validated params: path placeholders, query (arrays as repeated keys) and headers. */
export const writeParams = (
  descriptor: Pick<OperationDescriptor, "path" | "parameters">,
  params: Readonly<Record<string, unknown>>,
): RequestParts => {
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of descriptor.parameters) {
    const value = params[parameter.name];
    if (value === undefined || parameter.in === "path") continue;
    if (parameter.in === "header") headers[parameter.name] = scalar(value);
    else if (Array.isArray(value)) for (const item of value) query.append(parameter.name, scalar(item));
    else query.append(parameter.name, scalar(value));
  }
  const path = descriptor.path.includes("{")
    ? descriptor.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(scalar(params[name])))
    : descriptor.path;
  return { path, query, headers };
};

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Strings from a URL to the parameter's type; anything that does not parse stays a string so validation names it. */
const coerce = (parameter: ParameterDescriptor, raw: string): unknown => {
  switch (parameter.type) {
    case "integer":
    case "number":
      return NUMBER.test(raw) ? Number(raw) : raw;
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : raw;
    default:
      return raw;
  }
};

/** Matches a concrete path against a descriptor's template; returns the decoded path params or undefined. */
export const matchPath = (template: string, path: string): Record<string, string> | undefined => {
  const names: string[] = [];
  const pattern = template
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (match === null) return undefined;
  const values: Record<string, string> = {};
  names.forEach((name, index) => {
    values[name] = decodeURIComponent(match[index + 1] ?? "");
  });
  return values;
};

/**
 * Reads params back from a request: path values, query (repeated keys become arrays, unknown keys are
 * kept so strict validation can reject them) and header params, coerced to the declared types.
 */
export const readParams = (
  descriptor: Pick<OperationDescriptor, "parameters">,
  pathValues: Readonly<Record<string, string>>,
  query: URLSearchParams,
  headers?: Headers,
): Record<string, unknown> => {
  const byName = new Map(descriptor.parameters.map((parameter) => [parameter.name, parameter]));
  const params: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    const parameter = byName.get(key);
    const values = query.getAll(key);
    if (parameter === undefined || parameter.in !== "query") {
      params[key] = values.length === 1 ? values[0] : values;
    } else if (parameter.array) {
      params[key] = values.map((value) => coerce(parameter, value));
    } else {
      params[key] = coerce(parameter, values[values.length - 1] ?? "");
    }
  }
  for (const parameter of descriptor.parameters) {
    if (parameter.in === "path" && pathValues[parameter.name] !== undefined) {
      params[parameter.name] = coerce(parameter, pathValues[parameter.name] ?? "");
    } else if (parameter.in === "header") {
      const value = headers?.get(parameter.name);
      if (value !== null && value !== undefined) params[parameter.name] = coerce(parameter, value);
    }
  }
  return params;
};

/**
 * `Retry-After` is either delay-seconds or an HTTP date. Returns milliseconds, or undefined when the
 * header is absent or unreadable.
 */
export const parseRetryAfter = (value: string | null, now: number = Date.now()): number | undefined => {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

export interface ApiErrorItem {
  readonly message: string;
  readonly code?: string;
  readonly path?: string;
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Reads the API's error body, `{ message, errors: [{ code, message, path }] }`, tolerating anything
 * else. `scrub` removes secrets from server text before it goes anywhere.
 */
export const readApiErrors = (
  text: string,
  scrub: (text: string) => string = (value) => value,
): { readonly message: string | undefined; readonly errors: ReadonlyArray<ApiErrorItem> } => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const list: unknown[] = Array.isArray(record["errors"]) ? record["errors"] : [];
  const errors = list.flatMap((item): ApiErrorItem[] => {
    if (typeof item !== "object" || item === null) return [];
    const entry = item as Record<string, unknown>;
    const message = str(entry["message"]);
    if (message === undefined) return [];
    const code = str(entry["code"]);
    const path = str(entry["path"]);
    return [
      {
        message: scrub(message),
        ...(code === undefined ? {} : { code }),
        ...(path === undefined ? {} : { path: scrub(path) }),
      },
    ];
  });
  const message = str(record["message"]) ?? errors[0]?.message;
  return { message: message === undefined ? undefined : scrub(message), errors };
};
