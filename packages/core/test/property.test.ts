// Random input for random operations, against a server answering with random statuses and bodies:
// every call ends in a result or one of the typed errors, never an untyped throw.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Credentials,
  createShutterstock,
  isShutterstockError,
  type OperationDescriptor,
  operations,
} from "../src/index.ts";
import { startServer, type TestServer } from "./support/server.ts";

let server: TestServer;
let nextAnswer: { status: number; body: string; contentType: string } = {
  status: 200,
  body: "{}",
  contentType: "application/json",
};
beforeAll(async () => {
  server = await startServer();
  server.handle((_, response) => {
    response.writeHead(nextAnswer.status, { "content-type": nextAnswer.contentType });
    response.end(nextAnswer.body);
  });
});
afterAll(() => server.close());

const descriptors = Object.values(operations) as OperationDescriptor[];
const groupOf = (descriptor: OperationDescriptor) =>
  descriptor.tag.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

describe("random operations with random input", () => {
  it("never throw anything but a typed error", async () => {
    const client = createShutterstock({
      baseUrl: server.url,
      credentials: Credentials.oauth("property-token"),
      retry: false,
    });
    const groups = client as unknown as Record<
      string,
      Record<string, (...args: unknown[]) => Promise<unknown>>
    >;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...descriptors),
        fc.record({
          known: fc.array(value, { maxLength: 6 }),
          extra: fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 2 }),
          body: value,
          status: fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 503),
          responseBody: fc.oneof(fc.json(), fc.string()),
          contentType: fc.constantFrom("application/json", "text/plain"),
          useExtra: fc.boolean(),
        }),
        async (descriptor, input) => {
          const params: Record<string, unknown> = {};
          descriptor.parameters.forEach((parameter, index) => {
            if (index < input.known.length) params[parameter.name] = input.known[index];
          });
          if (input.useExtra) Object.assign(params, input.extra);
          nextAnswer = { status: input.status, body: input.responseBody, contentType: input.contentType };
          const operation = groups[groupOf(descriptor)]?.[descriptor.operationId];
          expect(operation).toBeTypeOf("function");
          try {
            await (descriptor.body === undefined ? operation!(params) : operation!(input.body, params));
          } catch (error) {
            expect(isShutterstockError(error), String(error)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
