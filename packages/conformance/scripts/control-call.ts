// The matrix's own calls to the sandbox's control routes (clear faults, reset state) between runtimes.
//
// Each call has a connection of its own (`connection: close`), so none sits idle in fetch's pool
// between runtimes. An idle one is what failed here once: the sandbox (Node's http server) closes a
// keep-alive socket after 6 s (keepAliveTimeout 5 s + keepAliveTimeoutBuffer 1 s; it advertises
// `Keep-Alive: timeout=5`) and fetch (undici) retires it after 3 s (5 s less its 2 s threshold), both
// on timers of this one process. When something blocked the event loop past both (a synchronous
// `apt-get install chromium` did), the next call was written on the stale socket before either timer
// ran; the sandbox's timer then closed the socket with the request unread, and the kernel answered
// with a reset: `fetch failed`, `read ECONNRESET`.
export const sandboxControlCall =
  (origin: string) =>
  async (method: string, path: string): Promise<void> => {
    const response = await fetch(new URL(path, origin), { method, headers: { connection: "close" } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
  };
