// Spans exported with Effect's own OTLP exporter (effect/observability) to an OTLP/HTTP receiver on
// 127.0.0.1: one client span per call, with the HTTP semantic-convention attributes, under the
// caller's span, and the same trace id sent to the API as `traceparent`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Effect, Layer } from "effect";
import { FetchHttpClient } from "effect/http";
import { OtlpSerialization, OtlpTracer } from "effect/observability";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getImage, Shutterstock, tracing } from "../src/index.ts";
import { image } from "./support/fixtures.ts";
import { json, startServer, type TestServer } from "./support/server.ts";

interface OtlpSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly kind: number;
  readonly attributes: ReadonlyArray<{ readonly key: string; readonly value: Record<string, unknown> }>;
}

let api: TestServer;
let receiverUrl: string;
const exported: OtlpSpan[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
    };
    for (const resource of body.resourceSpans)
      for (const scope of resource.scopeSpans) exported.push(...scope.spans);
    response.writeHead(200, { "content-type": "application/json" });
    response.end("{}");
  });
});

beforeAll(async () => {
  api = await startServer();
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await api.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const attributes = (span: OtlpSpan | undefined): Record<string, unknown> =>
  Object.fromEntries((span?.attributes ?? []).map(({ key, value }) => [key, Object.values(value)[0]]));

describe("tracing through the OTLP exporter", () => {
  it("exports one client span per call with HTTP attributes, under the caller's span", async () => {
    api.handle((request, response) =>
      request.url.pathname === "/v2/images/404"
        ? json(response, 404, { message: "no" })
        : json(response, 200, image("1")),
    );
    const exporter = OtlpTracer.layer({
      url: `${receiverUrl}/v1/traces`,
      resource: { serviceName: "shutterkit-test" },
      exportInterval: "50 millis",
    }).pipe(Layer.provide([OtlpSerialization.layerJson, FetchHttpClient.layer]));
    const program = Effect.gen(function* () {
      yield* Shutterstock.send(getImage, { id: "1" });
      yield* Effect.flip(Shutterstock.send(getImage, { id: "404" }));
    }).pipe(
      Effect.withSpan("app.request"),
      Effect.provide(Shutterstock.layer({ baseUrl: api.url, retry: false, tracing: tracing() })),
      Effect.provide(exporter),
    );
    await Effect.runPromise(program);

    const app = exported.find((span) => span.name === "app.request");
    const calls = exported.filter((span) => span.name === "shutterstock.getImage");
    expect(calls).toHaveLength(2);
    for (const span of calls) {
      expect(span.parentSpanId).toBe(app?.spanId);
      expect(span.traceId).toBe(app?.traceId);
      expect(span.kind).toBe(3); // SPAN_KIND_CLIENT
    }
    expect(attributes(calls[0])).toMatchObject({
      "http.request.method": "GET",
      "url.template": "/v2/images/{id}",
      "server.address": "127.0.0.1",
      "http.response.status_code": 200,
      "shutterstock.operation_id": "getImage",
      "shutterstock.attempts": 1,
    });
    expect(attributes(calls[1])).toMatchObject({ "shutterstock.attempts": 1 });
    expect(api.received[0]?.headers.traceparent).toMatch(new RegExp(`^00-${app?.traceId}-[0-9a-f]{16}-01$`));
  });
});
