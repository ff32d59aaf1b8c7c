// The API's error body and its Retry-After header, read the same way by every package.

export interface ApiErrorItem {
  readonly message: string;
  readonly code?: string;
  readonly path?: string;
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Reads the API's error body, `{ message, errors: [{ code, message, path }] }`, tolerating anything
 * else. `scrub` removes secrets from server text before it goes anywhere.
 */
export const readApiErrors = (
  text: string,
  scrub: (text: string) => string = (value) => value,
): { readonly message: string | undefined; readonly errors: ReadonlyArray<ApiErrorItem> } => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const list: unknown[] = Array.isArray(record["errors"]) ? record["errors"] : [];
  const errors: ApiErrorItem[] = list.flatMap((item): ApiErrorItem[] => {
    if (typeof item !== "object" || item === null) return [];
    const entry = item as Record<string, unknown>;
    const message = str(entry["message"]);
    if (message === undefined) return [];
    const code = str(entry["code"]);
    const path = str(entry["path"]);
    return [
      {
        message: scrub(message),
        ...(code === undefined ? {} : { code }),
        ...(path === undefined ? {} : { path: scrub(path) }),
      },
    ];
  });
  // OAuth endpoints answer with RFC 6749's `{ error, error_description }` instead.
  const oauthError = str(record["error"]);
  if (oauthError !== undefined && errors.length === 0) {
    const description = str(record["error_description"]);
    errors.push({ code: oauthError, message: scrub(description ?? oauthError) });
  }
  const message = str(record["message"]) ?? errors[0]?.message;
  return { message: message === undefined ? undefined : scrub(message), errors };
};

const DELAY_SECONDS = /^\d+(\.\d+)?$/;

/**
 * `Retry-After` is either delay-seconds or an HTTP date. Returns milliseconds, or undefined when the
 * header is absent or unreadable.
 */
export const parseRetryAfter = (value: string | null, now: number = Date.now()): number | undefined => {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (DELAY_SECONDS.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};
