// `mutationOptions` for one operation: `useMutation(operationMutationOptions(client, createImageCollection))`.
import type {
  BodyOf,
  InputOf,
  OperationDescriptor,
  ResultOf,
  ShutterstockClient,
  ShutterstockError,
} from "@shutterkit/core";
import { mutationOptions, type UseMutationOptions } from "@tanstack/react-query";
import { clientKeyOf, SHUTTERKIT_KEY } from "./keys.ts";
import { retryFor } from "./retry.ts";

type ParamsField<P> = Record<never, never> extends P ? { readonly params?: P } : { readonly params: P };

/**
 * What `mutate` takes: the params for an operation without a body (`{ id }`), and
 * `{ body, params }` for one with a body, so a body field never shadows a parameter of the same name.
 */
export type MutationVariables<D> = D extends { readonly body: object }
  ? { readonly body: BodyOf<D> } & ParamsField<InputOf<D>>
  : InputOf<D>;

export type ShutterkitMutationKey<D> = readonly [
  typeof SHUTTERKIT_KEY,
  clientKey: string,
  operationId: D extends { readonly operationId: infer Id } ? Id : string,
];

export type ShutterkitMutationOptions<D> = UseMutationOptions<
  ResultOf<D>,
  ShutterstockError,
  MutationVariables<D>
> & { mutationKey: ShutterkitMutationKey<D> };

type Send = (operation: OperationDescriptor, ...args: ReadonlyArray<unknown>) => Promise<unknown>;

/**
 * Mutation options for one operation, keyed `["shutterkit", baseUrl, operationId]` (so
 * `useIsMutating({ mutationKey })` can watch it). It invalidates nothing by itself: spread it and
 * add the `onSuccess` that fits your screen, as the named hooks of this package do.
 */
export const operationMutationOptions = <D extends OperationDescriptor>(
  client: ShutterstockClient,
  operation: D,
): ShutterkitMutationOptions<D> => {
  const send = client.send as unknown as Send;
  return mutationOptions<ResultOf<D>, ShutterstockError, MutationVariables<D>>({
    mutationKey: [SHUTTERKIT_KEY, clientKeyOf(client), operation.operationId] as const,
    mutationFn: (variables) => {
      if (operation.body === undefined) return send(operation, variables) as Promise<ResultOf<D>>;
      const { body, params } = variables as { body: unknown; params?: unknown };
      return send(operation, body, params) as Promise<ResultOf<D>>;
    },
    retry: retryFor(client),
  }) as ShutterkitMutationOptions<D>;
};
