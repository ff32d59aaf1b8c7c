// What an HTTP status from the API means, as the name of core's error class. The client raises that
// class; the edge proxy answers browsers with a problem of the same code, so both agree by construction.

/** The error classes a response status maps to. */
export type StatusErrorKind =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "Timeout"
  | "RateLimited"
  | "ServerError";

/** The error kind of a status that is neither a success (2xx) nor `304 Not Modified`. */
export const errorKindOf = (status: number): StatusErrorKind => {
  if (status === 401) return "Unauthorized";
  if (status === 403) return "Forbidden";
  if (status === 404) return "NotFound";
  if (status === 408) return "Timeout";
  if (status === 429) return "RateLimited";
  if (status >= 500) return "ServerError";
  return "BadRequest";
};

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;
