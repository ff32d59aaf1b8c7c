// Fault injection for reliability tests: a list of armed faults, each hitting the next N matching
// requests. Faults are set through `POST /sandbox/faults` or, for one-offs, an `x-sandbox-fault` header.
import { Exit, Schema } from "effect";
import { ApiError } from "../server/errors.ts";
import { issueItems } from "../server/validate.ts";

export const FaultKind = Schema.Literals([
  "status",
  "delay",
  "reset",
  "truncate",
  "malformed-json",
  "wrong-content-type",
]);
export type FaultKind = typeof FaultKind.Type;

export const FaultSpec = Schema.Struct({
  /** An operationId (`licenseImages`), or a path glob (`/v2/images/*`, `/v2/**`); `*` matches anything. */
  route: Schema.optional(Schema.String),
  method: Schema.optional(Schema.String),
  kind: FaultKind,
  /** For `status`: the HTTP status to answer with (default 503). */
  status: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 100, maximum: 599 }))),
  /** For `status`: the `Retry-After` header, in seconds or as an HTTP date. */
  retryAfter: Schema.optional(Schema.Union([Schema.Finite, Schema.String])),
  /** For `delay`: how long to wait before answering. */
  ms: Schema.optional(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 120_000 }))),
  /** For `reset`: drop the connection before the request is processed (default) or after. */
  when: Schema.optional(Schema.Literals(["before", "after"])),
  /** How many matching requests the fault affects (default 1). */
  count: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1_000_000 }))),
});
export type FaultSpec = typeof FaultSpec.Type;

export interface ArmedFault {
  readonly id: string;
  readonly spec: FaultSpec;
  remaining: number;
}

export const decodeFaultSpec = (input: unknown, prefix = "$.body"): FaultSpec => {
  const exit = Schema.decodeUnknownExit(FaultSpec)(input, { errors: "all", onExcessProperty: "error" });
  if (Exit.isSuccess(exit)) return exit.value;
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error;
  const items = Schema.isSchemaError(error)
    ? issueItems(error.issue, input, (path) => ({ prefix, path }))
    : [];
  throw new ApiError(400, "Invalid fault specification", items);
};

const NUMERIC = new Set(["status", "ms", "count"]);

/** Parses `kind=status;status=503;count=1;retryAfter=2` (also `retry-after`). */
export const parseFaultHeader = (header: string): FaultSpec => {
  const input: Record<string, unknown> = {};
  for (const part of header.split(/[;,]/)) {
    const [rawKey, ...rest] = part.split("=");
    const key = (rawKey ?? "").trim().replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (key.length === 0) continue;
    const value = rest.join("=").trim();
    input[key] = NUMERIC.has(key) && /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;
  }
  if (typeof input["retryAfter"] === "string" && /^\d+$/.test(input["retryAfter"])) {
    input["retryAfter"] = Number(input["retryAfter"]);
  }
  return decodeFaultSpec(input, "$.header.x-sandbox-fault");
};

const globToRegExp = (glob: string): RegExp => {
  let pattern = "";
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] ?? "";
    if (char === "*" && glob[index + 1] === "*") {
      pattern += ".*";
      index++;
    } else if (char === "*") pattern += "[^/]*";
    else if (char === "?") pattern += "[^/]";
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${pattern}$`);
};

export interface FaultTarget {
  readonly operationId: string | undefined;
  readonly method: string;
  readonly pathname: string;
}

export const faultMatches = (spec: FaultSpec, target: FaultTarget): boolean => {
  if (spec.method !== undefined && spec.method.toUpperCase() !== target.method) return false;
  const route = spec.route;
  if (route === undefined || route === "*" || route === "**") return true;
  const pattern = globToRegExp(route);
  return route.startsWith("/") ? pattern.test(target.pathname) : pattern.test(target.operationId ?? "");
};

export class FaultController {
  private armed: ArmedFault[] = [];
  private sequence = 0;

  add(spec: FaultSpec): ArmedFault {
    const fault = { id: `f${++this.sequence}`, spec, remaining: spec.count ?? 1 };
    this.armed.push(fault);
    return fault;
  }

  clear(): number {
    const count = this.armed.length;
    this.armed = [];
    return count;
  }

  list(): ReadonlyArray<{ id: string; remaining: number } & FaultSpec> {
    return this.armed.map((fault) => ({ id: fault.id, remaining: fault.remaining, ...fault.spec }));
  }

  /** Consumes one use of the first armed fault matching the request. */
  take(target: FaultTarget): FaultSpec | undefined {
    const index = this.armed.findIndex((fault) => faultMatches(fault.spec, target));
    const fault = this.armed[index];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed.splice(index, 1);
    return fault.spec;
  }
}
