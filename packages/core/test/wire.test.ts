// The generated table test: every operation sends the right method, path, query (arrays as repeated
// keys), headers and JSON body to a real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Credentials, createShutterstock, type OperationDescriptor, operations } from "../src/index.ts";
import { contract } from "./support/contract.ts";
import { json, startServer, type TestServer } from "./support/server.ts";

interface ParameterSpec {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: SchemaSpec;
}
interface SchemaSpec {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: SchemaSpec;
  oneOf?: SchemaSpec[];
  anyOf?: SchemaSpec[];
  default?: unknown;
  minimum?: number;
  pattern?: string;
  format?: string;
  example?: unknown;
}

const components = contract.components.schemas as Record<string, SchemaSpec>;
const resolve = (schema: SchemaSpec | undefined): SchemaSpec | undefined =>
  schema?.$ref === undefined ? schema : resolve(components[schema.$ref.split("/").pop() ?? ""]);

/** A valid value for a scalar schema, from its enum, default or type. */
const sampleScalar = (schema: SchemaSpec | undefined): unknown => {
  const resolved = resolve(schema);
  const first = resolved?.oneOf?.[0] ?? resolved?.anyOf?.[0];
  if (first !== undefined) return sampleScalar(first);
  if (resolved?.enum !== undefined) return resolved.enum[0];
  if (resolved?.default !== undefined && !Array.isArray(resolved.default)) return resolved.default;
  switch (resolved?.type) {
    case "integer":
    case "number":
      return Math.max(1, resolved.minimum ?? 1);
    case "boolean":
      return true;
    default:
      if (resolved?.format === "country-code-2") return "US";
      if (resolved?.format === "country-code-3") return "USA";
      if (resolved?.format === "date") return "2024-01-31";
      return "123";
  }
};

const isArray = (schema: SchemaSpec | undefined): boolean => {
  const resolved = resolve(schema);
  return resolved?.type === "array" || resolve(resolved?.oneOf?.[0])?.type === "array";
};

const sampleArray = (schema: SchemaSpec | undefined): unknown[] => {
  const resolved = resolve(schema);
  const arraySchema = resolved?.type === "array" ? resolved : resolve(resolved?.oneOf?.[0]);
  const items = resolve(arraySchema?.items);
  if (items?.enum !== undefined) return items.enum.slice(0, 2);
  return [sampleScalar(items), sampleScalar(items) === "123" ? "456" : sampleScalar(items)];
};

const exampleOf = (name: string): unknown => {
  const example = components[name]?.example;
  if (typeof example === "object" && example !== null && "$ref" in example) {
    return exampleOf(String((example as { $ref: string }).$ref).split("/")[3] ?? "");
  }
  return example;
};

type Path = Record<
  string,
  { parameters?: ParameterSpec[]; requestBody?: { content: Record<string, { schema: SchemaSpec }> } }
>;
const specOf = (method: string, path: string) =>
  (contract.paths[path] as unknown as Path)[method.toLowerCase()];

/**
 * Bodies whose spec example is unusable, written here instead: createAccessToken's schema is inline
 * with no example, and the audio and sound-effect license examples carry fields (`metadata`,
 * `show_modal`, `size`) that their schemas do not define, which strict request validation rejects.
 */
const BODIES: Record<string, unknown> = {
  createAccessToken: {
    client_id: "id",
    client_secret: "secret",
    grant_type: "authorization_code",
    code: "abc",
  },
  licenseTrack: { audio: [{ audio_id: "591623", license: "audio_platform" }] },
  licensesSFX: { sound_effects: [{ format: "wav", sfx_id: "123456789", subscription_id: "s12345678" }] },
};

const cases = (Object.values(operations) as OperationDescriptor[]).map((descriptor) => {
  const spec = specOf(descriptor.method, descriptor.path);
  const params: Record<string, unknown> = {};
  let arrayParam: string | undefined;
  for (const parameter of spec?.parameters ?? []) {
    if (parameter.in === "header") continue;
    if (isArray(parameter.schema)) {
      if (parameter.required === true || arrayParam === undefined) {
        params[parameter.name] = sampleArray(parameter.schema);
        arrayParam ??= parameter.name;
      }
    } else if (parameter.required === true) params[parameter.name] = sampleScalar(parameter.schema);
  }
  const bodyRef = Object.values(spec?.requestBody?.content ?? {})[0]?.schema.$ref;
  const body =
    descriptor.body === undefined
      ? undefined
      : (BODIES[descriptor.operationId] ?? exampleOf(bodyRef?.split("/")[3] ?? ""));
  return { descriptor, params, body, arrayParam };
});

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.handle((_, response) => json(response, 200, {}));
});
afterAll(() => server.close());

describe("every operation goes on the wire as the contract says", () => {
  it("has a case for each of the 118 operations", () => {
    expect(cases).toHaveLength(118);
  });

  it.each(cases.map((testCase) => [testCase.descriptor.operationId, testCase] as const))(
    "%s",
    async (_, testCase) => {
      const { descriptor, params, body, arrayParam } = testCase;
      const client = createShutterstock({
        baseUrl: server.url,
        credentials: Credentials.oauth("wire-token"),
        decodeResponses: false,
        retry: false,
      });
      const group = descriptor.tag.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
      const groups = client as unknown as Record<
        string,
        Record<string, (...args: unknown[]) => Promise<unknown>>
      >;
      const operation = groups[group]?.[descriptor.operationId];
      expect(operation, "bound in the Promise client").toBeTypeOf("function");
      const before = server.received.length;
      await (descriptor.body === undefined ? operation!(params) : operation!(body, params));
      expect(server.received.length).toBe(before + 1);
      const request = server.received.at(-1)!;

      expect(request.method).toBe(descriptor.method);
      const expectedPath = descriptor.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        encodeURIComponent(String(params[name])),
      );
      expect(request.url.pathname).toBe(expectedPath);
      for (const parameter of descriptor.parameters.filter((entry) => entry.in === "query")) {
        const value = params[parameter.name];
        const sent = request.url.searchParams.getAll(parameter.name);
        if (value === undefined) expect(sent).toEqual([]);
        else expect(sent).toEqual((Array.isArray(value) ? value : [value]).map(String));
      }
      if (
        arrayParam !== undefined &&
        descriptor.parameters.some((entry) => entry.name === arrayParam && entry.in === "query")
      ) {
        expect(request.url.searchParams.getAll(arrayParam).length).toBe(2);
      }
      expect(request.headers.authorization).toBe("Bearer wire-token");
      expect(request.headers.accept).toBe("application/json");
      if (body === undefined) {
        expect(request.body).toBe("");
      } else {
        expect(request.headers["content-type"]).toBe("application/json");
        expect(JSON.parse(request.body)).toEqual(body);
      }
    },
  );
});
