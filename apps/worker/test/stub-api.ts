// Stand-in for the API until the sandbox server can be started from tests: checks the bearer token
// and answers the routes the worker tests call, recording what reached it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubApi {
  readonly url: string;
  readonly token: string;
  readonly paths: string[];
  close(): Promise<void>;
}

export const startStubApi = async (): Promise<StubApi> => {
  const token = "worker-test-token-91c2";
  const paths: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://stub");
    paths.push(`${request.method} ${url.pathname}`);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    request.resume();
    request.on("end", () => {
      if (request.headers.authorization !== `Bearer ${token}`)
        return send(401, { message: "bad credentials" });
      if (url.pathname === "/v2/images/search")
        return send(200, { data: [{ id: "1", media_type: "image", description: "stub" }], total_count: 1 });
      if (url.pathname === "/v2/images/collections") return send(200, { data: [], total_count: 0 });
      if (url.pathname === "/v2/cv/images" && request.method === "POST")
        return send(201, { upload_id: "U1" });
      return send(404, { message: "not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    paths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
