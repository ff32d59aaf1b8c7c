// Calls any operation of a Promise client from its descriptor, so factories can be generated
// from `operationGroups` instead of written by hand for each of the GET operations.
import { operationGroups, type RequestOptions, type ShutterstockClient } from "@shutterkit/core";

type Call = (...args: ReadonlyArray<unknown>) => Promise<unknown>;

const locations = new Map<string, readonly [group: string, name: string]>(
  Object.entries(operationGroups).flatMap(([group, operations]) =>
    Object.entries(operations).map(([name, descriptor]) => [descriptor.operationId, [group, name] as const]),
  ),
);

/** The client's function for an operation; throws for an operationId the core does not know. */
export const operationFunction = (client: ShutterstockClient, operationId: string): Call => {
  const location = locations.get(operationId);
  if (location === undefined) throw new TypeError(`Unknown Shutterstock operation: ${operationId}`);
  const [group, name] = location;
  const groupFunctions = (client as unknown as Record<string, Record<string, Call>>)[group];
  const fn = groupFunctions?.[name];
  if (fn === undefined) throw new TypeError(`The client has no ${group}.${name}`);
  return fn;
};

/** A GET call: params then options, the signal TanStack hands the query function passed through. */
export const callGet = (
  client: ShutterstockClient,
  operationId: string,
  params: unknown,
  signal: AbortSignal | undefined,
): Promise<unknown> => {
  const options: RequestOptions = signal === undefined ? {} : { signal };
  return operationFunction(client, operationId)(params, options);
};
