// How operation parameters travel in a URL, in both directions: the client writes them, the sandbox
// (and any server built on the descriptors) reads them back with the same rules.
import type { ParameterDescriptor, RouteDescriptor } from "../operation.ts";

export interface RequestParts {
  /** The path with its placeholders filled and escaped. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
}

const scalar = (value: unknown): string => (typeof value === "string" ? value : String(value));

const FORM_SAFE = /^[\w*.-]*$/;
const FORM_ESCAPED = /%20|[!'()~]/g;
const formEscape = (match: string): string =>
  match === "%20" ? "+" : `%${match.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * A value as `URLSearchParams` serializes it (application/x-www-form-urlencoded): what
 * encodeURIComponent leaves of `!'()~` escaped too, and spaces as `+`.
 */
export const formEncode = (value: string): string => {
  if (FORM_SAFE.test(value)) return value;
  try {
    return encodeURIComponent(value).replace(FORM_ESCAPED, formEscape);
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD, where encodeURIComponent throws.
    return new URLSearchParams([["", value]]).toString().slice(1);
  }
};

/** Params as they go on the wire. */
export interface WrittenParams {
  /** The path with its placeholders filled and escaped. */
  readonly path: string;
  /** The form-encoded query, without `?`; empty when no query param is given. */
  readonly query: string;
  /** Header params; undefined when none is given. */
  readonly headers: Readonly<Record<string, string>> | undefined;
}

type Route = Pick<RouteDescriptor, "path" | "parameters">;

const PLACEHOLDER = /\{([^}]+)\}/g;

/**
 * A writer of one route's params (path placeholders, query with arrays as repeated keys, headers),
 * prepared once. It visits only the params given, as plain objects and validation leave them (own,
 * enumerable, declared keys), and writes them in the order the route declares them, so a URL does
 * not depend on the order the caller wrote its params in.
 */
export const makeParamsWriter = (
  route: Route,
): ((params: Readonly<Record<string, unknown>>) => WrittenParams) => {
  const parameters: ReadonlyArray<ParameterDescriptor> = route.parameters;
  const indexOf: Record<string, number> = Object.create(null);
  parameters.forEach((parameter, index) => {
    indexOf[parameter.name] = index;
  });
  const names = parameters.map((parameter) => `${formEncode(parameter.name)}=`);
  const template = route.path;
  const fillPath = template.includes("{")
    ? (params: Readonly<Record<string, unknown>>) =>
        template.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(scalar(params[name])))
    : () => template;
  return (params) => {
    // The params given are few, so they are put in declared order by insertion (Array#sort allocates).
    const given: number[] = [];
    for (const key in params) {
      const index = indexOf[key];
      if (index === undefined || params[key] === undefined) continue;
      let at = given.length;
      while (at > 0 && (given[at - 1] as number) > index) {
        given[at] = given[at - 1] as number;
        at--;
      }
      given[at] = index;
    }
    let query = "";
    let headers: Record<string, string> | undefined;
    for (const index of given) {
      const parameter = parameters[index] as ParameterDescriptor;
      const value = params[parameter.name];
      if (parameter.in === "path") continue;
      if (parameter.in === "header") {
        headers ??= {};
        headers[parameter.name] = scalar(value);
      } else if (Array.isArray(value)) {
        for (const item of value)
          query += `${query === "" ? "" : "&"}${names[index]}${formEncode(scalar(item))}`;
      } else query += `${query === "" ? "" : "&"}${names[index]}${formEncode(scalar(value))}`;
    }
    return { path: fillPath(params), query, headers };
  };
};

const writers = new WeakMap<Route, (params: Readonly<Record<string, unknown>>) => WrittenParams>();

/** Writes params (see `makeParamsWriter`), with the query as `URLSearchParams`. */
export const writeParams = (route: Route, params: Readonly<Record<string, unknown>>): RequestParts => {
  let writer = writers.get(route);
  if (writer === undefined) {
    writer = makeParamsWriter(route);
    writers.set(route, writer);
  }
  const { path, query, headers } = writer(params);
  return { path, query: new URLSearchParams(query), headers: headers ?? {} };
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

/**
 * Reads params back from a request: path values, query (repeated keys become arrays, unknown keys are
 * kept so strict validation can reject them) and header params, coerced to the declared types.
 */
export const readParams = (
  descriptor: Pick<RouteDescriptor, "parameters">,
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
