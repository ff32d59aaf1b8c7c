// A loopback stand-in for the API that records when each request arrived: what a quota is
// counted on. It answers `getImage` with a valid image.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ApiServer {
  readonly url: string;
  /** Arrival times (ms, `performance.timeOrigin` based, so comparable across processes). */
  readonly arrivals: number[];
  /** The next request is answered 429, with this `Retry-After` when given. */
  refuseNext(retryAfter?: string): void;
  close(): Promise<void>;
}

const image = JSON.stringify({
  id: "1",
  media_type: "image",
  description: "d",
  contributor: { id: "1" },
  aspect: 1,
  image_type: "photo",
  has_model_release: false,
  assets: {},
});

export const startApiServer = async (): Promise<ApiServer> => {
  const arrivals: number[] = [];
  let refusal: { readonly retryAfter: string | undefined } | undefined;
  const server = createServer((_, response) => {
    arrivals.push(performance.timeOrigin + performance.now());
    if (refusal !== undefined) {
      const { retryAfter } = refusal;
      refusal = undefined;
      response.writeHead(429, {
        "content-type": "application/json",
        ...(retryAfter === undefined ? {} : { "retry-after": retryAfter }),
      });
      response.end(JSON.stringify({ message: "Too many requests" }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(image);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    refuseNext: (retryAfter) => {
      refusal = { retryAfter };
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/**
 * The most arrivals in any span of `seconds`: what the token bucket bounds by
 * `burst + perSecond * seconds`.
 */
export const mostWithin = (arrivals: ReadonlyArray<number>, seconds: number): number => {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) > seconds * 1000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
};
