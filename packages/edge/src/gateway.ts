// How each of core's error kinds reaches a browser through the proxy: one table for the API's
// answers (upstream.ts, via core's own status table) and for core's typed errors (core-errors.ts).
// Failures the browser cannot fix (the proxy's credentials, the API down) are gateway errors.
import type { ShutterstockError } from "@shutterkit/core";

export interface GatewayAnswer {
  /** The status the browser gets; `undefined` keeps the API's own 4xx. */
  readonly status: number | undefined;
  readonly title: string;
}

export const GATEWAY: { readonly [K in ShutterstockError["_tag"]]: GatewayAnswer } = {
  InvalidRequest: { status: 400, title: "Invalid request" },
  BadRequest: { status: undefined, title: "Rejected by the API" },
  Unauthorized: { status: 502, title: "The proxy's credentials were rejected" },
  Forbidden: { status: 403, title: "Not allowed with the proxy's credentials" },
  NotFound: { status: 404, title: "Not found" },
  RateLimited: { status: 429, title: "Rate limited by the API" },
  ServerError: { status: 502, title: "The API failed" },
  Timeout: { status: 504, title: "The API did not answer in time" },
  NetworkError: { status: 502, title: "The API could not be reached" },
  DecodeError: { status: 502, title: "The API sent an unexpected response" },
};

/** The browser's status for an error kind, given the API's (for kinds that keep it). */
export const gatewayStatus = (kind: ShutterstockError["_tag"], apiStatus: number | undefined): number => {
  const status = GATEWAY[kind].status;
  if (status !== undefined) return status;
  return apiStatus !== undefined && apiStatus >= 400 && apiStatus < 500 ? apiStatus : 400;
};
