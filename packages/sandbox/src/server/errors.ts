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

  body(): { message: string; errors?: ReadonlyArray<ApiErrorItem> } {
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

export const forbidden = (message: string): ApiError => new ApiError(403, message);

export const notFound = (message = "Not found"): ApiError => new ApiError(404, message);
