// CORS for the configured origins only, checked before anything else. No credentials mode: cookies
// are never allowed. A proxy with `authorize` lets the browser send an `Authorization` header (the
// deployer's own token for the caller), which `authorize` reads and the API never sees.
import { ProxyConfigError } from "./config-error.ts";

export interface CorsOptions {
  /** Exact origins (`https://app.example.com`), or `"*"` for any origin. */
  readonly origins: ReadonlyArray<string> | "*";
  /** How long browsers may cache a preflight answer, in seconds. Default 600. */
  readonly maxAge?: number;
  /**
   * Whether requests without an `Origin` header are served. Default false: `curl` and scripts send
   * none. Browsers omit it on same-origin GETs, so a proxy on the page's own origin needs `true`
   * (callers then still pass `authorize` and the rate limit).
   */
  readonly allowMissingOrigin?: boolean;
}

/** Request headers a browser client may send; core's client sends only these. */
const ALLOWED_REQUEST_HEADERS = ["accept", "content-type", "user-agent"];
/** With `authorize`, the caller's own token too. */
const AUTHORIZED_REQUEST_HEADERS = [...ALLOWED_REQUEST_HEADERS, "authorization"];
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

export const makeCors = (options: CorsOptions, callerCredentials: boolean): Cors => {
  const allowedHeaders = callerCredentials ? AUTHORIZED_REQUEST_HEADERS : ALLOWED_REQUEST_HEADERS;
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
      .filter((name) => allowedHeaders.includes(name));
    if (requested.length > 0) headers.set("access-control-allow-headers", requested.join(", "));
    headers.set("access-control-max-age", String(maxAge));
    headers.append("vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
    return headers;
  };
  return { headersFor, preflight, allowMissingOrigin: options.allowMissingOrigin ?? false };
};
