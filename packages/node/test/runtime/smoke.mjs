// Smoke suite for the built package under each supported Node (see scripts/runtime-matrix.mjs).
// Plain JavaScript and node:test so it runs unchanged on Node 20, 22 and 24.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { deflateSync } from "node:zlib";
import {
  createNodeFetch,
  createShutterstockFromEnv,
  DownloadError,
  downloadToFile,
  EnvironmentError,
  FileError,
  inspectImageFile,
  nodeFetch,
  readEnvConfig,
  Shutterstock,
  ShutterstockNode,
  searchImages,
  uploadImageFile,
} from "@shutterkit/node";
import { Effect } from "effect";

// The runner sets SHUTTERSTOCK_BASE_URL and SHUTTERSTOCK_API_TOKEN to its sandbox.
const base = process.env.SHUTTERSTOCK_BASE_URL;
const client = createShutterstockFromEnv({ retry: { baseDelay: 1 } });

// A small RGB PNG (crc32 by hand: zlib.crc32 is newer than Node 20).
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};
const redCircle = (size) => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size * 0.3) ** 2;
      raw.set(inside ? [220, 30, 40] : [255, 255, 255], y * (size * 3 + 1) + 1 + x * 3);
    }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
};

const fault = async (spec) => {
  const response = await fetch(new URL("/sandbox/faults", base), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(spec),
  });
  assert.ok(response.ok, `fault injection answered ${response.status}`);
};

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "shutterkit-runtime-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const licensedUrl = async () => {
  const search = await client.images.searchImages({ query: "red", per_page: 1, license: ["commercial"] });
  const subscriptions = await client.users.getUserSubscriptionList();
  const subscription = subscriptions.data?.[0]?.id;
  assert.ok(subscription, "the sandbox account has a subscription");
  const licensed = await client.images.licenseImages({
    images: [{ image_id: search.data[0].id, subscription_id: subscription, size: "small" }],
  });
  const url = licensed.data?.[0]?.download?.url;
  assert.ok(url, "the license has a download URL");
  return url;
};

test("runs on the expected Node major", () => {
  assert.equal(process.versions.node.split(".")[0], process.env.SHUTTERKIT_EXPECTED_NODE_MAJOR);
});

test("names the variables when the environment has no credentials", () => {
  assert.throws(
    () => createShutterstockFromEnv({ env: {} }),
    (error) => error instanceof EnvironmentError && error.message.includes("SHUTTERSTOCK_API_TOKEN"),
  );
});

test("sends through the undici transport by default", async () => {
  assert.equal(readEnvConfig().fetch, nodeFetch);
  const own = createNodeFetch();
  try {
    const response = await own(new URL("/v2/images/search?query=red&per_page=1", base), {
      headers: { authorization: `Bearer ${process.env.SHUTTERSTOCK_API_TOKEN}` },
    });
    assert.equal(response.status, 200);
    assert.ok(Array.isArray((await response.json()).data));
  } finally {
    await own.close();
  }
});

test("searches through the Promise client", async () => {
  const result = await client.images.searchImages({ query: "circle", per_page: 3 });
  assert.ok(result.data.length > 0);
});

test("searches through the Effect layer from the environment", async () => {
  const result = await Effect.runPromise(
    Shutterstock.send(searchImages, { query: "circle", per_page: 2 }).pipe(
      Effect.provide(ShutterstockNode.layerFromEnv()),
    ),
  );
  assert.ok(result.data.length > 0);
});

test("uploads a PNG and finds similar images", async () => {
  const path = join(dir, "red.png");
  await writeFile(path, redCircle(64));
  const uploadId = await uploadImageFile(client, path);
  assert.match(uploadId, /^U\w+$/);
  const similar = await client.computerVision.getSimilarImages({ asset_id: uploadId, per_page: 3 });
  assert.ok(similar.data.length > 0);
});

test("rejects a non-image file without a request", async () => {
  const path = join(dir, "notes.txt");
  await writeFile(path, "plain text");
  await assert.rejects(
    uploadImageFile(client, path),
    (error) => error instanceof FileError && error.reason === "UnsupportedType",
  );
});

test("licenses and downloads atomically with progress", async () => {
  const url = await licensedUrl();
  const seen = [];
  const result = await downloadToFile(url, join(dir, "licensed.jpg"), {
    onProgress: (received, total) => seen.push([received, total]),
  });
  const info = await stat(result.path);
  assert.equal(info.size, result.bytes);
  assert.deepEqual(seen.at(-1), [result.bytes, result.bytes]);
  const image = await inspectImageFile(result.path, { maxBytes: Number.POSITIVE_INFINITY });
  assert.ok(image.type === "jpeg" || image.type === "png");
  assert.ok((await readFile(result.path)).length > 0);
});

test("an interrupted download leaves no file", async () => {
  const url = await licensedUrl();
  const target = join(dir, "cut", "asset.jpg");
  await rm(join(dir, "cut"), { recursive: true, force: true });
  await mkdir(join(dir, "cut"));
  await fault({ route: new URL(url).pathname, kind: "truncate", count: 1 });
  await assert.rejects(downloadToFile(url, target), (error) => error instanceof DownloadError);
  assert.deepEqual(await readdir(join(dir, "cut")), []);
});
