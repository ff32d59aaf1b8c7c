// Response builders: JSON with the API's headers, and CORS so browser apps can call the sandbox.

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers":
    "authorization, content-type, x-sandbox-fault, x-shutterstock-application, user-agent",
  "access-control-expose-headers": "x-shutterstock-request-id, retry-after, content-length",
  "access-control-max-age": "600",
};

const encoder = new TextEncoder();

export const json = (
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response => {
  const bytes = encoder.encode(JSON.stringify(body));
  return new Response(bytes, {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-length": String(bytes.byteLength),
      ...headers,
    },
  });
};

export const bytesResponse = (
  bytes: Uint8Array,
  contentType: string,
  headers: Readonly<Record<string, string>> = {},
): Response =>
  new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { "content-type": contentType, "content-length": String(bytes.byteLength), ...headers },
  });

/** Copies a response with extra headers (Response headers can be immutable). */
export const withHeaders = (response: Response, headers: Readonly<Record<string, string>>): Response => {
  const merged = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) if (!merged.has(name)) merged.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: merged,
  });
};
