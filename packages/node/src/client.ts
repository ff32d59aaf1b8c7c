// The core constructors with the adapter's transport as their default: a Node user who imports
// `createShutterstock` from here gets undici's dispatcher instead of the slower global fetch.
import {
  createShutterstock as createCoreShutterstock,
  Shutterstock,
  type ShutterstockClient,
  type ShutterstockConfig,
} from "@shutterkit/core";
import type { Layer } from "effect";
import { nodeFetch } from "./transport.ts";

/** The config with {@link nodeFetch} as its transport unless it names one (even `globalThis.fetch`). */
export const withNodeFetch = (config: ShutterstockConfig): ShutterstockConfig => ({
  ...config,
  fetch: config.fetch ?? nodeFetch,
});

/**
 * Core's `createShutterstock`, sending through {@link nodeFetch} unless `config.fetch` is given
 * (pass `fetch: globalThis.fetch` to opt out).
 */
export const createShutterstock = (config: ShutterstockConfig = {}): ShutterstockClient =>
  createCoreShutterstock(withNodeFetch(config));

/** `Shutterstock.layer` with {@link nodeFetch} as the default transport. */
export const layer = (config: ShutterstockConfig = {}): Layer.Layer<Shutterstock> =>
  Shutterstock.layer(withNodeFetch(config));
