// Core's typed errors as problem documents, for servers that call the API through core's client
// themselves and answer browsers in the proxy's format. The proxy maps the API's responses without
// core's client (upstream.ts); this imports core's types only, so it loads no Effect at run time.
import type { ShutterstockError } from "@shutterkit/core";
import { GATEWAY, gatewayStatus } from "./gateway.ts";
import type { Problem } from "./problem.ts";

const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000));

/**
 * Maps core's typed errors to what the browser should see, by the proxy's one gateway table.
 */
export const problemFromError = (error: ShutterstockError): Problem => {
  const base = {
    code: error._tag,
    detail: error.message,
    operationId: error.operationId,
    status: gatewayStatus(error._tag, error.status),
    title: GATEWAY[error._tag].title,
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
  };
  switch (error._tag) {
    case "InvalidRequest":
      return {
        ...base,
        errors: error.issues.map((issue) => ({ message: issue.message, path: issue.path, code: "invalid" })),
      };
    case "BadRequest":
      return { ...base, errors: error.errors };
    case "Unauthorized":
      return { ...base, detail: `${error.operationId}: the API did not accept the proxy's credentials` };
    case "Forbidden":
      return {
        ...base,
        errors: error.missingScopes.map((scope) => ({ message: `requires scope ${scope}`, code: "scope" })),
      };
    case "RateLimited": {
      const retryAfter = seconds(error.retryAfterMs);
      return { ...base, ...(retryAfter === undefined ? {} : { retryAfter }) };
    }
    default:
      return base;
  }
};
