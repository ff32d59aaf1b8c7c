// The raw request: any method and path through the same pipeline (auth, retries by method,
// timeouts, typed errors, debug events), decoded with a schema when one is given. Known route
// templates are typed from the generated operations, as Octokit types `request("GET /repos/{owner}")`.
import type { Schema } from "effect";
import type { FieldIssue } from "../errors.ts";
import type * as Operations from "../generated/operations/index.ts";
import type { HttpMethod } from "../operation.ts";
import type { BodyOf, InputOf, ResultOf } from "../types.ts";
import { formEncode } from "../wire/params.ts";
import type { CallContext } from "./context.ts";
import type { CallOptions, Dispatch, Pipeline } from "./pipeline.ts";

type Ops = typeof Operations;

/** `"GET /v2/images/{id}"`: every route of the contract, as `client.request` accepts it. */
export type RouteKey = { [K in keyof Ops]: `${Ops[K]["method"]} ${Ops[K]["path"]}` }[keyof Ops];

/** The operation a route key names. */
export type OperationAt<R extends string> = {
  [K in keyof Ops]: R extends `${Ops[K]["method"]} ${Ops[K]["path"]}` ? Ops[K] : never;
}[keyof Ops];

type Scalar = string | number | boolean;

/** What a raw request sends: `params` fill the path's `{placeholders}`; the rest go to the query. */
export interface RawInput<
  Params = Readonly<Record<string, Scalar | ReadonlyArray<Scalar> | undefined>>,
  Body = unknown,
> {
  readonly params?: Params;
  readonly body?: Body;
}

/** The input of a known route: its params and body as the contract types them, unchecked at run time. */
export type RawInputOf<R extends string> = [OperationAt<R>] extends [never]
  ? RawInput
  : RawInput<InputOf<OperationAt<R>>, BodyOf<OperationAt<R>>>;

export interface RawOptions<A = unknown> extends CallOptions {
  /** Decodes the JSON response with this schema; without one, parsed JSON (or the text of other content) comes back as is. */
  readonly schema?: Schema.ConstraintDecoder<A>;
}

/** The result of a raw request: the schema's type, the route's result type, or `unknown`. */
export type RawResultOf<R extends string, O> = O extends {
  readonly schema: Schema.ConstraintDecoder<infer A>;
}
  ? A
  : [OperationAt<R>] extends [never]
    ? unknown
    : ResultOf<OperationAt<R>>;

const METHODS: ReadonlySet<string> = new Set<HttpMethod>(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]);
const PLACEHOLDER = /\{([^}]+)\}/g;

/** The raw request as a dispatch, or the issues that keep it from being sent. */
export const rawDispatch = (
  pipeline: Pipeline,
  route: string,
  input: RawInput | undefined,
  options: RawOptions | undefined,
): { readonly dispatch: Dispatch } | { readonly context: CallContext; readonly issues: FieldIssue[] } => {
  const space = route.indexOf(" ");
  const method = (space === -1 ? "GET" : route.slice(0, space)).toUpperCase();
  const template = space === -1 ? route : route.slice(space + 1);
  const context: CallContext = {
    operationId: "request",
    method,
    route: template,
    requiredScopes: [],
    scrub: pipeline.scrub,
  };
  const issues: FieldIssue[] = [];
  if (!METHODS.has(method))
    issues.push({ path: "method", message: `Expected one of ${[...METHODS].join(", ")}` });
  if (!template.startsWith("/")) issues.push({ path: "path", message: 'Expected a path starting with "/"' });
  const params: Record<string, unknown> = { ...input?.params };
  const path = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    delete params[name];
    if (value === undefined || value === "") {
      issues.push({ path: `params.${name}`, message: "Missing path parameter" });
      return "";
    }
    return encodeURIComponent(String(value));
  });
  const query: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value])
      query.push(`${formEncode(name)}=${formEncode(String(item))}`);
  }
  if (issues.length > 0) return { context, issues };
  return {
    dispatch: {
      context,
      path,
      query: query.join("&"),
      headers: undefined,
      body: input?.body === undefined ? undefined : JSON.stringify(input.body),
      schema: options?.schema,
      raw: true,
      modifiers: undefined,
      publicData: false,
      deprecated: false,
    },
  };
};
