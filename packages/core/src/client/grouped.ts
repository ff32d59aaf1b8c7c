// The grouped Promise client: every operation under its tag, `client.images.searchImages(...)`.
// Convenient, and it pulls in all 118 operations and their schemas: a bundle that cares about size
// uses `createClient` and imports the operations it calls.
import type { ShutterstockConfig } from "../config.ts";
import { operationGroups } from "../generated/groups.ts";
import type { OperationDescriptor } from "../operation.ts";
import type { IsPaginated, ItemOf, OperationArgs, ResultOf } from "../types.ts";
import type { APIPromise } from "./api-promise.ts";
import type { OperationOptions } from "./dispatch.ts";
import { createClient, type IterateOptions, type ShutterstockClient } from "./promise.ts";

export type PromiseOperation<D> = ((
  ...args: OperationArgs<D, OperationOptions<D>>
) => APIPromise<ResultOf<D>>) & {
  /** The operation this function runs, to pass to `client.send` or a React query factory. */
  readonly operation: D;
} & (IsPaginated<D> extends true
    ? {
        /** Every item of every page: `for await (const image of client.images.searchImages.all({ query }))`. */
        readonly all: (...args: OperationArgs<D, IterateOptions<D>>) => AsyncIterable<ItemOf<D>>;
        /** Every page, fetched lazily. */
        readonly pages: (...args: OperationArgs<D, IterateOptions<D>>) => AsyncIterable<ResultOf<D>>;
      }
    : unknown);

export type PromiseGroup<G> = { readonly [K in keyof G]: PromiseOperation<G[K]> };

type Groups = typeof operationGroups;

export type GroupedShutterstockClient = {
  readonly [K in keyof Groups]: PromiseGroup<Groups[K]>;
} & ShutterstockClient;

const bind = (client: ShutterstockClient, operation: OperationDescriptor) => {
  const send = client.send as (operation: OperationDescriptor, ...args: unknown[]) => unknown;
  const call = Object.assign((...args: unknown[]) => send(operation, ...args), { operation });
  if (!operation.paginated) return call;
  const pages = client.pages as (operation: OperationDescriptor, ...args: unknown[]) => unknown;
  const all = client.all as (operation: OperationDescriptor, ...args: unknown[]) => unknown;
  return Object.assign(call, {
    pages: (...args: unknown[]) => pages(operation, ...args),
    all: (...args: unknown[]) => all(operation, ...args),
  });
};

/**
 * A Promise client with every operation under its tag: `await client.computerVision.getSimilarImages({ asset_id })`.
 * It has the modular client's `send`, `pages`, `all` and `request` too.
 */
export const createShutterstock = (config: ShutterstockConfig = {}): GroupedShutterstockClient => {
  const client = createClient(config);
  const groups: Record<string, Record<string, unknown>> = {};
  for (const [groupName, group] of Object.entries(operationGroups)) {
    const bound: Record<string, unknown> = {};
    for (const [name, operation] of Object.entries(group))
      bound[name] = bind(client, operation as OperationDescriptor);
    groups[groupName] = bound;
  }
  return { ...client, ...groups } as unknown as GroupedShutterstockClient;
};
