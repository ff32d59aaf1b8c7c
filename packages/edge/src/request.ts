// What the proxy checks before calling the API, without a schema library: only declared query
// parameters, required ones present, numbers and booleans that parse, and a JSON body of bounded
// size. Enums, patterns and limits are left to the API, and to the browser's client, which
// validates against the contract before it sends anything.
import type { RouteDescriptor } from "@shutterkit/core/routes";
import { type ProblemDetail, ProblemError } from "./problem.ts";
import { hasControlCharacter } from "./routes.ts";

const fits = (type: RouteDescriptor["parameters"][number]["type"], value: unknown): boolean => {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    default:
      return typeof value === "string";
  }
};

const EXPECTED = { integer: "an integer", number: "a number", boolean: "true or false", string: "text" };

/**
 * Issues with the params read by `readParams` (values already coerced to the declared types where
 * they parse). Header params are never relayed, so they are not checked either.
 */
export const paramIssues = (
  descriptor: RouteDescriptor,
  query: URLSearchParams,
  params: Readonly<Record<string, unknown>>,
): ProblemDetail[] => {
  const issues: ProblemDetail[] = [];
  const declared = new Set(descriptor.parameters.filter((p) => p.in === "query").map((p) => p.name));
  for (const name of new Set(query.keys()))
    if (!declared.has(name)) issues.push({ path: name, message: "is not a parameter of this operation" });
  for (const parameter of descriptor.parameters) {
    if (parameter.in === "header") continue;
    const value = params[parameter.name];
    if (value === undefined) {
      if (parameter.required) issues.push({ path: parameter.name, message: "is required" });
      continue;
    }
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((item) => typeof item === "string" && hasControlCharacter(item)))
      issues.push({ path: parameter.name, message: "must not contain control characters (CR, LF, ...)" });
    else if (!values.every((item) => fits(parameter.type, item)))
      issues.push({ path: parameter.name, message: `must be ${EXPECTED[parameter.type]}` });
  }
  return issues;
};

export const invalidRequest = (descriptor: RouteDescriptor, issues: ReadonlyArray<ProblemDetail>) =>
  new ProblemError({
    status: 400,
    code: "InvalidRequest",
    title: "Invalid request",
    detail: `${descriptor.method} ${descriptor.path}: invalid request: ${issues
      .map((issue) => `${issue.path} ${issue.message}`)
      .join("; ")}`,
    operationId: descriptor.operationId,
    errors: issues.map((issue) => ({ ...issue, code: "invalid" })),
  });

/** Reads at most `limit` bytes of the body, so an oversized upload is refused without buffering it all. */
const readBody = async (request: Request, limit: number): Promise<string> => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new ProblemError({
      status: 413,
      code: "PayloadTooLarge",
      title: "Request body too large",
      detail: `The body exceeds ${limit} bytes`,
    });
  if (declared > limit) throw tooLarge();
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
};

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body as text, checked to parse; undefined when there is none. It is relayed
 * as sent: the API validates its content.
 */
export const jsonBody = async (
  request: Request,
  descriptor: RouteDescriptor,
  limit: number,
): Promise<string | undefined> => {
  const type = request.headers.get("content-type") ?? "";
  const text = await readBody(request, limit);
  if (text === "") return undefined;
  if (!JSON_TYPE.test(type))
    throw new ProblemError({
      status: 415,
      code: "UnsupportedMediaType",
      title: "JSON expected",
      detail: `${descriptor.operationId} takes an application/json body`,
      operationId: descriptor.operationId,
    });
  try {
    JSON.parse(text);
  } catch {
    throw new ProblemError({
      status: 400,
      code: "MalformedJson",
      title: "Malformed JSON",
      detail: "The request body is not valid JSON",
      operationId: descriptor.operationId,
    });
  }
  return text;
};
