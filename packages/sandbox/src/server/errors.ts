// Errors in the API's own shape: `{ message, errors?: [{ code, message, path, data }] }`, which the
// core client (and the official SDK) read back into typed failures.

export interface ApiErrorItem {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly data?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly items: ReadonlyArray<ApiErrorItem>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    items: ReadonlyArray<ApiErrorItem> = [],
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.items = items;
    this.headers = headers;
  }

  body(): { readonly message: string; readonly errors?: ReadonlyArray<ApiErrorItem> } {
    return this.items.length === 0
      ? { message: this.message }
      : { message: this.message, errors: this.items };
  }
}

export const badRequest = (message: string, items: ReadonlyArray<ApiErrorItem> = []): ApiError =>
  new ApiError(400, message, items);

export const invalidField = (path: string, message: string, data?: string): ApiError =>
  new ApiError(400, "Validation failed", [
    { code: "VALIDATION_INVALID_VALUE", message, path, ...(data === undefined ? {} : { data }) },
  ]);

export const unauthorized = (message = "Unauthorized: missing or invalid credentials"): ApiError =>
  new ApiError(401, message, [], {
    "www-authenticate": 'Bearer realm="shutterstock", Basic realm="shutterstock"',
  });

/** 401 for a known token past its lifetime; the header tells OAuth clients to refresh (RFC 6750 §3). */
export const expiredToken = (): ApiError =>
  new ApiError(401, "Unauthorized: access token expired", [], {
    "www-authenticate":
      'Bearer realm="shutterstock", error="invalid_token", error_description="The access token expired"',
  });

export const forbidden = (message: string): ApiError => new ApiError(403, message);

export const notFound = (message = "Not found"): ApiError => new ApiError(404, message);

/**
 * An OAuth token endpoint error (RFC 6749 §5.2): `{ error, error_description }`, plus the API's
 * `message`, so OAuth clients and the API's own error readers both understand it.
 */
export class OAuthError extends ApiError {
  readonly error: "invalid_grant" | "invalid_client" | "invalid_request" | "unsupported_grant_type";

  constructor(error: OAuthError["error"], description: string) {
    super(
      error === "invalid_client" ? 401 : 400,
      description,
      [],
      error === "invalid_client" ? { "www-authenticate": 'Basic realm="shutterstock"' } : {},
    );
    this.name = "OAuthError";
    this.error = error;
  }

  override body(): { message: string; error: string; error_description: string } {
    return { error: this.error, error_description: this.message, message: this.message };
  }
}

export const invalidGrant = (description: string): OAuthError => new OAuthError("invalid_grant", description);
