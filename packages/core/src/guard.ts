// A fast accept path for Schema decoding: a schema's AST is compiled once into a predicate that
// answers "this value certainly decodes, and decoding returns it unchanged". Struct and array guards
// are generated code where the runtime allows `new Function`, and closures where a CSP or Cloudflare
// Workers refuse it. A `false` answer only means "ask Schema": callers fall back to the full decode,
// which also produces the error message.
//
// The semantics mirrored here are those of effect 4.1's parser (SchemaAST.ts, internal/schema/
// interpreter.ts): checks run on a node's output; structs read keys with `key in input` (own-only for
// `__proto__`); unions take the first member that decodes; `onExcessProperty: "error"` rejects
// enumerable own keys (symbols included) that no property or index signature covers.
import type { SchemaAST } from "effect";

export type Guard = (input: unknown) => boolean;

export interface GuardOptions {
  readonly onExcessProperty?: "ignore" | "error";
  /**
   * Struct guards are generated as code (`new Function`) where the runtime allows it, and built
   * from closures where it does not (a CSP, Cloudflare Workers). `false` forces closures. Both
   * answer the same; generated code is faster since each property has its own, monomorphic site.
   */
  readonly generateCode?: boolean;
  /**
   * `"json"` promises that the input is a value `JSON.parse` returned: every object's own keys are
   * enumerable strings, with no symbols, accessors or holes. Struct guards then skip the checks only
   * other objects need (listing each object's own names and symbols), which allocate per object.
   * A guard compiled for JSON may accept other input that Schema would not: never give it any.
   */
  readonly input?: "any" | "json";
}

/**
 * Compiles `schema` into a predicate: `guard(x) === true` means `Schema.decodeUnknownExit(schema)(x,
 * { onExcessProperty })` succeeds with a value deep-equal to `x`, except for keys no schema member
 * declares, which "ignore" strips (the union member that counts is the one Schema picks: the first
 * that decodes). Returns undefined when the schema contains anything the guard does not model exactly
 * (transformations, declarations, unknown checks, ...): see `guardUnsupportedReason`.
 */
export const compileGuard = (
  schema: { readonly ast: SchemaAST.AST },
  options?: GuardOptions,
): Guard | undefined => {
  const entry = compileCached(schema.ast, options);
  return typeof entry === "string" ? undefined : entry;
};

/** Why `compileGuard` returns undefined for `schema`, or undefined when it compiles. */
export const guardUnsupportedReason = (
  schema: { readonly ast: SchemaAST.AST },
  options?: GuardOptions,
): string | undefined => {
  const entry = compileCached(schema.ast, options);
  return typeof entry === "string" ? entry : undefined;
};

/** A compiled guard, or the reason the schema cannot have one. */
type Compiled = Guard | string;

/** One cache per combination of options, indexed by their bits (see compileCached). */
const caches = Array.from({ length: 8 }, () => new WeakMap<SchemaAST.AST, Compiled>());

let codeGeneration: boolean | undefined;
/** Whether this runtime runs code built from strings; asked once, on the first compilation. */
const canGenerateCode = (): boolean => {
  if (codeGeneration === undefined) {
    try {
      codeGeneration = new Function("return true")() === true;
    } catch {
      codeGeneration = false;
    }
  }
  return codeGeneration;
};

const compileCached = (ast: SchemaAST.AST, options: GuardOptions | undefined): Compiled => {
  const excessIsError = options?.onExcessProperty === "error";
  const generate = options?.generateCode !== false && canGenerateCode();
  const json = options?.input === "json";
  const cache = caches[(excessIsError ? 1 : 0) | (generate ? 2 : 0) | (json ? 4 : 0)] as WeakMap<
    SchemaAST.AST,
    Compiled
  >;
  let entry = cache.get(ast);
  if (entry === undefined) {
    const session = new Session(excessIsError, generate, json);
    const node = session.compile(ast);
    entry = typeof node === "string" ? node : entryPoint(node, session);
    cache.set(ast, entry);
  }
  return entry;
};

// Set by a node that rejects a value Schema might still accept with a different output (a class
// instance, an inherited key, an array hole...). A union must not then try its next member, since
// Schema would have picked the earlier one: the whole answer becomes `false`. Guards are synchronous,
// so one module-level flag serves every guard; entry points save and restore it for re-entrant calls
// (a getter that runs another guard).
let doubt = false;

const unsure = (): false => {
  doubt = true;
  return false;
};

const hasOwn = Object.hasOwn;
const getPrototypeOf = Object.getPrototypeOf;
const getOwnPropertyNames = Object.getOwnPropertyNames;
const getOwnPropertySymbols = Object.getOwnPropertySymbols;
const isArray = Array.isArray;
const isSafeInteger = Number.isSafeInteger;
const isFiniteNumber = Number.isFinite;
const ObjectPrototype = Object.prototype;
const ArrayPrototype = Array.prototype;

// Object guards walk an object's own keys with for-in instead of probing every declared name, which is
// several times faster on JSON objects. That is exact only while Object.prototype contributes no
// enumerable keys, and while it holds none of the declared names that were not inherited when this
// module loaded (Schema's `key in input` would find one there). Each call checks that first and
// answers `false` (use Schema) otherwise.
const objectPrototypeNames = getOwnPropertyNames(ObjectPrototype);
// Schema looks `__proto__` up as an own key only, so that inherited accessor never counts.
const inheritedNames = new Set(objectPrototypeNames.filter((name) => name !== "__proto__"));

const objectPrototypeIntact = (): boolean => {
  const names = getOwnPropertyNames(ObjectPrototype);
  if (names.length !== objectPrototypeNames.length) return false;
  for (let index = 0; index < names.length; index++) {
    if (names[index] !== objectPrototypeNames[index]) return false;
  }
  for (const _ in ObjectPrototype) return false;
  return true;
};

/**
 * With generated code: one `in` test per declared name on an empty object, each its own inline
 * cache. V8 answers those from the prototype chain's validity cell, which any change to
 * Object.prototype invalidates, so the whole check costs a few nanoseconds where listing
 * Object.prototype's names allocated an array and cost a third of a microsecond, twice a call.
 */
const generatedPrototypeCheck = (declared: ReadonlySet<string>): (() => boolean) => {
  const probes = [...declared].map((name) => `${JSON.stringify(name)} in probe`);
  const source = `"use strict";
return function prototypeHoldsNoDeclaredName() {
  for (const _ in ObjectPrototype) return false;
  return ${probes.length === 0 ? "true" : `!(${probes.join(" || ")})`};
};`;
  const factory = new Function("probe", "ObjectPrototype", source) as (
    probe: object,
    objectPrototype: object,
  ) => () => boolean;
  return factory({}, ObjectPrototype);
};

/**
 * Without generated code, the same answer: while Object.prototype's names are the ones seen at load
 * (one listing of them), and only otherwise name by name.
 */
const prototypeCheck =
  (declared: ReadonlySet<string>): (() => boolean) =>
  () => {
    if (objectPrototypeIntact()) return true;
    for (const _ in ObjectPrototype) return false;
    for (const name of declared) if (name in ObjectPrototype) return false;
    return true;
  };

const entryPoint = (node: Guard, session: Session): Guard => {
  const prototypeOk = !session.readsObjects
    ? undefined
    : session.generateCode
      ? generatedPrototypeCheck(session.declaredNames)
      : prototypeCheck(session.declaredNames);
  return (input) => {
    if (prototypeOk !== undefined && !prototypeOk()) return false;
    const saved = doubt;
    doubt = false;
    try {
      return node(input);
    } finally {
      doubt = saved;
    }
  };
};

/** How many key positions a struct guard remembers (see compileStruct). */
const ORDER_CACHE = 32;

const alwaysTrue: Guard = () => true;
const alwaysFalse: Guard = () => false;

// Property checks inlined in struct guards: an indirect call per property is most of the cost.
const Kind = { guard: 0, inner: 1, string: 2, int: 3, finite: 4, boolean: 5, any: 6 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** One compilation: shares guards between repeated AST nodes and ties recursive (suspended) schemas. */
class Session {
  readonly excessIsError: boolean;
  readonly nodes = new Map<SchemaAST.AST, { compiled: Compiled | undefined }>();
  /** Whether some guard walks object keys, so entry points must check Object.prototype. */
  readsObjects = false;
  /** Names structs declare that Object.prototype did not hold at load: see generatedPrototypeCheck. */
  readonly declaredNames = new Set<string>();
  readonly generateCode: boolean;
  /** The input came from JSON.parse: no object has symbols or non-enumerable own keys. */
  readonly json: boolean;
  constructor(excessIsError: boolean, generateCode: boolean, json: boolean) {
    this.excessIsError = excessIsError;
    this.generateCode = generateCode;
    this.json = json;
  }

  compile(ast: SchemaAST.AST): Compiled {
    const seen = this.nodes.get(ast);
    if (seen !== undefined) {
      if (seen.compiled !== undefined) return seen.compiled;
      // Still compiling: a cycle through a suspended schema, resolved once the node is done.
      return (input) => (seen.compiled as Guard)(input);
    }
    const cell: { compiled: Compiled | undefined } = { compiled: undefined };
    this.nodes.set(ast, cell);
    cell.compiled = this.compileNode(ast);
    return cell.compiled;
  }

  private compileNode(ast: SchemaAST.AST): Compiled {
    if (ast.encoding !== undefined) return `${ast._tag} has an encoding (a transformation)`;
    if (ast.context?.constructorDefault !== undefined) return `${ast._tag} has a constructor default`;
    if ("encodingChecks" in ast && ast.encodingChecks !== undefined) return `${ast._tag} has encoding checks`;
    switch (ast._tag) {
      case "Unknown":
      case "Any":
        return ast.checks ? `${ast._tag} with checks` : alwaysTrue;
      case "Never":
        return alwaysFalse;
      case "Null":
        return ast.checks ? "Null with checks" : (input) => input === null;
      case "Undefined":
        return ast.checks ? "Undefined with checks" : (input) => input === undefined;
      case "Boolean":
        return ast.checks ? "Boolean with checks" : (input) => typeof input === "boolean";
      case "Literal": {
        if (ast.checks) return "Literal with checks";
        const literal = ast.literal;
        return (input) => input === literal;
      }
      case "String":
        return compileString(ast.checks);
      case "Number":
        return compileNumber(ast.checks);
      case "Arrays":
        return this.compileArray(ast);
      case "Objects":
        return ast.indexSignatures.length === 0 ? this.compileStruct(ast) : this.compileRecord(ast);
      case "Union":
        return this.compileUnion(ast);
      case "Suspend":
        return this.compile(ast.thunk());
      default:
        return `${ast._tag} is not modelled`;
    }
  }

  private compileArray(ast: SchemaAST.Arrays): Compiled {
    if (ast.elements.length !== 0 || ast.rest.length !== 1) return "tuples are not modelled";
    const itemAst = ast.rest[0]!;
    const item = this.compile(itemAst);
    if (typeof item === "string") return item;
    const { kind, undefinedOk, guard } = inlineOf(itemAst, item, this);
    const lengthOk = compileLengthChecks(ast.checks, "Arrays");
    if (typeof lengthOk === "string") return lengthOk;
    if (this.generateCode) return generatedArray(kind, undefinedOk, guard, lengthOk);
    return (input) => {
      if (!isArray(input)) return false;
      // Schema copies any array (a subclass, another realm's) into a plain one.
      if (getPrototypeOf(input) !== ArrayPrototype) return unsure();
      const length = input.length;
      for (let index = 0; index < length; index++) {
        const value: unknown = input[index];
        // A hole reads as undefined and Schema writes it back as a real element.
        if (value === undefined && !(index in input)) return unsure();
        if (!inlineCheck(kind, undefinedOk, guard, value)) return false;
      }
      return lengthOk === undefined || lengthOk(length);
    };
  }

  private compileStruct(ast: SchemaAST.Objects): Compiled {
    if (ast.checks) return "struct with checks";
    const count = ast.propertySignatures.length;
    // Schema's empty struct is a non-nullish check that passes the value through, primitives included.
    if (count === 0) return (input) => input !== null && input !== undefined;
    this.readsObjects = true;
    const names: Array<string> = [];
    const guards: Array<Guard> = [];
    const kinds: Array<Kind> = [];
    const undefinedOk: Array<boolean> = [];
    const required: Array<boolean> = [];
    const indexOf: Record<string, number> = Object.create(null);
    const risky: Array<string> = [];
    for (const property of ast.propertySignatures) {
      const name = property.name;
      if (typeof name !== "string") return "struct with a non-string key";
      const guard = this.compile(property.type);
      if (typeof guard === "string") return `.${name}: ${guard}`;
      const inline = inlineOf(property.type, guard, this);
      indexOf[name] = names.length;
      names.push(name);
      guards.push(inline.guard);
      kinds.push(inline.kind);
      undefinedOk.push(inline.undefinedOk);
      required.push(property.type.context?.isOptional !== true);
      if (inheritedNames.has(name)) risky.push(name);
      else if (name !== "__proto__") this.declaredNames.add(name);
    }
    const requiredCount = required.filter(Boolean).length;
    if (this.generateCode) {
      const shape = { names, guards, kinds, undefinedOk, required, risky, requiredCount };
      return generatedStruct(shape, this.excessIsError, this.json);
    }
    const seenKeys: Array<string | undefined> = new Array(ORDER_CACHE).fill(undefined);
    const seenIndexes: Array<number | undefined> = new Array(ORDER_CACHE).fill(undefined);
    const excessIsError = this.excessIsError;
    // JSON objects have neither symbol keys nor non-enumerable ones: for-in has seen every key.
    const exotic = !this.json;
    return (input) => {
      if (typeof input !== "object" || input === null || isArray(input)) return false;
      const prototype = getPrototypeOf(input);
      // Schema copies class instances (and other-realm objects) into plain objects.
      if (prototype !== ObjectPrototype && prototype !== null) return unsure();
      const record = input as Record<string, unknown>;
      // With an intact Object.prototype (checked on entry), for-in yields exactly the own enumerable
      // string keys.
      let total = 0;
      let seen = 0;
      let seenRequired = 0;
      for (const key in record) {
        // Objects of one API come with their keys in one order: the index found for the key seen
        // at this position last time is reused when the key is the same (an identity compare of
        // interned strings), which spares most dictionary lookups.
        const position = total++;
        let index: number | undefined;
        if (position < ORDER_CACHE && seenKeys[position] === key) index = seenIndexes[position];
        else {
          index = indexOf[key];
          if (position < ORDER_CACHE) {
            seenKeys[position] = key;
            seenIndexes[position] = index;
          }
        }
        if (index === undefined) {
          if (excessIsError) return false;
          continue;
        }
        seen++;
        if (required[index]) seenRequired++;
        const value = record[key];
        const kind = kinds[index]!;
        if (
          !(kind === Kind.guard
            ? guards[index]!(value)
            : value === undefined
              ? undefinedOk[index]!
              : kind === Kind.inner
                ? guards[index]!(value)
                : kind === Kind.string
                  ? typeof value === "string"
                  : kind === Kind.int
                    ? isSafeInteger(value)
                    : kind === Kind.finite
                      ? isFiniteNumber(value)
                      : kind === Kind.boolean
                        ? typeof value === "boolean"
                        : true)
        ) {
          return false;
        }
      }
      // Schema rejects enumerable symbol keys as excess (and drops the others).
      if (exotic && excessIsError && getOwnPropertySymbols(record).length !== 0) return unsure();
      if (seen !== count) {
        // A declared key for-in did not see may still be found by Schema's `key in input`: a
        // non-enumerable own key, or one Object.prototype holds (`constructor`, `toString`...).
        if (exotic && getOwnPropertyNames(record).length !== total) return unsure();
        if (prototype !== null) {
          for (let index = 0; index < risky.length; index++) {
            if (!hasOwn(record, risky[index]!)) return unsure();
          }
        }
        if (seenRequired !== requiredCount) return false;
      }
      return true;
    };
  }

  private compileRecord(ast: SchemaAST.Objects): Compiled {
    if (ast.propertySignatures.length !== 0 || ast.indexSignatures.length !== 1) {
      return "struct with index signatures (StructWithRest) is not modelled";
    }
    const signature = ast.indexSignatures[0]!;
    const parameter = signature.parameter;
    if (
      parameter._tag !== "String" ||
      parameter.checks !== undefined ||
      parameter.encoding !== undefined ||
      parameter.context !== undefined
    ) {
      return "record keys other than a plain String are not modelled";
    }
    this.readsObjects = true;
    const value = this.compile(signature.type);
    if (typeof value === "string") return `record value: ${value}`;
    const symbolsAreExcess = this.excessIsError && !this.json;
    const countOk = compilePropertyCountChecks(ast.checks);
    if (typeof countOk === "string") return countOk;
    return (input) => {
      if (typeof input !== "object" || input === null || isArray(input)) return false;
      const prototype = getPrototypeOf(input);
      if (prototype !== ObjectPrototype && prototype !== null) return unsure();
      const record = input as Record<string, unknown>;
      let total = 0;
      for (const key in record) {
        total++;
        if (!value(record[key])) return false;
      }
      // Schema reads the own enumerable string keys (Object.keys) and drops the others, except that
      // enumerable symbols are excess under "error".
      if (symbolsAreExcess && getOwnPropertySymbols(record).length !== 0) return unsure();
      return countOk === undefined || countOk(total);
    };
  }

  private compileUnion(ast: SchemaAST.Union): Compiled {
    if (ast.checks) return "union with checks";
    if (ast.options?.mode === "oneOf") return 'union in "oneOf" mode';
    const types = ast.types;
    if (types.length === 0) return alwaysFalse;
    const literals = literalSet(types);
    if (literals !== undefined) return (input) => literals.has(input);
    const members: Array<Guard> = [];
    for (const type of types) {
      const member = this.compile(type);
      if (typeof member === "string") return `union member: ${member}`;
      members.push(member);
    }
    if (members.length === 1) return members[0]!;
    if (members.length === 2) {
      const [first, second] = members as [Guard, Guard];
      return (input) => first(input) || (!doubt && second(input));
    }
    return (input) => {
      for (let index = 0; index < members.length; index++) {
        if (members[index]!(input)) return true;
        if (doubt) return false;
      }
      return false;
    };
  }
}

/**
 * How a property or array item is checked inline: a leaf kind, or `inner` (call `guard`, undefined
 * excepted) or `guard` (call `guard` for every value); and whether `undefined` passes. Schema.optional
 * wraps the type in a union with Undefined: its guard, called for a defined value, is the type's guard.
 */
interface StructShape {
  readonly names: ReadonlyArray<string>;
  readonly guards: ReadonlyArray<Guard>;
  readonly kinds: ReadonlyArray<Kind>;
  readonly undefinedOk: ReadonlyArray<boolean>;
  readonly required: ReadonlyArray<boolean>;
  readonly risky: ReadonlyArray<string>;
  readonly requiredCount: number;
}

/** The check of one property's value, as source; `g<index>` is that property's guard. */
const checkSource = (kind: Kind, undefinedOk: boolean, index: number): string => {
  if (kind === Kind.guard) return `g${index}(value)`;
  const leaf =
    kind === Kind.inner
      ? `g${index}(value)`
      : kind === Kind.string
        ? `typeof value === "string"`
        : kind === Kind.int
          ? "isSafeInteger(value)"
          : kind === Kind.finite
            ? "isFiniteNumber(value)"
            : kind === Kind.boolean
              ? `typeof value === "boolean"`
              : "true";
  return `(value === undefined ? ${undefinedOk} : ${leaf})`;
};

/** The array guard of `compileArray`, written out as code so its element check has its own site. */
const generatedArray = (
  kind: Kind,
  undefinedOk: boolean,
  guard: Guard,
  lengthOk: ((length: number) => boolean) | undefined,
): Guard => {
  const source = `"use strict";
const g0 = guard;
return function generatedArrayGuard(input) {
  if (!isArray(input)) return false;
  if (getPrototypeOf(input) !== ArrayPrototype) return unsure();
  const length = input.length;
  for (let index = 0; index < length; index++) {
    const value = input[index];
    if (value === undefined && !(index in input)) return unsure();
    if (!${checkSource(kind, undefinedOk, 0)}) return false;
  }
  return ${lengthOk === undefined ? "true" : "lengthOk(length)"};
};`;
  const factory = new Function(
    "guard",
    "lengthOk",
    "isArray",
    "getPrototypeOf",
    "ArrayPrototype",
    "unsure",
    "isSafeInteger",
    "isFiniteNumber",
    source,
  ) as (...helpers: ReadonlyArray<unknown>) => Guard;
  return factory(
    guard,
    lengthOk,
    isArray,
    getPrototypeOf,
    ArrayPrototype,
    unsure,
    isSafeInteger,
    isFiniteNumber,
  );
};

/**
 * The struct guard of `compileStruct`, line for line, written out as code: the key's position is
 * remembered as there, and then an integer switch reads the property by its literal name and checks
 * it inline. Names enter the source only through JSON.stringify; nothing in it comes from input.
 */
const generatedStruct = (shape: StructShape, excessIsError: boolean, json: boolean): Guard => {
  const { names, kinds, undefinedOk, required, risky } = shape;
  const cases = names
    .map(
      (name, index) =>
        `case ${index}: { seen++; ${required[index] ? "seenRequired++; " : ""}const value = record[${JSON.stringify(name)}]; if (!${checkSource(kinds[index] as Kind, undefinedOk[index] as boolean, index)}) return false; break; }`,
    )
    .join("\n");
  const source = `"use strict";
const [${names.map((_, index) => `g${index}`).join(", ")}] = guards;
const seenKeys = new Array(${ORDER_CACHE}).fill(undefined);
const seenIndexes = new Array(${ORDER_CACHE}).fill(undefined);
return function generatedStructGuard(input) {
  if (typeof input !== "object" || input === null || isArray(input)) return false;
  const prototype = getPrototypeOf(input);
  if (prototype !== ObjectPrototype && prototype !== null) return unsure();
  const record = input;
  let total = 0, seen = 0, seenRequired = 0;
  for (const key in record) {
    const position = total++;
    let index;
    if (position < ${ORDER_CACHE} && seenKeys[position] === key) index = seenIndexes[position];
    else {
      index = indexOf[key];
      if (position < ${ORDER_CACHE}) { seenKeys[position] = key; seenIndexes[position] = index; }
    }
    switch (index) {
${cases}
      default: ${excessIsError ? "return false;" : "continue;"}
    }
  }
  ${excessIsError && !json ? "if (getOwnPropertySymbols(record).length !== 0) return unsure();" : ""}
  if (seen !== ${names.length}) {
    ${json ? "" : "if (getOwnPropertyNames(record).length !== total) return unsure();"}
    if (prototype !== null) {
      ${risky.map((name) => `if (!hasOwn(record, ${JSON.stringify(name)})) return unsure();`).join("\n      ")}
    }
    if (seenRequired !== ${shape.requiredCount}) return false;
  }
  return true;
};`;
  const indexOf: Record<string, number> = Object.create(null);
  names.forEach((name, index) => {
    indexOf[name] = index;
  });
  const factory = new Function(
    "guards",
    "indexOf",
    "isArray",
    "getPrototypeOf",
    "ObjectPrototype",
    "unsure",
    "getOwnPropertySymbols",
    "getOwnPropertyNames",
    "hasOwn",
    "isSafeInteger",
    "isFiniteNumber",
    source,
  ) as (...helpers: ReadonlyArray<unknown>) => Guard;
  return factory(
    shape.guards,
    indexOf,
    isArray,
    getPrototypeOf,
    ObjectPrototype,
    unsure,
    getOwnPropertySymbols,
    getOwnPropertyNames,
    hasOwn,
    isSafeInteger,
    isFiniteNumber,
  );
};

const inlineOf = (ast: SchemaAST.AST, guard: Guard, session: Session): Inline => {
  if (ast._tag === "Union" && ast.types.length === 2 && plain(ast) && ast.options?.mode !== "oneOf") {
    const [first, second] = ast.types as readonly [SchemaAST.AST, SchemaAST.AST];
    if (second._tag === "Undefined" && plain(second) && second.context === undefined) {
      const kind = leafKind(first);
      if (kind !== Kind.guard) return { kind, undefinedOk: true, guard };
      const inner = session.compile(first);
      if (typeof inner !== "string") return { kind: Kind.inner, undefinedOk: true, guard: inner };
    }
    return { kind: Kind.guard, undefinedOk: false, guard };
  }
  const kind = leafKind(ast);
  return { kind, undefinedOk: kind === Kind.any, guard };
};

const inlineCheck = (kind: Kind, undefinedOk: boolean, guard: Guard, value: unknown): boolean =>
  kind === Kind.guard
    ? guard(value)
    : value === undefined
      ? undefinedOk
      : kind === Kind.inner
        ? guard(value)
        : kind === Kind.string
          ? typeof value === "string"
          : kind === Kind.int
            ? isSafeInteger(value)
            : kind === Kind.finite
              ? isFiniteNumber(value)
              : kind === Kind.boolean
                ? typeof value === "boolean"
                : true;

interface Inline {
  readonly kind: Kind;
  readonly undefinedOk: boolean;
  readonly guard: Guard;
}

const leafKind = (ast: SchemaAST.AST): Kind => {
  if (
    ast.encoding !== undefined ||
    (ast.context !== undefined && ast.context.constructorDefault !== undefined)
  ) {
    return Kind.guard;
  }
  switch (ast._tag) {
    case "String":
      return ast.checks ? Kind.guard : Kind.string;
    case "Boolean":
      return ast.checks ? Kind.guard : Kind.boolean;
    case "Unknown":
    case "Any":
      return ast.checks ? Kind.guard : Kind.any;
    case "Number": {
      const checks = ast.checks;
      if (checks?.length !== 1) return Kind.guard;
      const id = representationId(checks[0]);
      return id === "effect/schema/isInt"
        ? Kind.int
        : id === "effect/schema/isFinite"
          ? Kind.finite
          : Kind.guard;
    }
    default:
      return Kind.guard;
  }
};

const plain = (ast: SchemaAST.AST): boolean =>
  ast.checks === undefined && ast.encoding === undefined && !("encodingChecks" in ast && ast.encodingChecks);

const representationId = (check: SchemaAST.Check<unknown>): string | undefined => {
  if (check._tag !== "Filter") return undefined;
  const representation: unknown = check.annotations?.representation;
  return isRecord(representation) && typeof representation["id"] === "string"
    ? representation["id"]
    : undefined;
};

/** The values of a union made only of plain literals (`Schema.Literals`), else undefined. */
const literalSet = (types: ReadonlyArray<SchemaAST.AST>): ReadonlySet<unknown> | undefined => {
  const values = new Set<unknown>();
  for (const type of types) {
    if (
      type._tag !== "Literal" ||
      type.checks !== undefined ||
      type.encoding !== undefined ||
      type.context !== undefined
    ) {
      return undefined;
    }
    values.add(type.literal);
  }
  return values;
};

// ---------------------------------------------------------------------------------------------------
// Checks. Each filter carries `annotations.representation = { id, payload }`, written by the Schema
// constructor that built it (isInt, isPattern, ...): that is the only data read here. A FilterGroup
// passes when all its members pass, whatever the group itself is called.

interface Representation {
  readonly id: string;
  readonly payload: unknown;
}

const flatten = (checks: SchemaAST.Checks | undefined): ReadonlyArray<Representation> | string => {
  const out: Array<Representation> = [];
  const visit = (check: SchemaAST.Check<unknown>): string | undefined => {
    if (check._tag === "FilterGroup") {
      for (const inner of check.checks) {
        const problem = visit(inner);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    const representation: unknown = check.annotations?.representation;
    if (!isRecord(representation) || typeof representation["id"] !== "string") {
      return "a check without a representation";
    }
    out.push({ id: representation["id"], payload: representation["payload"] });
    return undefined;
  };
  for (const check of checks ?? []) {
    const problem = visit(check);
    if (problem !== undefined) return problem;
  }
  return out;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

const finitePayload = (payload: unknown, key: string): number | undefined => {
  const value = isRecord(payload) ? payload[key] : undefined;
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};

const cardinalityPayload = (payload: unknown, key: string): number | undefined => {
  const value = isRecord(payload) ? payload[key] : undefined;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
};

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

const tighterLower = (a: Bound | undefined, b: Bound): Bound =>
  a === undefined || b.value > a.value || (b.value === a.value && b.exclusive) ? b : a;
const tighterUpper = (a: Bound | undefined, b: Bound): Bound =>
  a === undefined || b.value < a.value || (b.value === a.value && b.exclusive) ? b : a;

const compileNumber = (checks: SchemaAST.Checks | undefined): Compiled => {
  const representations = flatten(checks);
  if (typeof representations === "string") return representations;
  let integer = false;
  let finite = false;
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const { id, payload } of representations) {
    switch (id) {
      case "effect/schema/isInt":
        integer = true;
        break;
      case "effect/schema/isFinite":
        finite = true;
        break;
      case "effect/schema/isGreaterThanOrEqualTo":
      case "effect/schema/isGreaterThan": {
        const exclusive = id === "effect/schema/isGreaterThan";
        const value = finitePayload(payload, exclusive ? "exclusiveMinimum" : "minimum");
        if (value === undefined) return `${id} with an unreadable bound`;
        lower = tighterLower(lower, { value, exclusive });
        break;
      }
      case "effect/schema/isLessThanOrEqualTo":
      case "effect/schema/isLessThan": {
        const exclusive = id === "effect/schema/isLessThan";
        const value = finitePayload(payload, exclusive ? "exclusiveMaximum" : "maximum");
        if (value === undefined) return `${id} with an unreadable bound`;
        upper = tighterUpper(upper, { value, exclusive });
        break;
      }
      case "effect/schema/isBetween": {
        const minimum = finitePayload(payload, "minimum");
        const maximum = finitePayload(payload, "maximum");
        if (!isRecord(payload) || minimum === undefined || maximum === undefined) {
          return `${id} with unreadable bounds`;
        }
        lower = tighterLower(lower, { value: minimum, exclusive: payload["exclusiveMinimum"] === true });
        upper = tighterUpper(upper, { value: maximum, exclusive: payload["exclusiveMaximum"] === true });
        break;
      }
      default:
        return `number check ${id} is not modelled`;
    }
  }
  const kind: (input: unknown) => boolean = integer
    ? Number.isSafeInteger
    : finite
      ? isFiniteNumber
      : (input) => typeof input === "number";
  if (lower === undefined && upper === undefined) return kind;
  // Schema orders NaN below every number: it fails lower bounds and passes upper ones, which the
  // negated comparisons below reproduce.
  const low = lower?.value ?? 0;
  const lowExclusive = lower?.exclusive ?? false;
  const high = upper?.value ?? 0;
  const highExclusive = upper?.exclusive ?? false;
  const hasLow = lower !== undefined;
  const hasHigh = upper !== undefined;
  return (input) =>
    kind(input) &&
    (!hasLow || (lowExclusive ? (input as number) > low : (input as number) >= low)) &&
    (!hasHigh || (highExclusive ? !((input as number) >= high) : !((input as number) > high)));
};

const compileString = (checks: SchemaAST.Checks | undefined): Compiled => {
  const representations = flatten(checks);
  if (typeof representations === "string") return representations;
  let minLength = 0;
  let maxLength = Number.POSITIVE_INFINITY;
  const patterns: Array<RegExp> = [];
  for (const { id, payload } of representations) {
    switch (id) {
      case "effect/schema/isMinLength": {
        const value = cardinalityPayload(payload, "minLength");
        if (value === undefined) return `${id} with an unreadable length`;
        minLength = Math.max(minLength, value);
        break;
      }
      case "effect/schema/isMaxLength": {
        const value = cardinalityPayload(payload, "maxLength");
        if (value === undefined) return `${id} with an unreadable length`;
        maxLength = Math.min(maxLength, value);
        break;
      }
      case "effect/schema/isPattern": {
        const pattern = readPattern(payload);
        if (pattern === undefined) return `${id} with an unreadable RegExp`;
        patterns.push(pattern);
        break;
      }
      default:
        return `string check ${id} is not modelled`;
    }
  }
  const checkLength = minLength > 0 || maxLength !== Number.POSITIVE_INFINITY;
  if (patterns.length === 0) {
    if (!checkLength) return (input) => typeof input === "string";
    return (input) => typeof input === "string" && input.length >= minLength && input.length <= maxLength;
  }
  if (patterns.length === 1 && !checkLength) {
    const pattern = patterns[0]!;
    return (input) => typeof input === "string" && test(pattern, input);
  }
  return (input) => {
    if (typeof input !== "string" || input.length < minLength || input.length > maxLength) return false;
    for (let index = 0; index < patterns.length; index++) {
      if (!test(patterns[index]!, input)) return false;
    }
    return true;
  };
};

const readPattern = (payload: unknown): RegExp | undefined => {
  if (!isRecord(payload)) return undefined;
  const { source, flags } = payload;
  if (typeof source !== "string" || typeof flags !== "string") return undefined;
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
};

// Schema resets `lastIndex` before each test, which makes global and sticky RegExps deterministic.
const test = (pattern: RegExp, input: string): boolean => {
  pattern.lastIndex = 0;
  return pattern.test(input);
};

/** A lower and an upper bound on a count (of items, characters or keys), from the checks that set them. */
interface Cardinality {
  /** The check id and payload key of the lower bound, e.g. `isMinLength` and `minLength`. */
  readonly min: readonly [id: string, key: string];
  readonly max: readonly [id: string, key: string];
  /** What is counted, for the reason given when a payload cannot be read. */
  readonly unit: string;
  /** What the checks are on, for the reason given when a check is not one of the two. */
  readonly on: string;
}

const compileCardinalityChecks = (
  checks: SchemaAST.Checks | undefined,
  { min: [minId, minKey], max: [maxId, maxKey], unit, on }: Cardinality,
): ((count: number) => boolean) | string | undefined => {
  const representations = flatten(checks);
  if (typeof representations === "string") return representations;
  if (representations.length === 0) return undefined;
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const { id, payload } of representations) {
    const bound = id === minId ? minKey : id === maxId ? maxKey : undefined;
    if (bound === undefined) return `${on} check ${id} is not modelled`;
    const value = cardinalityPayload(payload, bound);
    if (value === undefined) return `${id} with an unreadable ${unit}`;
    if (bound === minKey) min = Math.max(min, value);
    else max = Math.min(max, value);
  }
  return (count) => count >= min && count <= max;
};

const compileLengthChecks = (checks: SchemaAST.Checks | undefined, on: string) =>
  compileCardinalityChecks(checks, {
    min: ["effect/schema/isMinLength", "minLength"],
    max: ["effect/schema/isMaxLength", "maxLength"],
    unit: "length",
    on,
  });

const compilePropertyCountChecks = (checks: SchemaAST.Checks | undefined) =>
  compileCardinalityChecks(checks, {
    min: ["effect/schema/isMinProperties", "minProperties"],
    max: ["effect/schema/isMaxProperties", "maxProperties"],
    unit: "count",
    on: "record",
  });
