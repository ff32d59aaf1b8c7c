// happy-dom's `Response.clone()` empties the body of a response read from a socket
// (capricorn86/happy-dom#2353, open in 21.0.4), and ky clones every response. Handing ky a response
// built from the already-read bytes sidesteps it; requests still go through happy-dom's fetch, CORS
// preflights included. The Chromium test (ssr.test.ts) runs the real browser fetch.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export const bufferedFetch =
  (inner: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch =>
  async (input, init) => {
    const response = await inner(input, init);
    const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
