/// <reference types="node" />
// The sandbox on a Node HTTP server, for tests and the CLI. This layer owns the socket, so it also
// carries out the connection-level faults: `reset` destroys the socket, `truncate` sends half the body
// under the full Content-Length and then closes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { loadSharpDecoder } from "./imaging/sharp-decoder.ts";
import { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox.ts";
import type { SandboxCredentials } from "./server/auth.ts";
import { dataDirStore } from "./state/data-dir.ts";

export interface SandboxServerOptions extends Omit<SandboxOptions, "store"> {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Directory whose SQLite database (`sandbox.db`) keeps the state across restarts and processes; in memory when omitted. */
  readonly dataDir?: string;
}

export interface SandboxServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the API lives under `/v2`. */
  readonly url: string;
  readonly port: number;
  readonly credentials: SandboxCredentials;
  readonly sandbox: Sandbox;
  /** Stops accepting connections, closes open ones and waits for pending state writes. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;

const readBody = (request: IncomingMessage): Promise<Uint8Array | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () =>
      resolve(size > MAX_BODY_BYTES ? undefined : new Uint8Array(Buffer.concat(chunks))),
    );
    request.on("error", reject);
  });

const toRequest = (request: IncomingMessage, origin: string, body: Uint8Array | undefined): Request => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD" && body !== undefined && body.byteLength > 0;
  return new Request(new URL(request.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody ? { body: body as Uint8Array<ArrayBuffer> } : {}),
  });
};

const writeHead = (response: ServerResponse, result: Response, length: number | undefined): void => {
  const headers: Record<string, string | string[]> = {};
  result.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (length !== undefined) headers["content-length"] = String(length);
  response.writeHead(result.status, headers);
};

export const startSandboxServer = async (options: SandboxServerOptions = {}): Promise<SandboxServer> => {
  const { port = 0, host = "127.0.0.1", dataDir, ...sandboxOptions } = options;
  const decoder = sandboxOptions.decodeImage ?? (await loadSharpDecoder());
  const sandbox = createSandbox({
    ...sandboxOptions,
    ...(decoder === undefined ? {} : { decodeImage: decoder }),
    ...(dataDir === undefined ? {} : { store: await dataDirStore(dataDir) }),
  });
  await sandbox.ready;
  const sockets = new Set<Socket>();

  const server = createServer(async (request, response) => {
    try {
      const hostHeader = request.headers.host ?? `${host}:${(server.address() as AddressInfo).port}`;
      const origin = `http://${hostHeader}`;
      const body = await readBody(request);
      if (body === undefined) {
        const text = JSON.stringify({ message: `Request body larger than ${MAX_BODY_BYTES} bytes` });
        response.writeHead(413, { "content-type": "application/json; charset=utf-8", connection: "close" });
        response.end(text);
        return;
      }
      const result = await sandbox.dispatch(toRequest(request, origin, body));
      if (result.transport === "reset") {
        request.socket.destroy();
        return;
      }
      const bytes =
        result.response.body === null
          ? new Uint8Array(0)
          : new Uint8Array(await result.response.arrayBuffer());
      if (result.transport === "truncate") {
        writeHead(response, result.response, bytes.byteLength);
        response.write(bytes.subarray(0, Math.floor(bytes.byteLength / 2)), () => request.socket.destroy());
        return;
      }
      const noBody =
        request.method === "HEAD" || result.response.status === 204 || result.response.status === 304;
      writeHead(response, result.response, noBody ? undefined : bytes.byteLength);
      response.end(noBody ? undefined : bytes);
    } catch (error) {
      console.error("[shutterkit-sandbox]", error);
      if (!response.headersSent) {
        response.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        response.end(JSON.stringify({ message: "Internal sandbox error" }));
      } else response.destroy();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    credentials: sandbox.credentials,
    sandbox,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
        await sandbox.close();
      })();
      return closing;
    },
  };
};

export { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox.ts";
export type { SandboxCredentials } from "./server/auth.ts";
export { SandboxStateError, type SandboxStateProblem } from "./state/errors.ts";
