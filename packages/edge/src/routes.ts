// Which requests reach which operation: the API's own paths, matched against the allowlisted
// descriptors only, with literal segments winning over placeholders as in the API's router. Entries
// are core's schema-free route descriptors (`@shutterkit/core/routes`); core's full operation
// descriptors are a superset of them and work as well.
import { matchPath, type RouteDescriptor } from "@shutterkit/core/routes";
import { ProxyConfigError } from "./config-error.ts";

/**
 * One allowlisted operation. A bare descriptor exposes a read (GET). Anything that changes state
 * needs `write: true`, and licensing (purchases) needs `purchase: true` as well, so that adding an
 * operation to the list can never start spending money by accident.
 */
export interface AllowRule {
  readonly operation: RouteDescriptor;
  /** Allow a POST, PUT, PATCH or DELETE operation, for callers whose grants include `write`. */
  readonly write?: boolean;
  /** Allow licensing (the `license*` operations), for callers whose grants include `purchase`. */
  readonly purchase?: boolean;
  /**
   * Seconds to keep successful responses in the edge cache, overriding the proxy's TTL; 0 turns
   * caching off for this operation. Only GET operations are ever cached.
   */
  readonly cacheTtl?: number;
}

export type AllowEntry = RouteDescriptor | AllowRule;

export type Access = "read" | "write" | "purchase";

export interface Route {
  readonly descriptor: RouteDescriptor;
  readonly access: Access;
  /** Whether the rule grants what the operation needs. */
  readonly permitted: boolean;
  /** Undefined means the proxy's default for cacheable operations. */
  readonly cacheTtl: number | undefined;
  readonly publicData: boolean;
}

const isRule = (entry: AllowEntry): entry is AllowRule => "operation" in entry;

/**
 * What an operation does to the account: read, change state, or buy. Core's generated route
 * descriptors state it (codegen derives it once from the contract), so the proxy only reads it.
 */
export const accessOf = (descriptor: RouteDescriptor): Access => descriptor.access;

/**
 * Data anyone with an application key may read (the operation accepts basic auth or no auth), as
 * opposed to an account's own collections, licenses or profile. Only the former is cached by default.
 */
const isPublicData = (descriptor: RouteDescriptor): boolean =>
  descriptor.security.length === 0 ||
  descriptor.security.some((requirement) => requirement.scheme === "basic");

/** Operations that hand out or describe credentials; a browser-facing proxy must never relay them. */
const NEVER_PROXIED = new Set(["/v2/oauth/access_token", "/v2/oauth/authorize", "/v2/user/access_token"]);

const permits = (rule: AllowRule, access: Access): boolean =>
  access === "read" ||
  (access === "write" && rule.write === true) ||
  (access === "purchase" && rule.purchase === true);

export const toRoute = (entry: AllowEntry): Route => {
  const rule = isRule(entry) ? entry : { operation: entry };
  const descriptor = rule.operation;
  if (NEVER_PROXIED.has(descriptor.path))
    throw new ProxyConfigError(`${descriptor.operationId} hands out credentials and cannot be proxied`);
  if (rule.cacheTtl !== undefined && !(Number.isFinite(rule.cacheTtl) && rule.cacheTtl >= 0))
    throw new ProxyConfigError(`${descriptor.operationId}: cacheTtl must be a number of seconds >= 0`);
  const access = accessOf(descriptor);
  return {
    descriptor,
    access,
    permitted: permits(rule, access),
    cacheTtl: rule.cacheTtl,
    publicData: isPublicData(descriptor),
  };
};

/**
 * Literal segments sort before placeholders, so `/v2/images/search` wins over `/v2/images/{id}`.
 * Only paths with as many segments can match the same request; the length just keeps the order total.
 */
const compareSpecificity = (a: Route, b: Route): number => {
  const left = a.descriptor.path.split("/");
  const right = b.descriptor.path.split("/");
  if (left.length !== right.length) return left.length - right.length;
  for (let index = 0; index < left.length; index++) {
    const l = (left[index] ?? "").startsWith("{");
    const r = (right[index] ?? "").startsWith("{");
    if (l !== r) return l ? 1 : -1;
  }
  return 0;
};

export type RouteMatch =
  | { readonly kind: "found"; readonly route: Route; readonly pathValues: Record<string, string> }
  | { readonly kind: "method"; readonly methods: ReadonlyArray<string> }
  | { readonly kind: "none" };

export interface RouteTable {
  readonly routes: ReadonlyArray<Route>;
  readonly find: (method: string, path: string) => RouteMatch;
  /** Methods of the permitted operations at a path, for preflight answers. */
  readonly methodsAt: (path: string) => ReadonlyArray<string>;
}

/** A malformed escape (`%E0%A4%A`) matches nothing rather than failing the request. */
const safeMatch = (template: string, path: string): Record<string, string> | undefined => {
  try {
    return matchPath(template, path);
  } catch {
    return undefined;
  }
};

export const buildRouteTable = (allow: ReadonlyArray<AllowEntry>): RouteTable => {
  const byId = new Map<string, Route>();
  for (const entry of allow) {
    const route = toRoute(entry);
    byId.set(route.descriptor.operationId, route);
  }
  const routes = [...byId.values()].sort(compareSpecificity);
  const find = (method: string, path: string): RouteMatch => {
    const methods: string[] = [];
    for (const route of routes) {
      const pathValues = safeMatch(route.descriptor.path, path);
      if (pathValues === undefined) continue;
      if (route.descriptor.method === method) return { kind: "found", route, pathValues };
      methods.push(route.descriptor.method);
    }
    return methods.length > 0 ? { kind: "method", methods: [...new Set(methods)] } : { kind: "none" };
  };
  const methodsAt = (path: string) => [
    ...new Set(
      routes
        .filter((route) => route.permitted && safeMatch(route.descriptor.path, path) !== undefined)
        .map((route) => route.descriptor.method),
    ),
  ];
  return { routes, find, methodsAt };
};

/**
 * Every literal segment of the API's paths is a lower-case word (`licenses`, `search`, `featured`).
 * A path value spelled like one would, once relayed, reach a different upstream route than the one
 * that was allowed (`/v2/images/collections/{id}` with id `featured`), so such values are refused.
 * So are values with a dot segment (`1/../../oauth`, from an encoded slash), which a server that
 * decodes before routing would resolve; a `%` left after decoding (double encoding, for a server
 * that decodes twice); and control characters (CR/LF), which have no place in an identifier.
 */
export const unsafePathValue = (pathValues: Readonly<Record<string, string>>): string | undefined =>
  Object.entries(pathValues).find(
    ([, value]) =>
      /^[a-z_]+$/.test(value) ||
      value.split("/").some((segment) => /^\.{1,2}$/.test(segment)) ||
      value.includes("%") ||
      hasControlCharacter(value),
  )?.[0];

/** C0 controls and DEL: CR/LF would split a header or a log line wherever a value is echoed. */
export const hasControlCharacter = (value: string): boolean => {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};
