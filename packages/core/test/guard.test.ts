// The compiled accept path (src/guard.ts) against Schema itself: whenever a guard says yes, Schema
// decodes the value and returns it unchanged (but for excess keys under "ignore"); and it says yes to
// every valid value generated from the schemas of the 118 operations.
import { Exit, Schema, type SchemaAST } from "effect";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { compileGuard, type Guard, guardUnsupportedReason } from "../src/guard.ts";
import { type OperationDescriptor, operations } from "../src/index.ts";

type Mode = "ignore" | "error";
type Decoder = Schema.ConstraintDecoder<unknown>;

/** The key tests add as excess. */
const EXCESS = "__excess";

const isObject = (value: unknown): value is Record<PropertyKey, unknown> =>
  typeof value === "object" && value !== null;

/**
 * Where Schema's `decoded` differs from `input`, or undefined. Walks the schema alongside: plain
 * prototypes, no holes, same own enumerable keys and values, except that under "ignore" a struct may
 * drop keys it does not declare (in a union, the member that counts is the first one Schema decodes).
 */
const difference = (
  ast: SchemaAST.AST,
  decoded: unknown,
  input: unknown,
  mode: Mode,
  path = "$",
): string | undefined => {
  // Schema passed the value itself through (Unknown, the empty struct).
  if (Object.is(decoded, input)) return undefined;
  switch (ast._tag) {
    case "Suspend":
      return difference(ast.thunk(), decoded, input, mode, path);
    case "Union": {
      const member = ast.types.find((type) =>
        Exit.isSuccess(
          Schema.decodeUnknownExit(Schema.make<Schema.Codec<unknown, unknown>>(type))(input, {
            onExcessProperty: mode,
          }),
        ),
      );
      return member === undefined
        ? `${path}: no union member decodes`
        : difference(member, decoded, input, mode, path);
    }
    case "Arrays": {
      if (!Array.isArray(input) || !Array.isArray(decoded) || decoded.length !== input.length) {
        return `${path}: array differs`;
      }
      if (Object.getPrototypeOf(input) !== Array.prototype) return `${path}: not a plain array`;
      for (let index = 0; index < input.length; index++) {
        if (!(index in input)) return `${path}[${index}]: hole`;
        const found = difference(ast.rest[0]!, decoded[index], input[index], mode, `${path}[${index}]`);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    case "Objects": {
      if (!isObject(input) || !isObject(decoded) || Array.isArray(decoded)) return `${path}: object differs`;
      const prototype = Object.getPrototypeOf(input);
      if (prototype !== Object.prototype && prototype !== null) return `${path}: not a plain object`;
      const declared = new Map(
        ast.propertySignatures.map((property) => [String(property.name), property.type]),
      );
      const rest = ast.indexSignatures[0]?.type;
      const inputKeys = Object.keys(input);
      const decodedKeys = Object.keys(decoded);
      for (const key of decodedKeys) {
        if (!inputKeys.includes(key)) return `${path}.${key}: not an own enumerable key of the input`;
        const type = declared.get(key) ?? rest;
        if (type === undefined) return `${path}.${key}: undeclared key in the output`;
        const found = difference(type, decoded[key], input[key], mode, `${path}.${key}`);
        if (found !== undefined) return found;
      }
      for (const key of inputKeys) {
        if (decodedKeys.includes(key)) continue;
        if (mode === "error" || declared.has(key) || rest !== undefined)
          return `${path}.${key}: dropped by Schema`;
      }
      return undefined;
    }
    default:
      return Object.is(decoded, input) ? undefined : `${path}: ${String(decoded)} !== ${String(input)}`;
  }
};

/** The soundness property: a guard's yes is Schema's yes, with the input as the decoded value. */
const expectSound = (schema: Decoder, guard: Guard, input: unknown, mode: Mode): boolean => {
  const accepted = guard(input);
  if (accepted) {
    const exit = Schema.decodeUnknownExit(schema)(input, { onExcessProperty: mode });
    if (!Exit.isSuccess(exit)) throw new Error(`guard accepted what Schema rejects: ${String(exit.cause)}`);
    const found = difference(schema.ast, exit.value, input, mode);
    if (found !== undefined) throw new Error(`guard accepted what Schema transforms: ${found}`);
  }
  return accepted;
};

// Every suite below runs twice: with struct guards generated as code (Node allows it) and built
// from closures (what a CSP or Cloudflare Workers leave). Both must answer alike.
let generateCode = true;
const optionsFor = (mode: Mode) => ({ onExcessProperty: mode, generateCode });

const guardOf = (schema: Decoder, mode: Mode = "ignore"): Guard => {
  const guard = compileGuard(schema, optionsFor(mode));
  if (guard === undefined) throw new Error(String(guardUnsupportedReason(schema, optionsFor(mode))));
  return guard;
};

/** Asserts soundness and returns the guard's answer. */
const accepts = (schema: Decoder, input: unknown, mode: Mode = "ignore"): boolean =>
  expectSound(schema, guardOf(schema, mode), input, mode);

// ---------------------------------------------------------------------------------------------------
// Valid values from a schema's AST (only the node kinds the generated schemas use).

interface Representation {
  readonly id: string;
  readonly payload: Record<string, unknown>;
}

const representations = (checks: SchemaAST.Checks | undefined): Array<Representation> =>
  (checks ?? []).flatMap(function visit(check: SchemaAST.Check<unknown>): Array<Representation> {
    if (check._tag === "FilterGroup") return check.checks.flatMap(visit);
    const representation = check.annotations?.representation as
      | { id: string; payload: Record<string, unknown> | null }
      | undefined;
    if (representation === undefined) throw new Error("a check without a representation");
    return [{ id: representation.id, payload: representation.payload ?? {} }];
  });

const numberOf = (payload: Record<string, unknown>, key: string): number | undefined =>
  typeof payload[key] === "number" ? payload[key] : undefined;

const lengthBounds = (checks: SchemaAST.Checks | undefined) => {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const { id, payload } of representations(checks)) {
    if (id === "effect/schema/isMinLength") min = Math.max(min, numberOf(payload, "minLength") ?? 0);
    if (id === "effect/schema/isMaxLength") max = Math.min(max, numberOf(payload, "maxLength") ?? max);
    if (id === "effect/schema/isMaxProperties")
      max = Math.min(max, numberOf(payload, "maxProperties") ?? max);
  }
  return { min, max };
};

const stringArbitrary = (checks: SchemaAST.Checks | undefined): fc.Arbitrary<unknown> => {
  const patterns = representations(checks)
    .filter(({ id }) => id === "effect/schema/isPattern")
    .map(({ payload }) => new RegExp(String(payload["source"]), String(payload["flags"])));
  const { min, max } = lengthBounds(checks);
  const base =
    patterns[0] === undefined
      ? fc.string({ minLength: min, maxLength: Math.min(max, min + 12) })
      : fc.stringMatching(patterns[0]);
  return base.filter(
    (value) => value.length >= min && value.length <= max && patterns.every((pattern) => pattern.test(value)),
  );
};

const numberArbitrary = (checks: SchemaAST.Checks | undefined): fc.Arbitrary<unknown> => {
  let integer = false;
  let finite = false;
  let min = Number.NEGATIVE_INFINITY;
  let minExcluded = false;
  let max = Number.POSITIVE_INFINITY;
  const maxExcluded = false;
  for (const { id, payload } of representations(checks)) {
    if (id === "effect/schema/isInt") integer = true;
    else if (id === "effect/schema/isFinite") finite = true;
    else if (id === "effect/schema/isGreaterThanOrEqualTo") min = numberOf(payload, "minimum") ?? min;
    else if (id === "effect/schema/isGreaterThan") {
      min = numberOf(payload, "exclusiveMinimum") ?? min;
      minExcluded = true;
    } else if (id === "effect/schema/isLessThanOrEqualTo") max = numberOf(payload, "maximum") ?? max;
    else throw new Error(`no arbitrary for number check ${id}`);
  }
  if (integer) {
    const low = Math.max(minExcluded ? Math.floor(min) + 1 : Math.ceil(min), Number.MIN_SAFE_INTEGER);
    const high = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
    const edges = [low, high, 0, 2 ** 31, Number.MAX_SAFE_INTEGER].filter((n) => n >= low && n <= high);
    return fc.oneof(
      fc.integer({ min: Math.max(low, -(2 ** 31)), max: Math.min(high, 2 ** 31 - 1) }),
      fc.constantFrom(...edges),
    );
  }
  if (!finite) return fc.double();
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(Number.isFinite(min) && { min, minExcluded }),
    ...(Number.isFinite(max) && { max, maxExcluded }),
  });
};

const MAX_DEPTH = 6;
const arbitraries = new Map<SchemaAST.AST, Map<number, fc.Arbitrary<unknown>>>();

const arbitraryOf = (ast: SchemaAST.AST, depth: number): fc.Arbitrary<unknown> => {
  const byDepth = arbitraries.get(ast) ?? new Map<number, fc.Arbitrary<unknown>>();
  arbitraries.set(ast, byDepth);
  let arbitrary = byDepth.get(depth);
  if (arbitrary === undefined) {
    arbitrary = makeArbitrary(ast, depth);
    byDepth.set(depth, arbitrary);
  }
  return arbitrary;
};

const makeArbitrary = (ast: SchemaAST.AST, depth: number): fc.Arbitrary<unknown> => {
  switch (ast._tag) {
    case "String":
      return stringArbitrary(ast.checks);
    case "Number":
      return numberArbitrary(ast.checks);
    case "Boolean":
      return fc.boolean();
    case "Literal":
      return fc.constant(ast.literal);
    case "Undefined":
      return fc.constant(undefined);
    case "Null":
      return fc.constant(null);
    case "Unknown":
    case "Any":
      return fc.jsonValue({ maxDepth: 2 });
    case "Union":
      return fc.oneof(...ast.types.map((type) => arbitraryOf(type, depth)));
    case "Suspend":
      return fc.constant(null).chain(() => arbitraryOf(ast.thunk(), depth + 1));
    case "Arrays": {
      const { min, max } = lengthBounds(ast.checks);
      return fc.array(arbitraryOf(ast.rest[0]!, depth + 1), {
        minLength: min,
        maxLength: Math.min(max, depth >= MAX_DEPTH ? min : min + 2),
      });
    }
    case "Objects": {
      const signature = ast.indexSignatures[0];
      if (signature !== undefined) {
        return fc.dictionary(fc.string({ maxLength: 6 }), arbitraryOf(signature.type, depth + 1), {
          maxKeys: Math.min(lengthBounds(ast.checks).max, 3),
        });
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const requiredKeys: Array<string> = [];
      for (const property of ast.propertySignatures) {
        const name = String(property.name);
        const optional = property.type.context?.isOptional === true;
        if (optional && depth >= MAX_DEPTH) continue;
        model[name] = arbitraryOf(property.type, depth + 1);
        if (!optional) requiredKeys.push(name);
      }
      return fc.record(model, { requiredKeys });
    }
    default:
      throw new Error(`no arbitrary for ${ast._tag}`);
  }
};

// ---------------------------------------------------------------------------------------------------
// Mutations: one change at a random place of a valid value.

const weird: ReadonlyArray<unknown> = [
  null,
  undefined,
  "",
  "zz-unknown-literal",
  "NOT a pattern",
  "0",
  0,
  -1,
  0.5,
  -0.5,
  1e21,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  true,
  {},
  [],
  ["x"],
  { id: "1" },
];

const mutationOps = [
  "replace",
  "nudge",
  "delete",
  "excess",
  "proto",
  "inherit",
  "hide",
  "instance",
  "undefined",
] as const;

interface Mutation {
  readonly op: (typeof mutationOps)[number];
  readonly pick: number;
  readonly replacement: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...mutationOps),
  pick: fc.nat(),
  replacement: fc.constantFrom(...weird),
});

const clone = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(clone);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, {
      value: clone(value[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
};

/** `[<hole>, 1]` */
const holey = (): Array<unknown> => {
  const array: Array<unknown> = [undefined, 1];
  delete array[0];
  return array;
};

class Exotic {
  readonly kind = "exotic";
}

/** Applies `m` to a copy of `value`: the change lands on the `pick`-th slot (a key or an element). */
const mutate = (value: unknown, m: Mutation): unknown => {
  const root: Record<string, unknown> = { value: clone(value) };
  const slots: Array<{ parent: Record<PropertyKey, unknown>; key: string }> = [];
  const visit = (parent: Record<PropertyKey, unknown>, key: string) => {
    slots.push({ parent, key });
    const child = parent[key];
    if (isObject(child)) for (const inner of Object.keys(child)) visit(child, inner);
  };
  visit(root, "value");
  const { parent, key } = slots[m.pick % slots.length]!;
  const current = parent[key];
  const container = isObject(current) && !Array.isArray(current) ? current : undefined;
  const define = (target: object, name: string, data: unknown, enumerable = true) =>
    Object.defineProperty(target, name, { value: data, enumerable, writable: true, configurable: true });
  switch (m.op) {
    case "replace":
      parent[key] = m.replacement;
      break;
    case "undefined":
      parent[key] = undefined;
      break;
    case "nudge":
      parent[key] =
        typeof current === "number"
          ? current + 0.5
          : typeof current === "string"
            ? `${current}\n`
            : typeof current === "boolean"
              ? String(current)
              : m.replacement;
      break;
    case "delete":
      // On an array this leaves a hole.
      delete parent[key];
      break;
    case "excess":
      if (container) define(container, EXCESS, m.replacement ?? 1);
      else parent[key] = m.replacement;
      break;
    case "proto":
      if (container) define(container, "__proto__", m.replacement);
      break;
    case "inherit": {
      // The first key moves to the prototype, where Schema's `key in input` still finds it.
      const first = container ? Object.keys(container)[0] : undefined;
      if (container && first !== undefined) {
        const child = Object.create({ [first]: container[first] });
        for (const other of Object.keys(container).slice(1)) define(child, other, container[other]);
        parent[key] = child;
      }
      break;
    }
    case "hide": {
      const first = container ? Object.keys(container)[0] : undefined;
      if (container && first !== undefined) define(container, first, container[first], false);
      break;
    }
    case "instance":
      if (container) parent[key] = Object.assign(new Exotic(), container);
      break;
  }
  return root["value"];
};

// ---------------------------------------------------------------------------------------------------

const descriptors = Object.values(operations) as Array<OperationDescriptor>;

interface Target {
  readonly name: string;
  readonly schema: Decoder;
  readonly mode: Mode;
}

const targets: Array<Target> = descriptors.flatMap((descriptor): Array<Target> => {
  const { operationId, params, body, response } = descriptor;
  return [
    { name: `${operationId} params`, schema: params, mode: "error" },
    ...(body ? [{ name: `${operationId} body`, schema: body.schema, mode: "error" as const }] : []),
    ...(body ? [{ name: `${operationId} body`, schema: body.schema, mode: "ignore" as const }] : []),
    ...(response.schema
      ? [{ name: `${operationId} response`, schema: response.schema, mode: "ignore" as const }]
      : []),
  ];
});

/** One target per (AST, mode): many operations share a response schema. */
const distinct: Array<Target> = [];
const seenTargets = new Map<SchemaAST.AST, Set<Mode>>();
for (const target of targets) {
  const modes = seenTargets.get(target.schema.ast) ?? new Set<Mode>();
  seenTargets.set(target.schema.ast, modes);
  if (!modes.has(target.mode)) {
    modes.add(target.mode);
    distinct.push(target);
  }
}

for (const generated of [true, false]) {
  describe(generated ? "struct guards generated as code" : "struct guards built from closures", () => {
    beforeAll(() => {
      generateCode = generated;
    });

    describe("compileGuard on the operations' schemas", () => {
      it("compiles every params, body and response schema of the 118 operations", () => {
        expect(descriptors).toHaveLength(118);
        const unsupported = targets.flatMap(({ name, schema, mode }) => {
          const reason = guardUnsupportedReason(schema, optionsFor(mode));
          return reason === undefined ? [] : [`${name} (${mode}): ${reason}`];
        });
        expect(unsupported).toEqual([]);
        for (const { schema, mode } of targets) {
          expect(compileGuard(schema, optionsFor(mode))).toBeTypeOf("function");
        }
      });

      it("accepts generated valid values, and whatever it accepts Schema decodes unchanged", () => {
        const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
        for (const { name, schema, mode } of distinct) {
          const guard = guardOf(schema, mode);
          // Responses arrive as JSON; params and bodies are user objects (undefined values, null prototypes).
          const valid = arbitraryOf(schema.ast, 0).map((value) => (mode === "ignore" ? json(value) : value));
          fc.assert(
            fc.property(valid, fc.array(mutation, { minLength: 1, maxLength: 4 }), (value, mutations) => {
              const exit = Schema.decodeUnknownExit(schema)(value, { onExcessProperty: mode });
              if (!Exit.isSuccess(exit)) throw new Error(`${name}: the generator made an invalid value`);
              try {
                if (!expectSound(schema, guard, value, mode)) throw new Error("a valid value was rejected");
                for (const m of mutations) expectSound(schema, guard, mutate(value, m), mode);
                expectSound(schema, guard, mutations.reduce(mutate, value), mode);
              } catch (error) {
                throw new Error(`${name} (${mode}): ${String(error)}`);
              }
            }),
            { numRuns: 40 },
          );
        }
      });
    });

    describe('compileGuard for parsed JSON (input: "json")', () => {
      const fromJson = (mode: Mode) => ({ ...optionsFor(mode), input: "json" as const });
      const json = (value: unknown) => JSON.parse(JSON.stringify(value) ?? "null") as unknown;

      it("answers every operation's valid and mutated JSON as Schema does", () => {
        for (const { name, schema, mode } of distinct) {
          const guard = compileGuard(schema, fromJson(mode));
          if (guard === undefined)
            throw new Error(`${name}: ${guardUnsupportedReason(schema, fromJson(mode))}`);
          const general = guardOf(schema, mode);
          const valid = arbitraryOf(schema.ast, 0).map(json);
          fc.assert(
            fc.property(valid, fc.array(mutation, { minLength: 1, maxLength: 4 }), (value, mutations) => {
              try {
                if (!expectSound(schema, guard, value, mode)) throw new Error("a valid value was rejected");
                for (const input of [
                  ...mutations.map((m) => json(mutate(value, m))),
                  json(mutations.reduce(mutate, value)),
                ]) {
                  // Skipping the checks JSON never needs changes no answer on JSON.
                  expect(expectSound(schema, guard, input, mode)).toBe(general(input));
                }
              } catch (error) {
                throw new Error(`${name} (${mode}): ${String(error)}`);
              }
            }),
            { numRuns: 25 },
          );
        }
      });

      it("is a guard of its own, cached apart from the general one", () => {
        const schema = Schema.Struct({ a: Schema.optional(Schema.String) });
        const general = guardOf(schema);
        const parsed = compileGuard(schema, fromJson("ignore"));
        expect(parsed).not.toBe(general);
        expect(compileGuard(schema, fromJson("ignore"))).toBe(parsed);
        // The general guard defers a non-enumerable own key to Schema, which finds it with `in`;
        // JSON.parse never makes one, and the JSON guard does not look.
        const hidden = Object.defineProperty({}, "a", { value: 1, enumerable: false });
        expect(general(hidden)).toBe(false);
        expect(parsed?.(json({ a: "x" }))).toBe(true);
        expect(parsed?.(json({}))).toBe(true);
      });
    });

    describe("compileGuard semantics", () => {
      const Point = Schema.Struct({ x: Schema.Int, y: Schema.optional(Schema.Finite) });

      it("models primitives exactly: null, NaN, Infinity, non-integers, unsafe integers", () => {
        expect(accepts(Schema.Int, 3)).toBe(true);
        expect(accepts(Schema.Int, -0)).toBe(true);
        for (const bad of [3.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, "3", null, undefined]) {
          expect(accepts(Schema.Int, bad)).toBe(false);
        }
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "1"]) {
          expect(accepts(Schema.Finite, bad)).toBe(false);
        }
        expect(accepts(Schema.Finite, 1.5)).toBe(true);
        expect(accepts(Schema.Boolean, false)).toBe(true);
        expect(accepts(Schema.Boolean, 0)).toBe(false);
        expect(accepts(Schema.String, "")).toBe(true);
        expect(accepts(Schema.Unknown, undefined)).toBe(true);
        expect(accepts(Schema.Null, null)).toBe(true);
        expect(accepts(Schema.Literals(["a", "b"]), "b")).toBe(true);
        expect(accepts(Schema.Literals(["a", "b"]), "c")).toBe(false);
        expect(accepts(Schema.Literals([0]), -0)).toBe(true);
      });

      it("models the numeric bounds, NaN included (Schema orders it below every number)", () => {
        const bounded = Schema.Finite.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(10));
        expect([0, 1e-9, 10, 10.5, -1].map((n) => accepts(bounded, n))).toEqual([
          false,
          true,
          true,
          false,
          false,
        ]);
        const upper = Schema.Number.check(Schema.isLessThanOrEqualTo(5));
        expect(accepts(upper, Number.NaN)).toBe(true);
        expect(accepts(Schema.Number.check(Schema.isGreaterThanOrEqualTo(5)), Number.NaN)).toBe(false);
        expect(accepts(Schema.Number.check(Schema.isLessThan(5)), 5)).toBe(false);
        const between = Schema.Int.check(
          Schema.isBetween({ minimum: 1, maximum: 3, exclusiveMaximum: true }),
        );
        expect([0, 1, 2, 3].map((n) => accepts(between, n))).toEqual([false, true, true, false]);
      });

      it("models string and array checks, global RegExps included", () => {
        const code = Schema.String.check(Schema.isPattern(/^[A-Z]{2}$/g), Schema.isMaxLength(2));
        expect(["FR", "FR", "fr", "FRA", "F"].map((s) => accepts(code, s))).toEqual([
          true,
          true,
          false,
          false,
          false,
        ]);
        const short = Schema.Array(Schema.String).check(Schema.isMinLength(1), Schema.isMaxLength(2));
        expect([[], ["a"], ["a", "b"], ["a", "b", "c"]].map((a) => accepts(short, a))).toEqual([
          false,
          true,
          true,
          false,
        ]);
      });

      it("tells structs from arrays and null, and requires own keys", () => {
        expect(accepts(Point, { x: 1 })).toBe(true);
        expect(accepts(Point, { x: 1, y: undefined })).toBe(true);
        expect(accepts(Point, { x: 1, y: Number.NaN })).toBe(false);
        expect(accepts(Point, { y: 1 })).toBe(false);
        expect(accepts(Point, null)).toBe(false);
        expect(accepts(Point, [1, 2])).toBe(false);
        expect(accepts(Point, Object.assign(Object.create(null), { x: 1 }))).toBe(true);
        // Schema reads inherited keys and copies class instances: the value would not come back unchanged.
        expect(accepts(Point, Object.create({ x: 1 }))).toBe(false);
        expect(accepts(Point, Object.assign(Object.create({ y: 2 }), { x: 1 }))).toBe(false);
        expect(accepts(Point, Object.assign(new Exotic(), { x: 1 }))).toBe(false);
        const hidden = Object.defineProperty({ x: 1 }, "y", { value: "not a number", enumerable: false });
        expect(accepts(Point, hidden)).toBe(false);
        const Named = Schema.Struct({ toString: Schema.optional(Schema.String) });
        expect(accepts(Named, {})).toBe(false);
        expect(accepts(Named, Object.create(null))).toBe(true);
        expect(accepts(Named, { toString: "x" })).toBe(true);
      });

      it("strips or rejects excess keys, `__proto__` and symbols included", () => {
        const excess = JSON.parse(`{"x":1,"__proto__":{"y":"polluted"},"${EXCESS}":true}`) as unknown;
        expect(accepts(Point, excess, "ignore")).toBe(true);
        expect(accepts(Point, excess, "error")).toBe(false);
        expect(accepts(Point, { x: 1, [Symbol.for("s")]: 1 }, "ignore")).toBe(true);
        expect(accepts(Point, { x: 1, [Symbol.for("s")]: 1 }, "error")).toBe(false);
        expect(accepts(Point, { x: 1, y: 2 }, "error")).toBe(true);
        const Proto = Schema.Struct({ ["__proto__"]: Schema.optional(Schema.String) });
        expect(accepts(Proto, {})).toBe(true);
        expect(accepts(Proto, JSON.parse('{"__proto__":"own"}'))).toBe(true);
        expect(accepts(Proto, JSON.parse('{"__proto__":1}'))).toBe(false);
      });

      it("passes the empty struct's non-nullish check through", () => {
        const Empty = Schema.Struct({});
        expect([{}, "x", 0, [], null, undefined].map((value) => accepts(Empty, value))).toEqual([
          true,
          true,
          true,
          true,
          false,
          false,
        ]);
      });

      it("models records with a property count", () => {
        const Meta = Schema.Record(Schema.String, Schema.Unknown).check(Schema.isMaxProperties(2));
        expect(accepts(Meta, { a: 1, b: [2] })).toBe(true);
        expect(accepts(Meta, { a: 1, b: 2, c: 3 })).toBe(false);
        expect(accepts(Meta, JSON.parse('{"__proto__":1}'))).toBe(true);
        expect(accepts(Meta, [])).toBe(false);
        expect(accepts(Schema.Record(Schema.String, Schema.Int), { a: 1, b: 1.5 })).toBe(false);
      });

      it("follows Schema's union order and does not try the next member after a doubtful rejection", () => {
        const Narrow = Schema.Struct({ a: Schema.String });
        const Wide = Schema.Struct({ a: Schema.String, b: Schema.String });
        // Schema picks Narrow and drops `b` under "ignore": `b` counts as excess for the member it picks.
        expect(accepts(Schema.Union([Narrow, Wide]), { a: "x", b: "y" })).toBe(true);
        expect(accepts(Schema.Union([Wide, Narrow]), { a: "x", b: "y" })).toBe(true);
        expect(accepts(Schema.Union([Narrow, Wide]), { a: "x", b: "y" }, "error")).toBe(true);
        // A class instance fails Narrow's guard, but Schema would take Narrow and copy it.
        expect(accepts(Schema.Union([Narrow, Schema.Unknown]), Object.assign(new Exotic(), { a: "x" }))).toBe(
          false,
        );
        expect(accepts(Schema.Union([Schema.Array(Schema.Unknown), Schema.Unknown]), holey())).toBe(false);
        expect(accepts(Schema.Union([Schema.Int, Schema.String]), "1")).toBe(true);
      });

      it("rejects arrays with holes and non-plain arrays", () => {
        const List = Schema.Array(Schema.Unknown);
        expect(accepts(List, [undefined, 1])).toBe(true);
        expect(accepts(List, holey())).toBe(false);
        class Items extends Array<unknown> {}
        expect(accepts(List, Items.from([1]))).toBe(false);
      });

      it("compiles suspended (recursive) schemas", () => {
        interface Tree {
          readonly name: string;
          readonly children: ReadonlyArray<Tree>;
        }
        const Tree: Schema.Codec<Tree> = Schema.Struct({
          name: Schema.String,
          children: Schema.Array(Schema.suspend((): Schema.Codec<Tree> => Tree)),
        });
        const leaf = { name: "leaf", children: [] };
        expect(accepts(Tree, { name: "root", children: [leaf, { name: "inner", children: [leaf] }] })).toBe(
          true,
        );
        expect(accepts(Tree, { name: "root", children: [{ name: 1, children: [] }] })).toBe(false);
        fc.assert(
          fc.property(arbitraryOf(Tree.ast, 0), fc.array(mutation, { maxLength: 3 }), (value, mutations) => {
            expect(expectSound(Tree, guardOf(Tree), value, "ignore")).toBe(true);
            expectSound(Tree, guardOf(Tree), mutations.reduce(mutate, value), "ignore");
          }),
          { numRuns: 50 },
        );
      });

      it("memoizes per schema AST and option", () => {
        expect(compileGuard(Point)).toBe(compileGuard(Point, { onExcessProperty: "ignore" }));
        expect(compileGuard(Point, { onExcessProperty: "error" })).not.toBe(compileGuard(Point));
      });

      it("returns undefined, with a reason, for what it does not model", () => {
        const unsupported: Array<Decoder> = [
          Schema.NumberFromString,
          Schema.Date,
          Schema.Tuple([Schema.String]),
          Schema.String.check(Schema.isUUID()),
          Schema.Finite.check(Schema.isMultipleOf(2)),
          Schema.Union([Schema.String, Schema.Int], { mode: "oneOf" }),
          Schema.Struct({ a: Schema.String }).check(Schema.isMaxProperties(1)),
          Schema.StructWithRest(Schema.Struct({ a: Schema.String }), [
            Schema.Record(Schema.String, Schema.String),
          ]),
          Schema.Struct({ when: Schema.optional(Schema.DateFromString) }),
        ];
        for (const schema of unsupported) {
          expect(compileGuard(schema)).toBeUndefined();
          expect(guardUnsupportedReason(schema)).toBeTypeOf("string");
        }
      });
    });

    describe("compileGuard with a modified Object.prototype", () => {
      const prototype = Object.prototype as unknown as Record<string, unknown>;
      afterEach(() => {
        delete prototype["y"];
      });

      it("answers false (ask Schema) while Object.prototype holds keys it did not hold at load", () => {
        const Point = Schema.Struct({ x: Schema.Int, y: Schema.optional(Schema.Finite) });
        expect(accepts(Point, { x: 1 })).toBe(true);
        Object.defineProperty(prototype, "y", { value: "polluted", enumerable: false, configurable: true });
        expect(accepts(Point, { x: 1 })).toBe(false);
        delete prototype["y"];
        prototype["y"] = 2;
        expect(accepts(Point, { x: 1 })).toBe(false);
        delete prototype["y"];
        expect(accepts(Point, { x: 1 })).toBe(true);
        expect(accepts(Schema.Array(Schema.Int), [1])).toBe(true);
      });

      it("sees a declared name appear on Object.prototype however deep the struct declaring it", () => {
        const Page = Schema.Struct({
          data: Schema.Array(Schema.Struct({ id: Schema.String, y: Schema.optional(Schema.Finite) })),
        });
        const guard = guardOf(Page);
        const page = { data: [{ id: "1" }] };
        // Warm enough for the optimizing tiers, whose code must still notice the change.
        for (let index = 0; index < 20_000; index++) guard(page);
        expect(accepts(Page, page)).toBe(true);
        Object.defineProperty(prototype, "y", { value: "polluted", enumerable: false, configurable: true });
        expect(guard(page)).toBe(false);
        expect(accepts(Page, page)).toBe(false);
        delete prototype["y"];
        expect(guard(page)).toBe(true);
      });

      it("keeps answering while Object.prototype holds a name no struct of the schema declares", () => {
        const Point = Schema.Struct({ x: Schema.Int, y: Schema.optional(Schema.Finite) });
        const Other = Schema.Struct({ x: Schema.Int });
        Object.defineProperty(prototype, "y", { value: "other", enumerable: false, configurable: true });
        expect(accepts(Other, { x: 1 })).toBe(true);
        expect(accepts(Point, { x: 1 })).toBe(false);
        // An enumerable key, declared or not, would turn up in every for-in walk.
        delete prototype["y"];
        prototype["y"] = 2;
        expect(accepts(Other, { x: 1 })).toBe(false);
      });
    });
  });
}
