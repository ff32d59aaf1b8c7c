// A small in-memory stand-in for the API routes the hooks use, until the tests can run against
// @shutterkit/sandbox. It records what it received so tests can assert on requests (retries,
// aborts), and answers with contract-shaped bodies so the core's response decoding stays on.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface StubImage {
  readonly id: string;
  readonly description: string;
  readonly orientation: "horizontal" | "vertical";
}

const words = ["cat", "dog", "beach", "forest", "city", "mountain"];

// 45 images per word: several pages at per_page 20, the last one short.
const catalog: ReadonlyArray<StubImage> = words.flatMap((word, w) =>
  Array.from({ length: 45 }, (_, i) => ({
    id: String(1_000_000 + w * 1000 + i),
    description: `${word} photo ${i + 1}`,
    orientation: i % 2 === 0 ? ("horizontal" as const) : ("vertical" as const),
  })),
);

const toImage = (image: StubImage) => ({
  id: image.id,
  media_type: "image",
  description: image.description,
  contributor: { id: "42" },
  aspect: image.orientation === "horizontal" ? 1.5 : 0.6667,
  assets: { preview: { url: `https://stub.invalid/${image.id}.jpg`, width: 450, height: 300 } },
});

interface Collection {
  id: string;
  name: string;
  items: Array<{ id: string; added_time: string }>;
}

export interface StubApi {
  readonly baseUrl: string;
  /** Requests seen, as "METHOD /path?query". */
  readonly requests: Array<string>;
  /** Requests whose client went away before the answer. */
  readonly aborted: Array<string>;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body?: unknown) => {
  res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Array<Buffer> = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString("utf8"));
};

const page = <T>(items: ReadonlyArray<T>, url: URL, defaultPerPage: number) => {
  const pageNumber = Number(url.searchParams.get("page") ?? 1);
  const perPage = Number(url.searchParams.get("per_page") ?? defaultPerPage);
  return {
    data: items.slice((pageNumber - 1) * perPage, pageNumber * perPage),
    page: pageNumber,
    per_page: perPage,
    total_count: items.length,
  };
};

export const startStubApi = async (): Promise<StubApi> => {
  const requests: Array<string> = [];
  const aborted: Array<string> = [];
  const uploads = new Map<string, string>();
  const collections = new Map<string, Collection>();
  let nextId = 1;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const line = `${req.method} ${url.pathname}${url.search}`;
    requests.push(line);
    res.on("close", () => {
      if (!res.writableFinished) aborted.push(line);
    });
    const path = url.pathname;
    const authorized = req.headers.authorization === "Bearer user-token";

    if (req.method === "GET" && path === "/v2/images/search") {
      const query = url.searchParams.get("query") ?? "";
      const orientation = url.searchParams.get("orientation");
      const hits = catalog.filter(
        (image) =>
          image.description.includes(query) && (orientation === null || image.orientation === orientation),
      );
      return json(res, 200, { ...page(hits.map(toImage), url, 20), search_id: `search-${query}` });
    }
    if (req.method === "POST" && path === "/v2/cv/images") {
      const body = (await readJson(req)) as { base64_image?: string } | undefined;
      if (typeof body?.base64_image !== "string" || body.base64_image === "")
        return json(res, 400, { message: "base64_image is required" });
      const id = `U${nextId++}`;
      uploads.set(id, Buffer.from(body.base64_image, "base64").toString("utf8"));
      return json(res, 201, { upload_id: id });
    }
    if (req.method === "GET" && path === "/v2/cv/similar/images") {
      const assetId = url.searchParams.get("asset_id") ?? "";
      const word =
        uploads.get(assetId) ?? catalog.find((image) => image.id === assetId)?.description.split(" ")[0];
      if (word === undefined) return json(res, 404, { message: `Asset ${assetId} not found` });
      const hits = catalog.filter((image) => image.description.startsWith(word)).map(toImage);
      return json(res, 200, { ...page(hits, url, 20), search_id: `similar-${assetId}` });
    }
    if (path.startsWith("/v2/images/collections")) {
      if (!authorized) return json(res, 401, { message: "Unauthorized" });
      const [, , , , id, items] = path.split("/");
      if (id === undefined) {
        if (req.method === "GET")
          return json(
            res,
            200,
            page(
              [...collections.values()].map((c) => ({
                id: c.id,
                name: c.name,
                total_item_count: c.items.length,
              })),
              url,
              100,
            ),
          );
        const body = (await readJson(req)) as { name: string };
        const created = { id: String(nextId++), name: body.name, items: [] };
        collections.set(created.id, created);
        return json(res, 201, { id: created.id });
      }
      const collection = collections.get(id);
      if (collection === undefined) return json(res, 404, { message: `Collection ${id} not found` });
      if (items === "items") {
        if (req.method === "GET") return json(res, 200, page(collection.items, url, 100));
        if (req.method === "POST") {
          const body = (await readJson(req)) as { items: Array<{ id: string }> };
          for (const item of body.items)
            if (!collection.items.some((existing) => existing.id === item.id))
              collection.items.push({ id: item.id, added_time: new Date(0).toISOString() });
          return json(res, 204);
        }
        const remove = url.searchParams.getAll("item_id");
        collection.items = collection.items.filter((item) => remove.length > 0 && !remove.includes(item.id));
        return json(res, 204);
      }
      if (req.method === "GET")
        return json(res, 200, { id, name: collection.name, total_item_count: collection.items.length });
      if (req.method === "POST") {
        collection.name = ((await readJson(req)) as { name: string }).name;
        return json(res, 204);
      }
      collections.delete(id);
      return json(res, 204);
    }
    if (req.method === "GET" && path.startsWith("/v2/images/")) {
      const id = path.slice("/v2/images/".length);
      // Never answers: lets a test see the request cancelled when its component unmounts.
      if (id === "9999999") return;
      const image = catalog.find((candidate) => candidate.id === id);
      if (image === undefined) return json(res, 404, { message: `Image ${id} not found` });
      return json(res, 200, toImage(image));
    }
    return json(res, 404, { message: "No such route" });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => json(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    aborted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
