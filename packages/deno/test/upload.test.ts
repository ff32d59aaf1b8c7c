import assert from "node:assert/strict";
import { detectImageType, imageSize, MAX_UPLOAD_PIXELS } from "@shutterkit/core/wire";
import { createShutterstockFromEnv, FileError, inspectImageFile, NotFound, uploadImageFile } from "../mod.ts";
import { jpg, png, sea, sunset } from "./fixtures/images.ts";

const withFiles = async (
  files: Readonly<Record<string, Uint8Array>>,
  fn: (path: (name: string) => string) => Promise<void>,
) => {
  const directory = await Deno.makeTempDir({ prefix: "shutterkit-deno-" });
  try {
    for (const [name, bytes] of Object.entries(files)) await Deno.writeFile(`${directory}/${name}`, bytes);
    await fn((name) => `${directory}/${name}`);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
};

// A PNG header claiming a size over the API's limit; the pixels are never read.
const hugePngHeader = (): Uint8Array => {
  const bytes = png(4, 4, sea);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, MAX_UPLOAD_PIXELS + 1);
  return bytes;
};

Deno.test("JPEG and PNG are recognised by their magic bytes, with their pixel size", () => {
  const jpeg = jpg(64, 48, sunset);
  const picture = png(40, 30, sea);
  assert.equal(detectImageType(jpeg), "jpeg");
  assert.equal(detectImageType(picture), "png");
  assert.deepEqual(imageSize(jpeg, "jpeg"), { width: 64, height: 48 });
  assert.deepEqual(imageSize(picture, "png"), { width: 40, height: 30 });
  assert.equal(detectImageType(new TextEncoder().encode("GIF89a...")), undefined);
});

Deno.test("files the API would refuse are FileErrors, found before anything is sent", async () => {
  const files = {
    "notes.png": new TextEncoder().encode("not really a picture"),
    "empty.jpg": new Uint8Array(),
    "big.jpg": jpg(64, 64, sunset),
    "wide.png": hugePngHeader(),
  };
  await withFiles(files, async (path) => {
    const reason = async (name: string, options = {}) => {
      const error = await inspectImageFile(path(name), options).then(
        () => assert.fail(`${name} should be refused`),
        (error: unknown) => error,
      );
      assert.ok(error instanceof FileError);
      assert.equal(error._tag, "FileError");
      return error.reason;
    };
    assert.equal(await reason("notes.png"), "UnsupportedType");
    assert.equal(await reason("empty.jpg"), "Empty");
    assert.equal(await reason("big.jpg", { maxBytes: 100 }), "TooLarge");
    assert.equal(await reason("wide.png"), "TooLarge");
    assert.equal(await reason("absent.jpg"), "NotFound");
    assert.equal(await reason("."), "NotAFile");
    // Nothing reaches the network: a client pointed at a closed port would fail differently.
    const offline = createShutterstockFromEnv({ baseUrl: "http://127.0.0.1:9", retry: false });
    await assert.rejects(uploadImageFile(offline, path("notes.png")), FileError);
  });
});

Deno.test("upload a JPEG and a PNG from disk, then find similar catalog images for each", async () => {
  const client = createShutterstockFromEnv({ retry: false });
  await withFiles({ "sunset.jpg": jpg(96, 64, sunset), "sea.png": png(96, 64, sea) }, async (path) => {
    for (const name of ["sunset.jpg", "sea.png"]) {
      const uploadId = await uploadImageFile(client, path(name));
      assert.match(uploadId, /^U\w+$/);
      const similar = await client.computerVision.getSimilarImages({ asset_id: uploadId, per_page: 4 });
      assert.ok(similar.data.length > 0 && similar.data.length <= 4, `${name}: similar images found`);
      assert.ok(similar.data.every((image) => /^[1-9]\d*$/.test(image.id)));
    }
  });
  // An upload id the API never issued is a NotFound.
  await assert.rejects(
    client.computerVision.getSimilarImages({ asset_id: "Unever0issued" }),
    (error) => error instanceof NotFound,
  );
});
