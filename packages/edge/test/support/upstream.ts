// The API the proxy talks to in tests, behind a recorder that notes what actually went upstream, so
// tests can check which headers the proxy relayed and whether a response came from the cache.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startStubApi } from "./stub-api.ts";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface Upstream {
  /** The recorder's URL: what the proxy is configured with. */
  readonly url: string;
  /** An OAuth token the API accepts, with every scope. */
  readonly token: string;
  /** An image id the API answers 404 for. */
  readonly missingImageId: string;
  readonly requests: RecordedRequest[];
  readonly close: () => Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

export const startUpstream = async (): Promise<Upstream> => {
  const api = await startStubApi("stub-server-token-7f3a9c");
  const requests: RecordedRequest[] = [];
  const recorder = createServer(async (request, response) => {
    requests.push({
      method: request.method ?? "GET",
      url: request.url ?? "/",
      headers: { ...request.headers },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === "string" && !HOP_BY_HOP.has(name)) headers.set(name, value);
    const upstream = await fetch(new URL(request.url ?? "/", api.url), {
      method: request.method ?? "GET",
      headers,
      ...(chunks.length === 0 ? {} : { body: Buffer.concat(chunks) }),
    });
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== "content-encoding") out[name] = value;
    });
    response.writeHead(upstream.status, out);
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  const { port } = recorder.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: api.token,
    missingImageId: api.missingImageId,
    requests,
    close: async () => {
      recorder.closeAllConnections();
      await new Promise<void>((resolve) => recorder.close(() => resolve()));
      await api.close();
    },
  };
};
