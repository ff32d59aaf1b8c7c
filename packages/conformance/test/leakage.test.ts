// The token, the consumer key and the consumer secret must never show up in anything a caller or an
// operator sees: errors (their messages, JSON, stacks, inspection), debug events, tracing spans,
// console output, or the edge proxy's responses and logs. Everything is captured and scanned.
import { inspect } from "node:util";
import {
  Credentials,
  createImageCollection,
  createShutterstock,
  effectLogger,
  type GroupedShutterstockClient,
  getImage,
  isShutterstockError,
  operations,
  Shutterstock,
  type ShutterstockConfig,
  type ShutterstockError,
  searchImages,
  tracing,
} from "@shutterkit/core";
import { createProxyHandler, type ProxyLogEntry } from "@shutterkit/edge";
import { Cause, Effect, Exit, Tracer } from "effect";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FaultSpec } from "../src/control.ts";
import { startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

const TOKEN = "v2/LEAKCHECK-token-0c0ffee0c0ffee";
const KEY = "LEAKCHECK-consumer-key-7f3a";
const SECRET = "LEAKCHECK-consumer-secret-91bd";
const secrets = [
  TOKEN,
  KEY,
  SECRET,
  btoa(`${KEY}:${SECRET}`),
  encodeURIComponent(TOKEN),
  // Fragments long enough to be recognisable if a secret were cut or re-encoded.
  "LEAKCHECK",
];

const captured: Array<{ where: string; text: string }> = [];
const capture = (where: string, value: unknown) => {
  const text =
    typeof value === "string"
      ? value
      : (() => {
          try {
            return `${JSON.stringify(value)}\n${inspect(value, { depth: 12, showHidden: true })}`;
          } catch {
            return inspect(value, { depth: 12, showHidden: true });
          }
        })();
  captured.push({ where, text });
};

const captureError = (where: string, error: unknown) => {
  capture(`${where}: String`, String(error));
  capture(`${where}: JSON+inspect`, error);
  if (error instanceof Error) {
    capture(`${where}: message`, error.message);
    capture(`${where}: stack`, error.stack ?? "");
    capture(`${where}: keys`, Object.fromEntries(Object.entries(error)));
  }
};

const FAULTS: ReadonlyArray<FaultSpec> = [
  { kind: "status", status: 401 },
  { kind: "status", status: 403 },
  { kind: "status", status: 429, retryAfter: 0 },
  { kind: "status", status: 500 },
  { kind: "status", status: 503 },
  { kind: "reset" },
  { kind: "truncate" },
  { kind: "malformed-json" },
  { kind: "wrong-content-type" },
  { kind: "delay", ms: 300 },
];

/**
 * A fetch that reflects the request's Authorization header into a 400 answer, as a careless API or
 * gateway might: into the body, or into the request-id header.
 */
const echoingFetch =
  (into: "body" | "request-id"): typeof fetch =>
  async (input, init) => {
    const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
    const auth = headers.get("authorization") ?? "";
    const credential = auth.replace(/^(Bearer|Basic) /, "");
    const body =
      into === "body"
        ? {
            message: `Rejected credentials ${auth} (${credential})`,
            errors: [{ code: "ECHO", message: `token=${credential}`, path: `$.header.${credential}` }],
          }
        : { message: "Rejected" };
    return new Response(JSON.stringify(body), {
      status: 400,
      headers: {
        "content-type": "application/json",
        ...(into === "request-id" ? { "x-request-id": credential } : {}),
      },
    });
  };

const leaksIn = (entries: ReadonlyArray<{ where: string; text: string }>) =>
  entries.flatMap((entry) =>
    secrets.filter((secret) => entry.text.includes(secret)).map((secret) => `${entry.where}: ${secret}`),
  );

let sandbox: TestSandbox;
const logSpy: Array<unknown[]> = [];

beforeAll(async () => {
  sandbox = await startTestSandbox({
    credentials: { clientId: KEY, clientSecret: SECRET, accessToken: TOKEN },
  });
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logSpy.push(args);
    });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sandbox.close();
});

const clientsFor = (overrides: ShutterstockConfig = {}): Record<string, GroupedShutterstockClient> => {
  const base = {
    baseUrl: sandbox.url,
    retry: { baseDelay: 1, maxDelay: 5, maxAttempts: 2 },
    timeout: 150,
    onDebug: (event: unknown) => capture("onDebug", event),
    logLevel: "debug" as const,
    logger: {
      log: (level: string, message: string, fields: unknown) => capture(`log ${level}`, { message, fields }),
    },
    ...overrides,
  };
  return {
    oauth: createShutterstock({ ...base, credentials: Credentials.oauth(TOKEN) }),
    basic: createShutterstock({ ...base, credentials: Credentials.basic(KEY, SECRET) }),
    provider: createShutterstock({ ...base, credentials: Credentials.tokenProvider(async () => TOKEN) }),
    // Its lines go through Effect's Logger to the (spied) console.
    effectLogger: createShutterstock({
      ...base,
      logger: effectLogger,
      credentials: Credentials.oauth(TOKEN),
    }),
    // No logger of its own: its lines go to the (spied) console.
    console: createShutterstock({
      ...Object.fromEntries(Object.entries(base).filter(([key]) => key !== "logger")),
      credentials: Credentials.oauth(TOKEN),
    }),
  };
};

const attempt = async (where: string, call: () => Promise<unknown>) => {
  try {
    capture(`${where}: result`, await call());
  } catch (error) {
    expect(isShutterstockError(error), `${where}: ${String(error)}`).toBe(true);
    captureError(where, error);
  }
};

describe("secrets stay secret", () => {
  it("in errors and debug events of the Promise API, under every fault", async () => {
    const ids = await sandbox.imageIds(1);
    const id = ids[0] ?? "";
    for (const [name, client] of Object.entries(clientsFor())) {
      capture(`${name}: client config`, client.config);
      await attempt(`${name} ok`, () => client.images.getImage({ id }));
      await attempt(`${name} withResponse`, () => client.send(getImage, { id }).withResponse());
      await attempt(`${name} withResponse 404`, () => client.send(getImage, { id: "999" }).withResponse());
      await attempt(`${name} raw ok`, () =>
        client.request("GET /v2/images/{id}", { params: { id } }).withResponse(),
      );
      await attempt(`${name} raw 404`, () =>
        client.request("GET /v2/images/{id}", { params: { id: "999" } }),
      );
      await attempt(`${name} raw POST 403`, () =>
        client.request("POST /v2/images/collections", { body: { name: TOKEN } }),
      );
      await attempt(`${name} invalid`, () =>
        client.images.searchImages({ per_page: TOKEN as unknown as number, query: SECRET }),
      );
      await attempt(`${name} 400`, () => client.images.searchImages({ query: "star", color: "reddish" }));
      await attempt(`${name} 404`, () => client.images.getImage({ id: "999" }));
      await attempt(`${name} 403`, () => client.images.createImageCollection({ name: "x" }));
      for (const fault of FAULTS) {
        await sandbox.control.fault({ ...fault, route: "getImage" });
        await attempt(`${name} ${fault.kind} ${fault.status ?? ""}`, () => client.images.getImage({ id }));
        await sandbox.control.clearFaults();
      }
    }
    for (const [name, client] of Object.entries(clientsFor({ fetch: echoingFetch("body") })))
      await attempt(`${name} server echoing credentials in its body`, () => client.images.getImage({ id }));
    expect(captured.some((entry) => entry.where === "onDebug")).toBe(true);
    expect(captured.some((entry) => entry.where.startsWith("log "))).toBe(true);
  });

  it("in tracing spans of the Effect API", async () => {
    const spans: Tracer.NativeSpan[] = [];
    const tracer = Tracer.make({
      span(options) {
        const span = new Tracer.NativeSpan(options);
        spans.push(span);
        return span;
      },
    });
    const id = (await sandbox.imageIds(1))[0] ?? "";
    const credentials = [Credentials.oauth(TOKEN), Credentials.basic(KEY, SECRET)];
    for (const creds of credentials) {
      const layer = Shutterstock.layer({
        baseUrl: sandbox.url,
        credentials: creds,
        retry: { baseDelay: 1 },
        tracing: tracing(),
      });
      const programs: ReadonlyArray<Effect.Effect<unknown, ShutterstockError, Shutterstock>> = [
        Shutterstock.send(getImage, { id }),
        Shutterstock.send(getImage, { id: "999" }),
        Shutterstock.send(searchImages, { query: "star", color: "reddish" }),
        Shutterstock.send(searchImages, { query: TOKEN, per_page: "x" as unknown as number }),
        Shutterstock.send(createImageCollection, { name: "x" }),
      ];
      for (const program of programs) {
        const exit = await Effect.runPromiseExit(
          program.pipe(Effect.provide(layer), Effect.provideService(Tracer.Tracer, tracer)),
        );
        if (Exit.isFailure(exit)) capture("effect cause", Cause.pretty(exit.cause));
      }
    }
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans)
      capture(`span ${span.name}`, {
        name: span.name,
        attributes: Object.fromEntries(span.attributes),
        events: span.events,
        status: span.status,
        inspected: inspect(span, { depth: 8 }),
      });
  });

  it("in edge proxy responses and logs", async () => {
    const logs: ProxyLogEntry[] = [];
    const id = (await sandbox.imageIds(1))[0] ?? "";
    for (const credentials of [Credentials.oauth(TOKEN), Credentials.basic(KEY, SECRET)]) {
      const proxy = createProxyHandler({
        credentials,
        baseUrl: sandbox.url,
        allow: [
          searchImages,
          operations.getImage,
          { operation: operations.createImageCollection, write: true },
          { operation: operations.licenseImages, write: true, purchase: true },
        ],
        cors: { origins: ["https://app.example.com"] },
        authorize: () => ({ id: "conformance", grants: ["write", "purchase"] }),
        cache: false,
        rateLimit: false,
        upstream: { retry: { baseDelay: 1, maxAttempts: 2 }, timeout: 150 },
        onLog: (entry: ProxyLogEntry) => logs.push(entry),
      });
      const send = async (path: string, init: RequestInit = {}) => {
        const response = await proxy(
          new Request(`http://proxy.test${path}`, {
            ...init,
            headers: { origin: "https://app.example.com", ...(init.headers ?? {}) },
          }),
        );
        const headers = Object.fromEntries(response.headers);
        capture(`proxy ${init.method ?? "GET"} ${path} → ${response.status}`, {
          status: response.status,
          headers,
          body: await response.text(),
        });
      };
      await send(`/v2/images/${id}`);
      await send("/v2/images/999");
      await send(`/v2/images/search?query=star&color=reddish`);
      await send(`/v2/images/search?per_page=${encodeURIComponent(TOKEN)}`);
      await send("/v2/images/collections", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "proxy" }),
      });
      await send("/v2/user");
      await send(`/v2/images/${id}`, {
        method: "OPTIONS",
        headers: { "access-control-request-method": "GET" },
      });
      for (const fault of FAULTS) {
        await sandbox.control.fault({ ...fault, route: "getImage" });
        await send(`/v2/images/${id}`);
        await sandbox.control.clearFaults();
      }
    }
    for (const entry of logs) capture("proxy log", entry);
    expect(logs.length).toBeGreaterThan(0);
  });

  it("anywhere in what was captured", () => {
    for (const args of logSpy) capture("console", args.map((arg) => inspect(arg, { depth: 8 })).join(" "));
    const surfaces = new Set(captured.map((entry) => entry.where.split(":")[0]));
    // console is spied on above, so the summary goes straight to stdout.
    process.stdout.write(
      `leakage: scanned ${captured.length} captures (${captured.reduce((sum, entry) => sum + entry.text.length, 0)} characters) from ${surfaces.size} kinds of surface, ${logSpy.length} console calls\n`,
    );
    expect(leaksIn(captured)).toEqual([]);
    expect(captured.length).toBeGreaterThan(100);
  });

  it("in the request id of an error, when a server echoes credentials there", async () => {
    const before = captured.length;
    for (const [name, client] of Object.entries(clientsFor({ fetch: echoingFetch("request-id") })))
      await attempt(`${name} server echoing credentials as request id`, () =>
        client.images.getImage({ id: "1" }),
      );
    expect(leaksIn(captured.slice(before))).toEqual([]);
  });
});
