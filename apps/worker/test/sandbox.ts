// The sandbox API for the worker tests, with a count of the calls that reached it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandboxServer } from "@shutterkit/sandbox/node";
import { encode } from "fast-png";

export interface Api {
  /** Where the worker should send requests: a counter in front of the sandbox. */
  readonly url: string;
  readonly token: string;
  readonly paths: string[];
  /** The Authorization header of every call that reached the API. */
  readonly authorizations: string[];
  close(): Promise<void>;
}

export const startApi = async (): Promise<Api> => {
  const sandbox = await startSandboxServer({ host: "127.0.0.1", port: 0 });
  const paths: string[] = [];
  const authorizations: string[] = [];
  const counter = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", sandbox.url);
    paths.push(`${request.method} ${url.pathname}`);
    authorizations.push(request.headers.authorization ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const name of ["authorization", "content-type", "accept", "user-agent"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers.set(name, value);
    }
    const answer = await fetch(url, {
      method: request.method ?? "GET",
      headers,
      ...(chunks.length === 0 ? {} : { body: Buffer.concat(chunks) }),
    });
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
  const { port } = counter.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: sandbox.credentials.accessToken,
    paths,
    authorizations,
    close: async () => {
      counter.closeAllConnections();
      await new Promise<void>((resolve) => counter.close(() => resolve()));
      await sandbox.close();
    },
  };
};

/** A small PNG, as base64, for the upload behind reverse image search. */
export const samplePng = (): string => {
  const size = 16;
  const data = new Uint8Array(size * size * 3).map((_, index) => (index * 37) % 256);
  return Buffer.from(encode({ width: size, height: size, data, channels: 3, depth: 8 })).toString("base64");
};
