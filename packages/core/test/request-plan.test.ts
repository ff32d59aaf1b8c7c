// The request plan (and writeParams, which shares its writer) writes params exactly as
// URLSearchParams would, visiting only the params given; its guard-based acceptance agrees with Schema.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OperationDescriptor, operations, writeParams } from "../src/index.ts";
import { planOf } from "../src/request-plan.ts";
import { validateRequest } from "../src/validate.ts";
import { formEncode } from "../src/wire.ts";

const descriptors = Object.values(operations) as ReadonlyArray<OperationDescriptor>;

/** The reference: every declared param in turn, the query serialized by URLSearchParams. */
const reference = (descriptor: OperationDescriptor, params: Record<string, unknown>) => {
  const scalar = (value: unknown) => (typeof value === "string" ? value : String(value));
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of descriptor.parameters) {
    const value = params[parameter.name];
    if (value === undefined || parameter.in === "path") continue;
    if (parameter.in === "header") headers[parameter.name] = scalar(value);
    else
      for (const item of Array.isArray(value) ? value : [value]) query.append(parameter.name, scalar(item));
  }
  const path = descriptor.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(scalar(params[name])),
  );
  const search = query.toString();
  return {
    target: search === "" ? path : `${path}?${search}`,
    headers: Object.keys(headers).length === 0 ? undefined : headers,
  };
};

/** Any string, lone surrogates included. */
const anyString = fc.string({ unit: "binary", maxLength: 12 });
const scalar = fc.oneof(anyString, fc.integer(), fc.double(), fc.boolean());

/** Params of an operation: some of its declared names, with values valid or not. */
const paramsOf = (descriptor: OperationDescriptor): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    Object.fromEntries(
      descriptor.parameters.map((parameter) => [
        parameter.name,
        parameter.array ? fc.oneof(fc.array(scalar, { maxLength: 3 }), scalar) : scalar,
      ]),
    ),
    { requiredKeys: [] },
  );

const outcome = <A>(run: () => A): { value: A } | { error: string } => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: String(error) };
  }
};

describe("formEncode", () => {
  it("serializes any string as URLSearchParams does", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.string({ unit: "grapheme", maxLength: 12 })), (value) => {
        expect(formEncode(value)).toBe(new URLSearchParams([["", value]]).toString().slice(1));
      }),
      { numRuns: 2000 },
    );
    expect(formEncode("a b!'()~*._-")).toBe("a+b%21%27%28%29%7E*._-");
  });
});

describe("planOf(descriptor).write", () => {
  it("writes every operation's params as URLSearchParams would, in the declared order", () => {
    expect(descriptors).toHaveLength(118);
    for (const descriptor of descriptors) {
      const plan = planOf(descriptor);
      fc.assert(
        fc.property(paramsOf(descriptor), (params) => {
          // Lone surrogates in a path value throw in both (validation refuses them before this).
          const expected = outcome(() => reference(descriptor, params));
          const written = outcome(() => {
            const { target, headers } = plan.write(params, undefined);
            return { target, headers };
          });
          expect(written, descriptor.operationId).toEqual(expected);
          const parts = outcome(() => {
            const { path, query, headers } = writeParams(descriptor, params);
            const search = query.toString();
            return {
              target: search === "" ? path : `${path}?${search}`,
              headers: Object.keys(headers).length === 0 ? undefined : headers,
            };
          });
          expect(parts, descriptor.operationId).toEqual(expected);
        }),
        { numRuns: 30 },
      );
    }
  });

  it("skips undefined values and passes the body through", () => {
    const plan = planOf(operations.searchImages);
    expect(plan.write({ query: "red car", per_page: undefined, page: 2 }, undefined)).toEqual({
      target: "/v2/images/search?page=2&query=red+car",
      headers: undefined,
      body: undefined,
    });
    const body = { images: [{ image_id: "1" }] };
    expect(planOf(operations.licenseImages).write({}, body).body).toBe(body);
  });
});

describe("planOf(descriptor).accepts", () => {
  it("accepts only what validation accepts unchanged, for every operation", () => {
    for (const descriptor of descriptors) {
      const plan = planOf(descriptor);
      fc.assert(
        fc.property(paramsOf(descriptor), (params) => {
          if (!plan.accepts({ params })) return;
          const checked = validateRequest(descriptor, { params });
          expect(checked.ok, descriptor.operationId).toBe(true);
          if (checked.ok) expect(checked.params).toEqual(params);
        }),
        { numRuns: 30 },
      );
    }
  });

  it("leaves path values a URL cannot carry, and missing required bodies, to validation", () => {
    const rename = planOf(operations.renameImageCollection);
    expect(rename.accepts({ params: { id: "1" }, body: { name: "n" } })).toBe(true);
    for (const id of ["", ".", "..", "\uD800"]) {
      expect(rename.accepts({ params: { id }, body: { name: "n" } })).toBe(false);
      expect(rename.writeValid({ params: { id }, body: { name: "n" } })).toBeUndefined();
    }
    expect(rename.accepts({ params: { id: "1" } })).toBe(false);
  });
});
