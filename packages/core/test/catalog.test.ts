import { Exit, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { type OperationDescriptor, operations, schemas } from "../src/index.ts";
import { contract } from "./support/contract.ts";

const METHODS = ["get", "post", "put", "delete", "patch", "head"];
const contractOperations = Object.entries(contract.paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method] !== undefined).map((method) => ({ path, method, ...item[method] })),
);

describe("the generated catalog", () => {
  it("covers all 118 operations of the contract, by operationId", () => {
    expect(contractOperations).toHaveLength(118);
    expect(Object.keys(operations)).toHaveLength(118);
    for (const operation of contractOperations) {
      // The contract leaves GET /v2/editorial/{id} unnamed; the generator names it getEditorial.
      const id = operation.operationId ?? "getEditorial";
      const descriptor = operations[id as keyof typeof operations];
      expect(descriptor, id).toBeDefined();
      expect(descriptor.method).toBe(operation.method.toUpperCase());
      expect(descriptor.path).toBe(operation.path);
      expect(descriptor.tag).toBe(operation.tags?.[0]);
      expect(descriptor.deprecated).toBe(operation.deprecated === true);
    }
  });

  it("has the spec's operations per tag and nine deprecated ones", () => {
    const perTag: Record<string, number> = {};
    for (const descriptor of Object.values(operations))
      perTag[descriptor.tag] = (perTag[descriptor.tag] ?? 0) + 1;
    expect(perTag).toEqual({
      images: 24,
      videos: 21,
      audio: 17,
      editorial_images: 17,
      catalog: 7,
      sound_effects: 6,
      computer_vision: 5,
      editorial_video: 5,
      contributors: 5,
      custom_music: 4,
      users: 3,
      oauth: 2,
      test: 2,
    });
    expect(Object.values(operations).filter((descriptor) => descriptor.deprecated)).toHaveLength(9);
  });

  it("has one schema per component schema", () => {
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(contract.components.schemas).sort());
    expect(Object.keys(schemas)).toHaveLength(167);
  });

  it("keeps limits, defaults, array serialization and security from the contract", () => {
    const similar = operations.getSimilarImages;
    const perPage = similar.parameters.find((parameter) => parameter.name === "per_page");
    expect(perPage).toMatchObject({ in: "query", type: "integer", default: 20 });
    expect(similar.parameters.find((parameter) => parameter.name === "license")).toMatchObject({
      array: true,
    });
    expect(
      Exit.isFailure(Schema.decodeUnknownExit(similar.schemas.params)({ asset_id: "U1", per_page: 501 })),
    ).toBe(true);
    expect(
      Exit.isSuccess(Schema.decodeUnknownExit(similar.schemas.params)({ asset_id: "U1", per_page: 500 })),
    ).toBe(true);
    expect(operations.licenseImages.security).toEqual([
      { scheme: "customer_accessCode", scopes: ["licenses.create", "purchases.view"] },
    ]);
    expect(operations.searchImages.paginated).toBe(true);
    expect(operations.getImage.paginated).toBe(false);
    expect(operations.deleteImageCollection.response).toEqual({ status: 204 });
  });
});

/**
 * Spec examples that the spec's own schema rejects. Each is a defect of the contract, not of the
 * generated code; the reason is what the decoder reports.
 */
const INVALID_EXAMPLES: Record<string, string> = {
  Video: "example.aspect_ratio is the number 969; the schema declares a string such as 16:9",
  VideoDataList: "its data[0] is the Video example, whose aspect_ratio is a number, not a string",
  VideoSearchResults: "its data[0] is the Video example, whose aspect_ratio is a number, not a string",
};

/** Some examples are JSON references to another schema's example. */
const resolveExample = (example: unknown): unknown => {
  if (
    typeof example === "object" &&
    example !== null &&
    "$ref" in example &&
    typeof example.$ref === "string"
  ) {
    const [, , , name] = example.$ref.split("/");
    return resolveExample(contract.components.schemas[name ?? ""]?.example);
  }
  return example;
};

describe("every component schema decodes its own example", () => {
  const withExamples = Object.entries(contract.components.schemas).filter(
    ([, schema]) => schema.example !== undefined,
  );
  it("has examples to check", () => {
    expect(withExamples.length).toBeGreaterThan(100);
  });
  for (const [name, schema] of withExamples) {
    it(name, () => {
      const decoder = schemas[name as keyof typeof schemas];
      const result = Schema.decodeUnknownExit(decoder as Schema.ConstraintDecoder<unknown>)(
        resolveExample(schema.example),
        {
          errors: "all",
        },
      );
      if (name in INVALID_EXAMPLES) expect(Exit.isFailure(result), INVALID_EXAMPLES[name]).toBe(true);
      else expect(Exit.isSuccess(result), Exit.isFailure(result) ? String(result.cause) : "").toBe(true);
    });
  }
});

describe("the schema-free route table", () => {
  it("lists every operation with the same routing facts as its descriptor", async () => {
    const { routeTable } = await import("../src/routes.ts");
    expect(routeTable.map((route) => route.operationId).sort()).toEqual(Object.keys(operations).sort());
    for (const route of routeTable) {
      const { schemas: _schemas, ...rest } = operations[route.operationId] as OperationDescriptor;
      expect(route, route.operationId).toEqual(rest);
    }
  });

  it("imports nothing from Effect", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const routeFiles = readdirSync(new URL("../src/generated/routes/", import.meta.url)).map(
      (name) => `../src/generated/routes/${name}`,
    );
    const wireFiles = readdirSync(new URL("../src/wire/", import.meta.url)).map(
      (name) => `../src/wire/${name}`,
    );
    for (const file of ["../src/routes.ts", ...routeFiles, ...wireFiles]) {
      const source = readFileSync(new URL(file, import.meta.url), "utf8");
      expect(source, file).not.toMatch(/from "effect|from "ky"/);
    }
  });
});
