// Core's typed errors as problem documents, for servers that call the API through core's client
// themselves and answer browsers in the proxy's format. The proxy maps the API's responses without
// core's client (upstream.ts); this imports core's types only, so it loads no Effect at run time.
import type { ShutterstockError } from "@shutterkit/core";
import type { Problem } from "./problem.ts";

const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000));

/**
 * Maps core's typed errors to what the browser should see. Failures of the proxy's own credentials
 * or of the upstream service are gateway errors (502/504): the browser cannot fix them.
 */
export const problemFromError = (error: ShutterstockError): Problem => {
  const base = {
    code: error._tag,
    detail: error.message,
    operationId: error.operationId,
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
  };
  switch (error._tag) {
    case "InvalidRequest":
      return {
        ...base,
        status: 400,
        title: "Invalid request",
        errors: error.issues.map((issue) => ({ message: issue.message, path: issue.path, code: "invalid" })),
      };
    case "BadRequest":
      return {
        ...base,
        status: error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 400,
        title: "Rejected by the API",
        errors: error.errors,
      };
    case "Unauthorized":
      return {
        ...base,
        status: 502,
        title: "The proxy's credentials were rejected",
        detail: `${error.operationId}: the API did not accept the proxy's credentials`,
      };
    case "Forbidden":
      return {
        ...base,
        status: 403,
        title: "Not allowed with the proxy's credentials",
        errors: error.missingScopes.map((scope) => ({ message: `requires scope ${scope}`, code: "scope" })),
      };
    case "NotFound":
      return { ...base, status: 404, title: "Not found" };
    case "RateLimited": {
      const retryAfter = seconds(error.retryAfterMs);
      return {
        ...base,
        status: 429,
        title: "Rate limited by the API",
        ...(retryAfter === undefined ? {} : { retryAfter }),
      };
    }
    case "ServerError":
      return { ...base, status: 502, title: "The API failed" };
    case "Timeout":
      return { ...base, status: 504, title: "The API did not answer in time" };
    case "NetworkError":
      return { ...base, status: 502, title: "The API could not be reached" };
    case "DecodeError":
      return { ...base, status: 502, title: "The API sent an unexpected response" };
  }
};
