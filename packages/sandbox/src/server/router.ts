// Matches a request to an operation of the contract. Templates are compiled once; when several
// templates fit a path (`/v2/images/search` and `/v2/images/{id}`), literal segments win.
import type { OperationDescriptor } from "@shutterkit/core";

type Segment = { readonly literal: string } | { readonly param: string };

interface Route<D extends OperationDescriptor> {
  readonly descriptor: D;
  readonly segments: ReadonlyArray<Segment>;
  /** One digit per segment, 1 for a literal: higher sorts first, so literals win position by position. */
  readonly rank: string;
}

export type RouteMatch<D extends OperationDescriptor> =
  | { readonly kind: "match"; readonly descriptor: D; readonly pathParams: Record<string, string> }
  | { readonly kind: "method-not-allowed"; readonly allow: ReadonlyArray<string> }
  | { readonly kind: "not-found" };

const split = (path: string): string[] => path.split("/").filter((part) => part.length > 0);

const compile = (template: string): Segment[] =>
  split(template).map((part) => {
    const param = /^\{([^}]+)\}$/.exec(part);
    return param ? { param: param[1] ?? "" } : { literal: part };
  });

const safeDecode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};

export class Router<D extends OperationDescriptor> {
  private readonly routes: ReadonlyArray<Route<D>>;

  constructor(descriptors: Iterable<D>) {
    const routes: Route<D>[] = [];
    for (const descriptor of descriptors) {
      const segments = compile(descriptor.path);
      const rank = segments.map((segment) => ("literal" in segment ? "1" : "0")).join("");
      routes.push({ descriptor, segments, rank });
    }
    this.routes = routes.sort((a, b) => (a.rank < b.rank ? 1 : a.rank > b.rank ? -1 : 0));
  }

  match(method: string, pathname: string): RouteMatch<D> {
    const parts = split(pathname);
    let bestRank: string | undefined;
    const allow: string[] = [];
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      if (bestRank !== undefined && route.rank !== bestRank) break;
      const params: Record<string, string> = {};
      let ok = true;
      for (let index = 0; index < parts.length && ok; index++) {
        const segment = route.segments[index];
        const part = parts[index] ?? "";
        if (segment === undefined) ok = false;
        else if ("literal" in segment) ok = segment.literal === part;
        else {
          const decoded = safeDecode(part);
          if (decoded === undefined) ok = false;
          else params[segment.param] = decoded;
        }
      }
      if (!ok) continue;
      bestRank = route.rank;
      if (route.descriptor.method === method)
        return { kind: "match", descriptor: route.descriptor, pathParams: params };
      allow.push(route.descriptor.method);
    }
    return allow.length > 0 ? { kind: "method-not-allowed", allow: allow.sort() } : { kind: "not-found" };
  }
}
