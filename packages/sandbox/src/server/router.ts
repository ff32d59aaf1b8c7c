// Matches a request to an operation of the contract, with core's one router (core/wire): the
// templates compiled once into a tree of segments, literal segments winning over placeholders.
import type { OperationDescriptor } from "@shutterkit/core";
import { compileRoutes, type Router as WireRouter } from "@shutterkit/core/wire";

export type RouteMatch<D extends OperationDescriptor> =
  | { readonly kind: "match"; readonly descriptor: D; readonly pathParams: Record<string, string> }
  | { readonly kind: "method-not-allowed"; readonly allow: ReadonlyArray<string> }
  | { readonly kind: "not-found" };

export class Router<D extends OperationDescriptor> {
  private readonly routes: WireRouter<D>;

  constructor(descriptors: Iterable<D>) {
    this.routes = compileRoutes(descriptors);
  }

  match(method: string, pathname: string): RouteMatch<D> {
    const found = this.routes.match(method, pathname);
    if (found === undefined) return { kind: "not-found" };
    if ("allowed" in found) return { kind: "method-not-allowed", allow: [...found.allowed].sort() };
    return { kind: "match", descriptor: found.route, pathParams: { ...found.params } };
  }
}
