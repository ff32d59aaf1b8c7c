// Response decoding: JSON parsing and, unless turned off, validation against the contract.
import { Cause, Exit, Schema } from "effect";
import type { FieldIssue } from "./errors.ts";
import { compileGuard, type Guard } from "./guard.ts";
import type { AttemptResult } from "./http.ts";
import type { OperationDescriptor } from "./operation.ts";
import { issuesOf } from "./validate.ts";

export type Decoded =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly path: string; readonly message: string; readonly issues: FieldIssue[] };

const JSON_TYPE = /\bjson\b/i;
/** The body was just parsed, so the guard may skip what only other objects need checked. */
const FROM_JSON = { input: "json" } as const;

export type ResponseDecoder = (result: AttemptResult, validate: boolean) => Decoded;

/** Decodes an operation's responses; its guard is compiled on first use and kept. */
export const makeResponseDecoder = (descriptor: OperationDescriptor): ResponseDecoder => {
  const schema = descriptor.response.schema;
  let guard: Guard | undefined | null = null;
  return (result, validate) => {
    if (schema === undefined || result.status === 204 || result.text === "")
      return { ok: true, value: undefined };
    const contentType = result.headers.get("content-type") ?? "";
    if (!JSON_TYPE.test(contentType))
      return {
        ok: false,
        path: "$",
        message: `expected JSON, got content-type "${contentType}"`,
        issues: [],
      };
    let json: unknown;
    try {
      json = JSON.parse(result.text);
    } catch {
      return { ok: false, path: "$", message: "malformed JSON", issues: [] };
    }
    if (!validate) return { ok: true, value: json };
    if (guard === null) guard = compileGuard(schema, FROM_JSON);
    return validated(schema, guard, json);
  };
};

const validated = (
  schema: Schema.ConstraintDecoder<unknown>,
  guard: Guard | undefined,
  json: unknown,
): Decoded => {
  // The compiled guard accepts a valid body in a fraction of Schema's time; Schema still decides
  // whatever the guard does not accept, and writes the error. A schema with a guard has no
  // transformations, so a valid body is returned as received, fields newer than the contract included.
  if (guard?.(json)) return { ok: true, value: json };
  // Stopping at the first issue is the fast path; only a failure pays for collecting them all.
  const decoded = Schema.decodeUnknownExit(schema)(json);
  if (Exit.isSuccess(decoded)) return { ok: true, value: guard === undefined ? decoded.value : json };
  const all = Schema.decodeUnknownExit(schema)(json, { errors: "all" });
  const issues = Exit.isFailure(all)
    ? issuesOf(Cause.squash(all.cause))
    : issuesOf(Cause.squash(decoded.cause));
  return {
    ok: false,
    path: issues[0]?.path ?? "$",
    message: issues[0]?.message ?? "does not match the contract",
    issues,
  };
};
