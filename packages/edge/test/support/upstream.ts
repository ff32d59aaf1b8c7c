// The API the proxy talks to in tests: the sandbox server, behind a recorder that notes what
// actually went upstream, so tests can check which headers the proxy relayed and whether a
// response came from the cache.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandboxServer } from "@shutterkit/sandbox/node";
import { encode } from "fast-png";

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
  /** An image the API has, and one it answers 404 for. */
  readonly imageId: string;
  readonly missingImageId: string;
  readonly requests: RecordedRequest[];
  readonly close: () => Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

/** A small PNG, as base64, for the upload behind reverse image search. */
export const samplePng = (): string => {
  const width = 16;
  const height = 16;
  const data = new Uint8Array(width * height * 3);
  for (let index = 0; index < width * height; index++) {
    data[index * 3] = 220;
    data[index * 3 + 1] = (index % width) * 12;
    data[index * 3 + 2] = Math.floor(index / width) * 12;
  }
  return Buffer.from(encode({ width, height, data, channels: 3, depth: 8 })).toString("base64");
};

export const startUpstream = async (): Promise<Upstream> => {
  const api = await startSandboxServer({ host: "127.0.0.1", port: 0 });
  const token = api.credentials.accessToken;
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
  const page = (await (
    await fetch(`${api.url}/v2/images/search?per_page=1`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { data: ReadonlyArray<{ id: string }> };
  const imageId = page.data[0]?.id;
  if (imageId === undefined) throw new Error("the sandbox returned no image");
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    imageId,
    missingImageId: "999999999",
    requests,
    close: async () => {
      recorder.closeAllConnections();
      await new Promise<void>((resolve) => recorder.close(() => resolve()));
      await api.close();
    },
  };
};
