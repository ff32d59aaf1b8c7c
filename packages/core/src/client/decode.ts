// Response bodies: JSON parsed and, unless turned off, decoded with the operation's Schema.
import * as Cause from "effect/Cause";
import * as Exit from "effect/Exit";
import * as Schema from "effect/Schema";
import type { FieldIssue } from "../errors.ts";
import type { AttemptResult } from "./context.ts";
import { issuesOf } from "./issues.ts";

export type Decoded =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly path: string;
      readonly message: string;
      readonly issues: ReadonlyArray<FieldIssue>;
    };

const JSON_TYPE = /\bjson\b/i;

const ALL = { errors: "all" } as const;

type Decoder = ReturnType<typeof Schema.decodeUnknownExit<Schema.ConstraintDecoder<unknown>>>;

/** A schema's decoder is made once: making it per call costs more than checking a 20-item page. */
const decoders = new WeakMap<Schema.ConstraintDecoder<unknown>, Decoder>();

const decoderOf = (schema: Schema.ConstraintDecoder<unknown>): Decoder => {
  let decoder = decoders.get(schema);
  if (decoder === undefined) {
    decoder = Schema.decodeUnknownExit(schema);
    decoders.set(schema, decoder);
  }
  return decoder;
};

/**
 * Decodes a response body. `validate: false` (the `decode` option, or a partial response asked with
 * `fields`, whose missing fields the contract would reject) parses the JSON and trusts its shape.
 */
export const decodeBody = (
  schema: Schema.ConstraintDecoder<unknown> | undefined,
  result: AttemptResult,
  validate: boolean,
): Decoded => {
  if (schema === undefined || result.status === 204 || result.text === "")
    return { ok: true, value: undefined };
  const contentType = result.contentType ?? result.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(contentType))
    return { ok: false, path: "$", message: `expected JSON, got content-type "${contentType}"`, issues: [] };
  let json: unknown;
  try {
    json = JSON.parse(result.text);
  } catch {
    return { ok: false, path: "$", message: "malformed JSON", issues: [] };
  }
  if (!validate) return { ok: true, value: json };
  // Stopping at the first issue is the fast path; only a failure pays for collecting them all.
  const decode = decoderOf(schema);
  const decoded = decode(json);
  // The schemas only check (they transform nothing), so the JSON itself is the result: fields newer
  // than the contract are kept, since the API adds fields without a new version and decoding would
  // strip them.
  if (Exit.isSuccess(decoded)) return { ok: true, value: json };
  const all = decode(json, ALL);
  const issues = issuesOf(Cause.squash(Exit.isFailure(all) ? all.cause : decoded.cause));
  return {
    ok: false,
    path: issues[0]?.path ?? "$",
    message: issues[0]?.message ?? "does not match the contract",
    issues,
  };
};

/** A raw request's body without a schema: parsed JSON when it says it is JSON, else the text. */
export const rawBody = (result: AttemptResult): Decoded => {
  if (result.text === "") return { ok: true, value: undefined };
  if (!JSON_TYPE.test(result.contentType ?? result.headers.get("content-type") ?? ""))
    return { ok: true, value: result.text };
  try {
    return { ok: true, value: JSON.parse(result.text) };
  } catch {
    return { ok: false, path: "$", message: "malformed JSON", issues: [] };
  }
};
