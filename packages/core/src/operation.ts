import type { Schema } from "effect";

/** The API's tags, as the contract names them. */
export type Tag =
  | "audio"
  | "catalog"
  | "computer_vision"
  | "contributors"
  | "custom_music"
  | "editorial_images"
  | "editorial_video"
  | "images"
  | "oauth"
  | "sound_effects"
  | "test"
  | "users"
  | "videos";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD";

/** The wire type of a parameter, which decides how it is written to and read from a URL. */
export type ParameterType = "string" | "integer" | "number" | "boolean";

export interface ParameterDescriptor {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required: boolean;
  readonly type: ParameterType;
  /** Arrays are sent as repeated keys (`license=a&license=b`), as the API expects. */
  readonly array: boolean;
  readonly deprecated: boolean;
  /** The server-side default, for documentation: the client never sends it on the user's behalf. */
  readonly default?: unknown;
}

export interface SecurityRequirement {
  readonly scheme: "basic" | "customer_accessCode";
  /** OAuth scopes the token must carry; empty for basic auth or scope-less OAuth. */
  readonly scopes: ReadonlyArray<string>;
}

/**
 * What a router needs to know about an operation: no schemas, so a proxy or server can import the
 * whole table without Effect's Schema module (see `@shutterkit/core/routes`).
 */
export interface RouteDescriptor {
  readonly operationId: string;
  readonly tag: Tag;
  readonly method: HttpMethod;
  /** Path template with `{name}` placeholders, as in the contract. */
  readonly path: string;
  readonly deprecated: boolean;
  readonly parameters: ReadonlyArray<ParameterDescriptor>;
  readonly body?: {
    readonly contentTypes: ReadonlyArray<string>;
    readonly required: boolean;
  };
  readonly response: { readonly status: number };
  /** Alternatives: any one of them satisfies the operation. */
  readonly security: ReadonlyArray<SecurityRequirement>;
  /** True when the operation takes `page` and `per_page`. */
  readonly paginated: boolean;
}

export interface OperationDescriptor extends RouteDescriptor {
  readonly summary: string;
  readonly docsUrl: string;
  /** Every path, query and header parameter, keyed by the API's own (snake_case) name. */
  readonly params: Schema.ConstraintDecoder<unknown>;
  readonly body?: {
    readonly schema: Schema.ConstraintDecoder<unknown>;
    readonly contentTypes: ReadonlyArray<string>;
    readonly required: boolean;
  };
  readonly response: {
    readonly status: number;
    /** Absent for operations that answer with no content (204) or a redirect. */
    readonly schema?: Schema.ConstraintDecoder<unknown>;
  };
}
