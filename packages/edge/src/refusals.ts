// The answers to callers the proxy will not serve: refused by `authorize`, lacking the grant an
// operation needs, or asking a public proxy for a write.
import { type AnonymousCaller, type Caller, isAnonymous } from "./caller.ts";
import { ProblemError } from "./problem.ts";
import type { Route } from "./routes.ts";

/** `authorize`'s refusal as the caller sees it: a 401 carries its challenge, a 403 none. */
export const refusal = (status: 401 | 403, reason: string, challenge?: string, operationId?: string) =>
  new ProblemError({
    status,
    code: status === 401 ? "CallerUnauthenticated" : "CallerRefused",
    title: status === 401 ? "Caller not authenticated" : "Caller refused",
    detail: reason,
    ...(status === 401 ? { challenge: challenge ?? "Bearer" } : {}),
    ...(operationId === undefined ? {} : { operationId }),
  });

/** A caller without the grant an operation needs: anonymous ones are asked to authenticate. */
export const callerNotAllowed = (route: Route, caller: Caller | AnonymousCaller): ProblemError => {
  const { operationId } = route.descriptor;
  const what = route.access === "purchase" ? "licenses content (a purchase)" : "changes account data";
  if (isAnonymous(caller))
    return refusal(
      401,
      `${operationId} ${what}: only an authenticated caller allowed to ${route.access} may call it`,
      undefined,
      operationId,
    );
  return new ProblemError({
    status: 403,
    code: "CallerNotAllowed",
    title: "Not allowed for this caller",
    detail: `${operationId} ${what}, which this caller is not allowed to do`,
    operationId,
  });
};

/** A write or purchase on a public proxy: no caller may make it, authenticated or not. */
export const readOnly = (route: Route): ProblemError =>
  new ProblemError({
    status: 403,
    code: "PublicProxyReadOnly",
    title: "This proxy serves reads only",
    detail: `${route.descriptor.operationId} ${route.access === "purchase" ? "licenses content" : "changes account data"}, and this proxy is public: it serves read operations only`,
    operationId: route.descriptor.operationId,
  });
