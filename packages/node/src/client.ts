// The core constructors with the adapter's transport and User-Agent token as their defaults: a Node
// user who imports `createClient` from here gets undici's dispatcher instead of the global fetch.
import {
  createClient as createCoreClient,
  createShutterstock as createCoreShutterstock,
  type GroupedShutterstockClient,
  Shutterstock,
  type ShutterstockClient,
  type ShutterstockConfig,
} from "@shutterkit/core";
import type { Layer } from "effect";
import { nodeFetch } from "./transport.ts";
import { VERSION } from "./version.ts";

const TOKEN = `shutterkit-node/${VERSION}`;

/**
 * The config with {@link nodeFetch} as its transport unless it names one (even `globalThis.fetch`),
 * and this adapter's token in the `User-Agent` before the application's.
 */
export const withNodeFetch = (config: ShutterstockConfig): ShutterstockConfig => ({
  ...config,
  fetch: config.fetch ?? nodeFetch,
  // Idempotent, since the environment's configuration passes through here and then a constructor.
  userAgent: config.userAgent?.startsWith(TOKEN)
    ? config.userAgent
    : [TOKEN, config.userAgent].filter(Boolean).join(" "),
});

/** Core's modular `createClient`, sending through {@link nodeFetch} unless `config.fetch` is given. */
export const createClient = (config: ShutterstockConfig = {}): ShutterstockClient =>
  createCoreClient(withNodeFetch(config));

/**
 * Core's grouped `createShutterstock` (every operation under its tag), sending through
 * {@link nodeFetch} unless `config.fetch` is given (pass `fetch: globalThis.fetch` to opt out).
 */
export const createShutterstock = (config: ShutterstockConfig = {}): GroupedShutterstockClient =>
  createCoreShutterstock(withNodeFetch(config));

/** `Shutterstock.layer` with {@link nodeFetch} as the default transport. */
export const layer = (config: ShutterstockConfig = {}): Layer.Layer<Shutterstock> =>
  Shutterstock.layer(withNodeFetch(config));
