// What sending an operation's request takes, prepared once per operation: the compiled guards of its
// params and body, its path checks, and its params writer (wire.ts). Checking and writing a request
// used to walk every declared parameter (25 for an image search) and build a URLSearchParams per
// call; between network round trips, where a client spends its life, that cold work cost about a
// quarter of what shutterkit adds to a call. The writer visits only the params given.
import type { FieldIssue } from "./errors.ts";
import { compileGuard, type Guard } from "./guard.ts";
import type { OperationDescriptor } from "./operation.ts";
import { makeParamsWriter } from "./wire.ts";

export interface RequestInput {
  readonly params?: unknown;
  readonly body?: unknown;
}

export interface WrittenRequest {
  /** The path with its placeholders filled and escaped, then the query, e.g. `/v2/images/search?query=cat`. */
  readonly target: string;
  /** Header params the call sets; undefined when none. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly body: unknown;
}

export interface RequestPlan {
  /**
   * Whether the input is valid as given: Schema would accept it unchanged, and no path value is one
   * a URL cannot carry. `false` means "ask Schema", which also names what is wrong.
   */
  readonly accepts: (input: RequestInput) => boolean;
  /**
   * The request, when its input is valid as given (no Schema transformation needed, no path value a
   * URL cannot carry); undefined when Schema must decide, and name what is wrong.
   */
  readonly writeValid: (input: RequestInput) => WrittenRequest | undefined;
  /** Writes params and body validation accepted, as given or as Schema decoded them. */
  readonly write: (params: Readonly<Record<string, unknown>>, body: unknown) => WrittenRequest;
}

const EXACT = { onExcessProperty: "error" } as const;

/**
 * Path values the schemas accept but a URL cannot carry: an empty segment or a dot segment would send
 * the request to another route (an empty collection id turns "rename" into "create", and ".", which
 * percent-encoding leaves as is, is resolved away by every URL parser), and a lone UTF-16 surrogate
 * cannot be percent-encoded.
 */
const DOT_SEGMENT = /^\.{1,2}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const pathParameterNames = (descriptor: OperationDescriptor): ReadonlyArray<string> =>
  descriptor.parameters.filter((parameter) => parameter.in === "path").map(({ name }) => name);

const checkPath = (names: ReadonlyArray<string>, params: Readonly<Record<string, unknown>>): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  for (const name of names) {
    const value = String(params[name] ?? "");
    if (value === "") issues.push({ path: name, message: "Expected a non-empty path segment" });
    else if (DOT_SEGMENT.test(value))
      issues.push({ path: name, message: 'Expected a path segment other than "." and ".."' });
    else if (LONE_SURROGATE.test(value)) issues.push({ path: name, message: "Expected well-formed Unicode" });
  }
  return issues;
};

/** The path values of valid params that a URL cannot carry. */
export const pathIssues = (
  descriptor: OperationDescriptor,
  params: Readonly<Record<string, unknown>>,
): FieldIssue[] => checkPath(planOf(descriptor).pathNames, params);

interface CompiledPlan extends RequestPlan {
  readonly pathNames: ReadonlyArray<string>;
}

const makePlan = (descriptor: OperationDescriptor): CompiledPlan => {
  const paramsGuard: Guard | undefined = compileGuard(descriptor.params, EXACT);
  const bodyGuard: Guard | undefined =
    descriptor.body === undefined ? undefined : compileGuard(descriptor.body.schema, EXACT);
  const bodyRequired = descriptor.body?.required === true;
  const pathNames = pathParameterNames(descriptor);
  const writeParams = makeParamsWriter(descriptor);
  const write = (params: Readonly<Record<string, unknown>>, body: unknown): WrittenRequest => {
    const { path, query, headers } = writeParams(params);
    return { target: query === "" ? path : `${path}?${query}`, headers, body };
  };
  // Valid input passes the compiled guards and is sent as given (the schemas transform nothing).
  const bodyValid =
    descriptor.body === undefined
      ? () => true
      : (body: unknown) => (body === undefined ? !bodyRequired : bodyGuard?.(body) === true);
  const accepts = (input: RequestInput): boolean => {
    const params = (input.params ?? {}) as Readonly<Record<string, unknown>>;
    return (
      paramsGuard?.(params) === true &&
      bodyValid(input.body) &&
      (pathNames.length === 0 || checkPath(pathNames, params).length === 0)
    );
  };
  return {
    pathNames,
    accepts,
    write,
    writeValid: (input) =>
      accepts(input)
        ? write((input.params ?? {}) as Readonly<Record<string, unknown>>, input.body)
        : undefined,
  };
};

const plans = new WeakMap<OperationDescriptor, CompiledPlan>();

/** The operation's plan, prepared on its first call. */
export const planOf = (descriptor: OperationDescriptor): CompiledPlan => {
  let plan = plans.get(descriptor);
  if (plan === undefined) {
    plan = makePlan(descriptor);
    plans.set(descriptor, plan);
  }
  return plan;
};
