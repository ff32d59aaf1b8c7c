// What an operation is: a route (how it travels on the wire, with no schemas, so routers and proxies
// import it without Effect's Schema module) and, for clients, the schemas of its params, body and
// response. Generated code states each operation once: its route, then `defineOperation(route, …)`.
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
 * What an operation does to the account: `read`, `write` (changes state), or `purchase` (licenses
 * content). A purchase is never sent twice by the client, and a proxy enables it separately.
 */
export type Access = "read" | "write" | "purchase";

/** An operation as routers, proxies and servers see it: its route, parameters and security, no schemas. */
export interface RouteDescriptor {
  readonly operationId: string;
  readonly tag: Tag;
  readonly method: HttpMethod;
  /** Path template with `{name}` placeholders, as in the contract. */
  readonly path: string;
  readonly summary: string;
  /** The operation's page in the API reference. */
  readonly docsUrl: string;
  readonly deprecated: boolean;
  readonly access: Access;
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

/** The schemas that validate an operation's request and decode its response. */
export interface OperationSchemas {
  /** Every path, query and header parameter, keyed by the API's own (snake_case) name. */
  readonly params: Schema.ConstraintDecoder<unknown>;
  /** The JSON body, for operations that take one. */
  readonly body?: Schema.ConstraintDecoder<unknown>;
  /** The success response; absent for operations that answer with no content (204) or a redirect. */
  readonly response?: Schema.ConstraintDecoder<unknown>;
}

/** An operation a client can run: its route and its schemas. Import one and pass it to `client.send`. */
export interface OperationDescriptor extends RouteDescriptor {
  readonly schemas: OperationSchemas;
}

/** Joins a route and its schemas into an operation; pure, so bundlers drop the operations an app never uses. */
export const defineOperation = <const R extends RouteDescriptor, const S extends OperationSchemas>(
  route: R,
  schemas: S,
): R & { readonly schemas: S } => ({ ...route, schemas });
