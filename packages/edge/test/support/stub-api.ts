// A small stand-in for the Shutterstock API, used until the sandbox server is available: it checks
// the bearer token and answers the handful of routes the proxy scenarios call.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Upstream } from "./upstream.ts";

const image = (id: string) => ({
  id,
  media_type: "image",
  description: `Stub image ${id}`,
  aspect: 1.5,
  assets: { preview: { url: `https://example.invalid/${id}.jpg`, width: 450, height: 300 } },
});

const send = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(body === undefined ? undefined : JSON.stringify(body));
};

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

export const startStubApi = async (token: string): Promise<Omit<Upstream, "requests">> => {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://stub");
    const body = await readBody(request);
    if (request.headers.authorization !== `Bearer ${token}`)
      return send(response, 401, { message: "Invalid or missing credentials" });
    const path = url.pathname;
    if (request.method === "GET" && path === "/v2/images/search") {
      const perPage = Number(url.searchParams.get("per_page") ?? "20");
      const data = Array.from({ length: perPage }, (_, index) => image(String(1000 + index)));
      return send(response, 200, { data, page: 1, per_page: perPage, total_count: 1000, search_id: "s1" });
    }
    if (request.method === "GET" && path === "/v2/images/collections")
      return send(response, 200, { data: [{ id: "126351027", name: "Mine", total_item_count: 0 }], page: 1 });
    const collection = /^\/v2\/images\/collections\/(\d+)$/.exec(path);
    if (request.method === "GET" && collection !== null)
      return send(response, 200, { id: collection[1], name: "Mine", total_item_count: 0 });
    const single = /^\/v2\/images\/(\d+)$/.exec(path);
    if (request.method === "GET" && single !== null) {
      if (single[1] === "404404404") return send(response, 404, { message: "Image not found" });
      return send(response, 200, image(single[1] ?? ""));
    }
    if (request.method === "POST" && path === "/v2/cv/images") {
      const parsed = JSON.parse(body) as { base64_image?: unknown };
      if (typeof parsed.base64_image !== "string")
        return send(response, 400, { message: "base64_image required" });
      return send(response, 201, { upload_id: "Ustub1" });
    }
    if (request.method === "POST" && path === "/v2/images/licenses")
      return send(response, 200, { data: [{ image_id: "1000", license_id: "e1" }] });
    return send(response, 404, { message: `No route ${request.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    missingImageId: "404404404",
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
