// Who is calling, decided by the deployer before anything is proxied. The proxy spends its owner's
// quota and, where purchases are enabled, their money: Origin is a browser guard that any other
// client can forge, so the real gate is the deployer's own authentication (`authorize`), or an
// explicit choice to serve reads to anyone (`public: true`).
import type { Access } from "./routes.ts";

/** What a caller may do beyond reads, which every admitted caller may do. */
export type Grant = Exclude<Access, "read">;

/** A caller `authorize` has recognised. */
export interface Caller {
  /**
   * A stable name for the caller (a user or client id, a token's `sub`): the rate-limit key and the
   * `caller` of log entries. Never a secret; it is not sent to the API.
   */
  readonly id: string;
  /** `write` and/or `purchase`, for the operations the allowlist enables as such. Default none. */
  readonly grants?: ReadonlyArray<Grant>;
}

/** An unnamed caller: reads only, rate limited by its network address. */
export interface AnonymousCaller {
  readonly anonymous: true;
}

/** `authorize`'s answer when the caller may not use the proxy at all. */
export interface Refusal {
  /** 401: no or bad credentials (sent with `WWW-Authenticate`); 403: known but not admitted. */
  readonly refused: 401 | 403;
  /** Sent to the caller as the problem's `detail`: never put a token or a secret in it. */
  readonly reason: string;
  /** The `WWW-Authenticate` challenge of a 401. Default `Bearer`. */
  readonly challenge?: string;
}

export type Verdict = Caller | AnonymousCaller | Refusal;

/**
 * The deployer's caller check, run before anything is proxied, after the Origin check. `env` is the
 * platform's environment (Cloudflare's bindings, `process.env`) with `createEnvProxyHandler`, and
 * `undefined` with `createProxyHandler`. Throwing is answered as a 500 and nothing is proxied.
 */
export type Authorize<Env = undefined> = (request: Request, env: Env) => Verdict | Promise<Verdict>;

/** The caller of a public proxy, or `authorize`'s answer for callers without credentials. */
export const anonymous: AnonymousCaller = Object.freeze({ anonymous: true });

/** `authorize`'s refusal: `refuse("token expired")` (401) or `refuse("account suspended", 403)`. */
export const refuse = (reason: string, status: 401 | 403 = 401, challenge?: string): Refusal => ({
  refused: status,
  reason,
  ...(challenge === undefined ? {} : { challenge }),
});

export const isRefusal = (verdict: Verdict): verdict is Refusal => "refused" in verdict;

export const isAnonymous = (verdict: Verdict): verdict is AnonymousCaller =>
  "anonymous" in verdict && verdict.anonymous === true;

/** Whether a caller may use an operation of this access class. */
export const callerMay = (caller: Caller | AnonymousCaller, access: Access): boolean =>
  access === "read" || (!isAnonymous(caller) && (caller.grants ?? []).includes(access));
