// CORS for the configured origins only. No credentials mode: the proxy authenticates itself, so the
// browser never needs to send cookies or an Authorization header, and neither is allowed.
import { ProxyConfigError } from "./config-error.ts";

export interface CorsOptions {
  /** Exact origins (`https://app.example.com`), or `"*"` for any origin. */
  readonly origins: ReadonlyArray<string> | "*";
  /** How long browsers may cache a preflight answer, in seconds. Default 600. */
  readonly maxAge?: number;
  /**
   * Whether requests without an `Origin` header (same-origin GETs, server-side callers) are served.
   * Default true: CORS is a browser guard, and such callers are still rate limited.
   */
  readonly allowMissingOrigin?: boolean;
}

/** Request headers a browser client may send; core's client sends only these. */
const ALLOWED_REQUEST_HEADERS = ["accept", "content-type", "user-agent"];
const EXPOSED_HEADERS = ["retry-after", "x-shutterkit-cache", "x-request-id"];

export interface Cors {
  /** `undefined` when the origin is not allowed; an empty set of headers when there is no origin. */
  readonly headersFor: (origin: string | null) => Headers | undefined;
  readonly preflight: (
    origin: string,
    methods: ReadonlyArray<string>,
    requestedHeaders: string | null,
  ) => Headers;
  readonly allowMissingOrigin: boolean;
}

const normalizeOrigin = (origin: string): string => {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new ProxyConfigError(`cors.origins: "${origin}" is not an origin such as https://app.example.com`);
  }
  if (url.origin === "null") throw new ProxyConfigError(`cors.origins: "${origin}" has no origin`);
  return url.origin;
};

export const makeCors = (options: CorsOptions): Cors => {
  const any = options.origins === "*";
  const allowed = new Set(any ? [] : (options.origins as ReadonlyArray<string>).map(normalizeOrigin));
  const maxAge = options.maxAge ?? 600;
  const headersFor = (origin: string | null): Headers | undefined => {
    const headers = new Headers();
    if (!any) headers.set("vary", "Origin");
    if (origin === null) return headers;
    if (!any && !allowed.has(origin)) return undefined;
    headers.set("access-control-allow-origin", any ? "*" : origin);
    headers.set("access-control-expose-headers", EXPOSED_HEADERS.join(", "));
    return headers;
  };
  const preflight = (origin: string, methods: ReadonlyArray<string>, requestedHeaders: string | null) => {
    const headers = headersFor(origin) ?? new Headers();
    headers.set("access-control-allow-methods", [...new Set(methods)].join(", "));
    const requested = (requestedHeaders ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter((name) => ALLOWED_REQUEST_HEADERS.includes(name));
    if (requested.length > 0) headers.set("access-control-allow-headers", requested.join(", "));
    headers.set("access-control-max-age", String(maxAge));
    headers.append("vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
    return headers;
  };
  return { headersFor, preflight, allowMissingOrigin: options.allowMissingOrigin ?? true };
};
