// Route matching for servers and proxies: the route table compiled once into a tree of path
// segments, so a request walks its own segments instead of trying a pattern per route.

interface Terminal<R> {
  readonly route: R;
  /** Names of the route's placeholders, in path order. */
  readonly names: ReadonlyArray<string>;
}

interface Node<R> {
  readonly literal: Map<string, Node<R>>;
  placeholder: Node<R> | undefined;
  readonly byMethod: Map<string, Terminal<R>>;
}

const node = <R>(): Node<R> => ({ literal: new Map(), placeholder: undefined, byMethod: new Map() });

export type RouteMatch<R> =
  /** The route, with its path parameters percent-decoded. */
  | { readonly route: R; readonly params: Readonly<Record<string, string>> }
  /** The path exists, but not for this method: the methods it has (for `405` and `Allow`). */
  | { readonly route: undefined; readonly allowed: ReadonlyArray<string> };

export interface Router<R> {
  /** Undefined when no route has this path. */
  match(method: string, path: string): RouteMatch<R> | undefined;
}

const PLACEHOLDER = /^\{([^}]+)\}$/;

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/**
 * Compiles routes (`{ method, path }` with `{name}` placeholders, one whole segment each) into a
 * router. A literal segment wins over a placeholder (`/v2/images/search` before `/v2/images/{id}`);
 * a placeholder takes one non-empty segment, never a `/`. A path with a segment that is not valid
 * percent-encoding matches nothing.
 */
export const compileRoutes = <R extends { readonly method: string; readonly path: string }>(
  routes: Iterable<R>,
): Router<R> => {
  const root = node<R>();
  for (const route of routes) {
    let at = root;
    const names: string[] = [];
    for (const segment of route.path.split("/").slice(1)) {
      const placeholder = PLACEHOLDER.exec(segment);
      if (placeholder === null) {
        let next = at.literal.get(segment);
        if (next === undefined) {
          next = node();
          at.literal.set(segment, next);
        }
        at = next;
      } else {
        names.push(placeholder[1] as string);
        at.placeholder ??= node();
        at = at.placeholder;
      }
    }
    at.byMethod.set(route.method.toUpperCase(), { route, names });
  }

  const walk = (
    at: Node<R>,
    segments: ReadonlyArray<string>,
    index: number,
    values: string[],
  ): Node<R> | undefined => {
    if (index === segments.length) return at.byMethod.size > 0 ? at : undefined;
    const segment = segments[index] as string;
    const literal = at.literal.get(segment);
    if (literal !== undefined) {
      const found = walk(literal, segments, index + 1, values);
      if (found !== undefined) return found;
    }
    if (at.placeholder === undefined || segment === "") return undefined;
    values.push(segment);
    const found = walk(at.placeholder, segments, index + 1, values);
    if (found === undefined) values.pop();
    return found;
  };

  return {
    match: (method, path) => {
      if (!path.startsWith("/")) return undefined;
      const values: string[] = [];
      const found = walk(root, path.split("/").slice(1), 0, values);
      if (found === undefined) return undefined;
      const terminal = found.byMethod.get(method.toUpperCase());
      if (terminal === undefined) return { route: undefined, allowed: [...found.byMethod.keys()] };
      const params: Record<string, string> = {};
      for (let index = 0; index < terminal.names.length; index++) {
        const value = decodeSegment(values[index] as string);
        if (value === undefined) return undefined;
        params[terminal.names[index] as string] = value;
      }
      return { route: terminal.route, params };
    },
  };
};

const single = new Map<string, Router<{ readonly method: string; readonly path: string }>>();

/**
 * Matches a concrete path against one template; the decoded path params, or undefined. For code that
 * checks one route; a server with many routes compiles them once with {@link compileRoutes}.
 */
export const matchPath = (template: string, path: string): Record<string, string> | undefined => {
  let router = single.get(template);
  if (router === undefined) {
    router = compileRoutes([{ method: "GET", path: template }]);
    single.set(template, router);
  }
  const found = router.match("GET", path);
  return found?.route === undefined ? undefined : { ...found.params };
};
