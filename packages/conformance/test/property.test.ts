// Property tests against the real sandbox (core's own property test uses a stub server):
// - random operations with random input end in a result or a typed error, never anything else;
// - parameters generated from each operation's own params schema are accepted by the client, written
//   to the wire and read back by the same rules the sandbox uses, unchanged, and the sandbox answers
//   them with a result or a 400 for formats the contract leaves to prose (dates, colours);
// - meaningful searches (hand-written generator) always succeed and honour their parameters.
import {
  BadRequest,
  getImage,
  type InputOf,
  InvalidRequest,
  isShutterstockError,
  type OperationDescriptor,
  operations,
  searchImages,
} from "@shutterkit/core";
import { readParams, writeParams } from "@shutterkit/core/routes";
import { Arbitrary, Effect, Exit, Schema } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const descriptors = Object.values(operations) as OperationDescriptor[];
const groupOf = (descriptor: OperationDescriptor) =>
  descriptor.tag.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

type Operation = (...args: unknown[]) => Promise<unknown>;
const operationOf = (client: object, descriptor: OperationDescriptor): Operation => {
  const group = (client as Record<string, Record<string, Operation>>)[groupOf(descriptor)];
  const operation = group?.[descriptor.operationId];
  if (operation === undefined) throw new Error(`no client method for ${descriptor.operationId}`);
  return operation;
};

const tally = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const show = (counts: Map<string, number>) =>
  [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `${key} ${count}`)
    .join(", ");

const sample = <A>(schema: Schema.ConstraintDecoder<unknown>, count: number, seed: number) =>
  Effect.runPromise(
    Arbitrary.sampleEffect(Arbitrary.schema(schema as Schema.Constraint) as Arbitrary.Arbitrary<A>, {
      count,
      seed,
    }),
  );

const names = (descriptor: OperationDescriptor) =>
  [...descriptor.path.matchAll(/\{([^}]+)\}/g)].map((entry) => entry[1] ?? "");

/** Empty and dot segments name another route once a URL parser is done with them: the client refuses them. */
const unroutable = (value: unknown): boolean => value === "" || value === "." || value === "..";

const wellFormed = (input: unknown): boolean =>
  typeof input === "string"
    ? input.isWellFormed()
    : Array.isArray(input)
      ? input.every(wellFormed)
      : typeof input === "object" && input !== null
        ? Object.entries(input).every(([key, entry]) => key.isWellFormed() && wellFormed(entry))
        : true;

const value = fc.oneof(
  fc.string(),
  // Any UTF-16 code units, lone surrogates included.
  fc.string({ unit: "binary" }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

/** Schema-derived parameters and bodies per operation, so random calls get past validation too. */
const validInputs = async () => {
  const inputs = new Map<string, { params: Record<string, unknown>[]; bodies: unknown[] }>();
  for (const descriptor of descriptors) {
    const params = (await sample<Record<string, unknown>>(descriptor.schemas.params, 12, 3)).filter(
      (entry) => wellFormed(entry) && !names(descriptor).some((name) => unroutable(entry[name])),
    );
    const bodies =
      descriptor.schemas.body === undefined
        ? []
        : (await sample<unknown>(descriptor.schemas.body, 6, 5)).filter(wellFormed);
    inputs.set(descriptor.operationId, { params, bodies });
  }
  return inputs;
};

describe("random operations with random input, against the sandbox", () => {
  it("never end in anything but a result or a typed error", async () => {
    const client = sandbox.client({ retry: false, timeout: 10_000 });
    const inputs = await validInputs();
    const outcomes = new Map<string, number>();
    const serverSide = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...descriptors),
        fc.record({
          mode: fc.constantFrom("junk", "valid", "valid with one junk value"),
          pick: fc.nat(),
          known: fc.array(value, { maxLength: 6 }),
          extra: fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 2 }),
          body: value,
          useExtra: fc.boolean(),
        }),
        async (descriptor, input) => {
          const valid = inputs.get(descriptor.operationId);
          const validParams = valid?.params[input.pick % Math.max(1, valid.params.length)];
          const validBody = valid?.bodies[input.pick % Math.max(1, valid.bodies.length)];
          const params: Record<string, unknown> = input.mode === "junk" ? {} : { ...validParams };
          if (input.mode !== "valid") {
            descriptor.parameters.forEach((parameter, index) => {
              if (index < input.known.length && (input.mode === "junk" || index === input.pick % 6))
                params[parameter.name] = input.known[index];
            });
            if (input.useExtra) Object.assign(params, input.extra);
          }
          const body = input.mode === "junk" || validBody === undefined ? input.body : validBody;
          const operation = operationOf(client, descriptor);
          try {
            await (descriptor.body === undefined ? operation(params) : operation(body, params));
            tally(outcomes, "ok");
          } catch (error) {
            tally(outcomes, isShutterstockError(error) ? error._tag : "untyped");
            expect(isShutterstockError(error), `${descriptor.operationId}: ${String(error)}`).toBe(true);
            // The sandbox answering outside the contract, or a 5xx: worth a look, not a client failure.
            if (isShutterstockError(error) && (error._tag === "DecodeError" || error._tag === "ServerError"))
              serverSide.add(error.message);
          }
        },
      ),
      { numRuns: 400, seed: 20_251_026 },
    );
    console.log(`random operations: ${show(outcomes)}\n  ${[...serverSide].join("\n  ")}`);
  });
});

describe("schema-valid parameters", () => {
  it("round-trip through the wire format for every operation", async () => {
    let checked = 0;
    let illFormed = 0;
    let emptyPath = 0;
    let emptyRequired = 0;
    for (const descriptor of descriptors) {
      const samples = await sample<Record<string, unknown>>(descriptor.schemas.params, 25, 7);
      for (const params of samples) {
        // Lone surrogates cannot be percent-encoded at all, and an empty or dot path segment names
        // another route: the client refuses them, as the tests below check.
        if (!wellFormed(params)) {
          illFormed += 1;
          continue;
        }
        if (names(descriptor).some((name) => unroutable(params[name]))) {
          emptyPath += 1;
          continue;
        }
        // Arrays go out as repeated keys, so an empty array is no key at all: the same as absent.
        const expected = Object.fromEntries(
          Object.entries(params).filter(([, entry]) => !(Array.isArray(entry) && entry.length === 0)),
        );
        if (descriptor.parameters.some((parameter) => parameter.required && !(parameter.name in expected))) {
          emptyRequired += 1;
          continue;
        }
        const parts = writeParams(descriptor, params);
        const url = new URL(parts.path, "http://sandbox.test");
        const template = descriptor.path.replace(/\{[^}]+\}/g, "([^/]+)");
        const match = new RegExp(`^${template}$`).exec(url.pathname);
        expect(match, `${descriptor.operationId}: ${url.pathname}`).not.toBeNull();
        const pathValues = Object.fromEntries(
          names(descriptor).map((name, index) => [name, decodeURIComponent(match?.[index + 1] ?? "")]),
        );
        const read = readParams(descriptor, pathValues, parts.query, new Headers(parts.headers));
        const decoded = Schema.decodeUnknownExit(descriptor.schemas.params)(read);
        expect(Exit.isSuccess(decoded), `${descriptor.operationId}: ${JSON.stringify(read)}`).toBe(true);
        if (Exit.isSuccess(decoded)) expect(decoded.value, descriptor.operationId).toEqual(expected);
        checked += 1;
      }
    }
    console.log(
      `wire round-trip: ${checked} parameter sets over ${descriptors.length} operations (left out: ${illFormed} with lone surrogates, ${emptyPath} with an empty or dot path parameter, ${emptyRequired} with an empty required array)`,
    );
  });

  // An empty path segment would name another route (renameImageCollection with id "" would be a POST
  // to /v2/images/collections, which creates a collection): refused before anything is sent.
  it("with an empty path parameter are refused before anything is sent", async () => {
    const client = sandbox.client({ retry: false });
    const before = await sandbox.control.stats();
    const error = await client.images.renameImageCollection({ name: "renamed" }, { id: "" }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(InvalidRequest);
    expect((await sandbox.control.stats()).requests).toBe(before.requests);
  });

  // A lone UTF-16 surrogate cannot be percent-encoded: a typed refusal, not a URIError.
  it("with a lone surrogate in a path parameter end in a typed error", async () => {
    const client = sandbox.client({ retry: false });
    const error = await client.images.getImageCollection({ id: "\uD800" }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(InvalidRequest);
  });

  it("are accepted by the client and answered by the sandbox (searchImages, getImage, searchVideos)", async () => {
    const client = sandbox.client({ retry: false });
    const outcomes = new Map<string, number>();
    const badRequestCodes = new Map<string, number>();
    const cases: Array<[OperationDescriptor, Record<string, unknown>]> = [];
    for (const descriptor of [searchImages, getImage, operations.searchVideos] as OperationDescriptor[])
      for (const params of await sample<Record<string, unknown>>(descriptor.schemas.params, 60, 11))
        cases.push([descriptor, params]);
    for (const [descriptor, params] of cases) {
      try {
        await operationOf(client, descriptor)(params);
        tally(outcomes, `${descriptor.operationId} ok`);
      } catch (error) {
        const tag = isShutterstockError(error) ? error._tag : "untyped";
        tally(outcomes, `${descriptor.operationId} ${tag}`);
        if (error instanceof BadRequest)
          for (const detail of error.errors)
            tally(badRequestCodes, `${detail.code ?? "?"} ${detail.path ?? ""}`);
        // 404 is a fine answer to a getImage of a random id; the sandbox may refuse formats the
        // contract only describes in prose; anything else means the client and server disagree.
        expect(
          ["BadRequest", "NotFound"],
          `${descriptor.operationId}(${JSON.stringify(params)}): ${String(error)}`,
        ).toContain(tag);
      }
    }
    // Type and name mismatches would mean the wire format was misread: only format checks may fail.
    for (const key of badRequestCodes.keys()) {
      expect(key, "a 400 for a parameter the client wrote wrongly").not.toMatch(
        /VALIDATION_INVALID_TYPE|VALIDATION_UNKNOWN|VALIDATION_REQUIRED/,
      );
    }
    console.log(`schema-derived calls: ${show(outcomes)}\n  400 causes: ${show(badRequestCodes)}`);
  });
});

type SearchParams = InputOf<typeof searchImages>;

const words = ["star", "circle", "square", "blue", "red", "green", "pattern", "abstract", "triangle"];

const meaningfulSearch: fc.Arbitrary<SearchParams> = fc.record(
  {
    query: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 2 }).map((list) => list.join(" ")),
    per_page: fc.integer({ min: 1, max: 50 }),
    page: fc.integer({ min: 1, max: 3 }),
    sort: fc.constantFrom("popular", "newest", "relevance", "random"),
    orientation: fc.constantFrom("horizontal", "vertical"),
    image_type: fc.subarray(["photo", "illustration", "vector"], { minLength: 1 }),
    safe: fc.boolean(),
  } as const,
  { requiredKeys: ["query"] },
) as fc.Arbitrary<SearchParams>;

describe("meaningful searches", () => {
  it("always succeed and honour per_page, page and orientation", async () => {
    const client = sandbox.client({ retry: false });
    let results = 0;
    await fc.assert(
      fc.asyncProperty(meaningfulSearch, async (params) => {
        const page = await client.images.searchImages(params);
        const data = page.data ?? [];
        results += data.length;
        expect(data.length).toBeLessThanOrEqual(params.per_page ?? 20);
        if (params.page !== undefined && data.length > 0) expect(page.page).toBe(params.page);
        for (const image of data) {
          if (params.orientation === "horizontal") expect(image.aspect ?? 0).toBeGreaterThan(1);
          if (params.orientation === "vertical") expect(image.aspect ?? 2).toBeLessThan(1);
          if (params.image_type !== undefined) expect(params.image_type).toContain(image.image_type);
        }
      }),
      { numRuns: 150, seed: 4_242 },
    );
    console.log(`meaningful searches: 150 calls, ${results} results checked`);
  });
});
