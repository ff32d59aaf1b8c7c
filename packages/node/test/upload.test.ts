import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Credentials, createShutterstock } from "@shutterkit/core";
import { detectImageType, imageSize } from "@shutterkit/core/wire";
import { encodePng, imageFromPixels } from "@shutterkit/sandbox/imaging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileError, inspectImageFile, uploadImageFile } from "../src/index.ts";
import { jpegHeader } from "./support/jpeg.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shutterkit-upload-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A client whose fetch records every request and answers like the upload endpoint. */
const recordingClient = () => {
  const requests: Array<{ url: string; body: string }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    requests.push({ url: request.url, body: await request.text() });
    return Response.json({ upload_id: "U123abc" }, { status: 201 });
  };
  const client = createShutterstock({
    baseUrl: "http://127.0.0.1:9",
    credentials: Credentials.oauth("token"),
    fetch,
    retry: false,
  });
  return { client, requests };
};

const rejection = async (promise: Promise<unknown>): Promise<FileError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FileError);
    return error as FileError;
  }
  throw new Error("expected a rejection");
};

describe("image checks", () => {
  it("recognises JPEG and PNG by their magic bytes and reads their size", () => {
    const png = encodePng(imageFromPixels(3, 2, () => [255, 0, 0]));
    expect(detectImageType(png)).toBe("png");
    expect(imageSize(png, "png")).toEqual({ width: 3, height: 2 });
    const jpeg = jpegHeader(640, 480);
    expect(detectImageType(jpeg)).toBe("jpeg");
    expect(imageSize(jpeg, "jpeg")).toEqual({ width: 640, height: 480 });
    expect(detectImageType(Buffer.from("GIF89a"))).toBeUndefined();
    expect(detectImageType(new Uint8Array())).toBeUndefined();
  });
});

describe("uploadImageFile", () => {
  it("uploads a PNG as base64 and returns the upload id", async () => {
    const path = join(dir, "red.png");
    const png = encodePng(imageFromPixels(8, 8, () => [255, 0, 0]));
    await writeFile(path, png);
    const { client, requests } = recordingClient();
    await expect(uploadImageFile(client, path)).resolves.toBe("U123abc");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe("http://127.0.0.1:9/v2/cv/images");
    expect(JSON.parse(requests[0]?.body ?? "{}")).toEqual({
      base64_image: Buffer.from(png).toString("base64"),
    });
  });

  it("rejects a non-image file before any request", async () => {
    const path = join(dir, "notes.txt");
    await writeFile(path, "just some text, not a picture");
    const { client, requests } = recordingClient();
    const error = await rejection(uploadImageFile(client, path));
    expect(error.reason).toBe("UnsupportedType");
    expect(error.message).toContain("JPEG or PNG");
    expect(requests).toHaveLength(0);
  });

  it("rejects missing, empty, directory and oversized files before any request", async () => {
    const { client, requests } = recordingClient();
    expect((await rejection(uploadImageFile(client, join(dir, "absent.png")))).reason).toBe("NotFound");
    const empty = join(dir, "empty.png");
    await writeFile(empty, "");
    expect((await rejection(uploadImageFile(client, empty))).reason).toBe("Empty");
    expect((await rejection(uploadImageFile(client, dir))).reason).toBe("NotAFile");
    const big = join(dir, "big.png");
    await writeFile(big, encodePng(imageFromPixels(16, 16, () => [0, 0, 255])));
    const tooLarge = await rejection(uploadImageFile(client, big, { maxBytes: 20 }));
    expect(tooLarge.reason).toBe("TooLarge");
    expect(tooLarge.maxBytes).toBe(20);
    const wide = join(dir, "wide.jpg");
    await writeFile(wide, jpegHeader(12_000, 10));
    expect((await rejection(uploadImageFile(client, wide))).reason).toBe("TooLarge");
    expect(requests).toHaveLength(0);
  });

  it("inspects a file without uploading it", async () => {
    const path = join(dir, "photo.jpg");
    await writeFile(path, jpegHeader(100, 50));
    const image = await inspectImageFile(path);
    expect(image.type).toBe("jpeg");
    expect(image.dimensions).toEqual({ width: 100, height: 50 });
    expect(image.size).toBe(image.bytes.length);
  });
});
