// Against the sandbox the runner started on 127.0.0.1 (scripts/test-runtime.mjs).
import assert from "node:assert/strict";
import {
  Credentials,
  createShutterstockFromEnv,
  DownloadError,
  downloadLicensedImage,
  downloadToFile,
  isShutterstockError,
  NotFound,
  Unauthorized,
} from "../mod.ts";
import { sandbox } from "./fixtures/env.ts";
import { listDirectory } from "./fixtures/servers.ts";

Deno.test("search through a client configured from Deno.env", async () => {
  const { url } = sandbox();
  const client = createShutterstockFromEnv({ retry: false });
  assert.equal(client.config.baseUrl.href, new URL(url).href);
  const result = await client.images.searchImages({ query: "star", per_page: 5 });
  assert.ok(result.data.length > 0 && result.data.length <= 5);
  assert.ok(result.data.every((image) => typeof image.id === "string" && image.media_type === "image"));
  const all = [];
  for await (const image of client.images.searchImages.all({ query: "star", per_page: 3 }, { maxItems: 7 })) {
    all.push(image.id);
  }
  assert.equal(all.length, Math.min(7, result.total_count));
  assert.equal(new Set(all).size, all.length);
});

Deno.test("API errors are core's typed classes: NotFound and Unauthorized work with instanceof", async () => {
  const client = createShutterstockFromEnv({ retry: false });
  const missing = await client.images.getImage({ id: "987654321987" }).then(
    () => assert.fail("expected a 404"),
    (error: unknown) => error,
  );
  assert.ok(missing instanceof NotFound);
  assert.equal(missing._tag, "NotFound");
  assert.equal(missing.status, 404);
  assert.equal(missing.route, "/v2/images/{id}");
  assert.ok(isShutterstockError(missing));

  const wrong = createShutterstockFromEnv({
    credentials: Credentials.oauth("not-a-real-token"),
    retry: false,
  });
  const denied = await wrong.images.searchImages({ query: "star" }).then(
    () => assert.fail("expected a 401"),
    (error: unknown) => error,
  );
  assert.ok(denied instanceof Unauthorized);
  assert.doesNotMatch(denied.message, /not-a-real-token/);
});

Deno.test("license an image, then download it to a file through the signed URL", async () => {
  const client = createShutterstockFromEnv({ retry: false });
  const [first] = (await client.images.searchImages({ query: "star", per_page: 1 })).data;
  assert.ok(first !== undefined);
  const licensed = await client.images.licenseImages({ images: [{ image_id: first.id, size: "small" }] });
  const licenseId = licensed.data?.[0]?.license_id;
  assert.ok(licenseId !== undefined, "the sandbox returns a license id");
  const directory = await Deno.makeTempDir({ prefix: "shutterkit-deno-" });
  try {
    const progress: number[] = [];
    const result = await downloadLicensedImage(client, licenseId, `${directory}/licensed.jpg`, {
      size: "small",
      onProgress: (received) => progress.push(received),
    });
    assert.ok(result.bytes > 0);
    assert.equal((await Deno.stat(result.path)).size, result.bytes);
    assert.equal(progress.at(-1), result.bytes);
    assert.deepEqual(listDirectory(directory), ["licensed.jpg"]);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});

Deno.test("a sandbox download cut off mid-body (truncate fault) leaves no file and keeps the old one", async () => {
  const client = createShutterstockFromEnv({ retry: false });
  const [first] = (await client.images.searchImages({ query: "star", per_page: 1 })).data;
  assert.ok(first !== undefined);
  const licensed = await client.images.licenseImages({ images: [{ image_id: first.id, size: "small" }] });
  const licenseId = licensed.data?.[0]?.license_id;
  assert.ok(licenseId !== undefined);
  const { url } = await client.images.downloadImage({ size: "small" }, { id: licenseId });
  const directory = await Deno.makeTempDir({ prefix: "shutterkit-deno-" });
  try {
    await Deno.writeTextFile(`${directory}/photo.jpg`, "previous version");
    // The sandbox sends half the body under the full Content-Length, then closes the connection.
    const error = await downloadToFile(url, `${directory}/photo.jpg`, {
      headers: { "x-sandbox-fault": "kind=truncate" },
    }).then(
      () => assert.fail("the truncated download should fail"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof DownloadError);
    assert.equal(error.reason, "Network");
    assert.ok(error.expected !== undefined && (error.received ?? 0) < error.expected);
    assert.equal(error.url, `${new URL(url).origin}${new URL(url).pathname}`);
    assert.equal(await Deno.readTextFile(`${directory}/photo.jpg`), "previous version");
    assert.deepEqual(listDirectory(directory), ["photo.jpg"]);
    // The same URL without the fault completes.
    const result = await downloadToFile(url, `${directory}/photo.jpg`);
    assert.equal(result.bytes, error.expected);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});
