// Computer vision over HTTP: uploads in JPEG or PNG, visual similarity against the catalog, keyword
// suggestions from neighbours, and the API's errors for other formats and oversized images.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeJpeg, encodePng } from "../src/imaging/codec.ts";
import { renderPicture } from "../src/imaging/render.ts";
import { encodeBase64 } from "../src/media/base64.ts";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

let sandbox: TestSandbox;

const upload = (bytes: Uint8Array, path = "/v2/cv/images") =>
  sandbox.call<{ upload_id?: string; id?: string; message?: string; errors?: Array<{ code: string }> }>(
    path,
    {
      auth: "basic",
      body: { base64_image: encodeBase64(bytes) },
    },
  );

beforeAll(async () => {
  sandbox = await startTestSandbox({
    seed: 29,
    catalogSize: { images: 800, videos: 60, audio: 60, sfx: 30, editorialImages: 40, editorialVideos: 20 },
  });
});

afterAll(async () => {
  await sandbox.close();
});

describe("uploads", () => {
  it("accept a PNG and rank the picture it shows first among similar images", async () => {
    const target = sandbox.server.sandbox.catalog.images[12];
    const png = encodePng(
      renderPicture(
        target!.picture.spec,
        300,
        Math.round((300 * target!.picture.height) / target!.picture.width),
      ),
    );
    const created = await upload(png);
    expect(created.status).toBe(201);
    expect(created.body.upload_id).toMatch(/^U\w+$/);
    const similar = await sandbox.call<{ data: Array<{ id: string }>; total_count: number }>(
      "/v2/cv/similar/images",
      {
        auth: "basic",
        query: { asset_id: created.body.upload_id ?? "", per_page: 5 },
      },
    );
    expect(similar.status).toBe(200);
    expect(similar.body.data[0]?.id).toBe(target?.id);
    const keywords = await sandbox.call<{ data: string[] }>("/v2/cv/keywords", {
      auth: "basic",
      query: { asset_id: created.body.upload_id ?? "" },
    });
    expect(keywords.body.data).toContain(target?.picture.spec.shapes[0]?.kind);
    const videos = await sandbox.call<{ data: Array<{ id: string }> }>("/v2/cv/similar/videos", {
      auth: "basic",
      query: { asset_id: created.body.upload_id ?? "", per_page: 3 },
    });
    expect(videos.body.data).toHaveLength(3);
  }, 30_000);

  it("accept a JPEG, including through the legacy upload route", async () => {
    const target = sandbox.server.sandbox.catalog.images[40];
    const jpeg = encodeJpeg(renderPicture(target!.picture.spec, 240, 240), 80);
    const created = await upload(jpeg);
    expect(created.status).toBe(201);
    const legacy = await upload(jpeg, "/v2/images");
    expect(legacy.status).toBe(201);
    expect(legacy.body.id).toMatch(/^U\w+$/);
  });

  it("reject other formats, broken data and oversized images", async () => {
    const gif = new TextEncoder().encode("GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    const unsupported = await upload(gif);
    expect(unsupported.status).toBe(415);
    expect(unsupported.body.errors?.[0]?.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const legacy = await upload(gif, "/v2/images");
    expect(legacy.status).toBe(400);
    const notBase64 = await sandbox.call("/v2/cv/images", {
      auth: "basic",
      body: { base64_image: "%%%not base64%%%" },
    });
    expect(notBase64.status).toBe(400);
    const corrupt = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    expect((await upload(corrupt)).status).toBe(400);
    const huge = new Uint8Array(10 * 1024 * 1024 + 16);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooLarge = await upload(huge);
    expect(tooLarge.status).toBe(413);
  }, 30_000);

  it("answer 404 for unknown upload ids", async () => {
    const answer = await sandbox.call("/v2/cv/similar/images", {
      auth: "basic",
      query: { asset_id: "Udeadbeef" },
    });
    expect(answer.status).toBe(404);
  });
});

describe("catalog similarity", () => {
  it("ranks visually close images and videos, never the asset itself", async () => {
    const catalog = sandbox.server.sandbox.catalog;
    const image = catalog.images[3];
    const similar = await sandbox.call<{ data: Array<{ id: string }> }>(`/v2/images/${image?.id}/similar`, {
      auth: "basic",
      query: { per_page: 10 },
    });
    const ids = similar.body.data.map((entry) => entry.id);
    expect(ids).toHaveLength(10);
    expect(ids).not.toContain(image?.id);
    const subject = image?.picture.spec.shapes[0];
    const sameColor = ids.filter(
      (id) => catalog.imageById.get(id)?.picture.spec.shapes[0]?.color === subject?.color,
    );
    expect(sameColor.length).toBeGreaterThanOrEqual(5);

    const video = catalog.videos[2];
    const videos = await sandbox.call<{ data: Array<{ id: string }> }>(`/v2/videos/${video?.id}/similar`, {
      auth: "basic",
      query: { per_page: 5 },
    });
    expect(videos.body.data.map((entry) => entry.id)).not.toContain(video?.id);
    expect(videos.body.data).toHaveLength(5);
  }, 30_000);
});
