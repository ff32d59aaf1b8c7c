// Media URLs in responses point at real files on the sandbox's own origin, with the declared sizes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeImage } from "../src/imaging/codec.ts";
import { createSandbox } from "../src/sandbox.ts";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

let sandbox: TestSandbox;

const bytesOf = async (url: string) => {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(Number(response.headers.get("content-length"))).toBe(bytes.byteLength);
  return { bytes, type: response.headers.get("content-type") };
};

beforeAll(async () => {
  sandbox = await startTestSandbox({
    seed: 31,
    catalogSize: { images: 400, videos: 60, audio: 60, sfx: 30, editorialImages: 40, editorialVideos: 20 },
  });
});

afterAll(async () => {
  await sandbox.close();
});

describe("media", () => {
  it("serves every image preview and thumbnail at its declared size", async () => {
    const id = sandbox.server.sandbox.catalog.images[0]?.id;
    const image = await sandbox.call<{
      assets: Record<string, { url: string; width: number; height: number }>;
    }>(`/v2/images/${id}`, { auth: "basic", query: { view: "minimal" } });
    const assets = Object.values(image.body.assets);
    expect(assets.length).toBe(6);
    for (const asset of assets) {
      expect(asset.url.startsWith(`${sandbox.url}/sandbox/media/`)).toBe(true);
      const file = await bytesOf(asset.url);
      expect(file.type).toBe("image/jpeg");
      const picture = decodeImage(file.bytes);
      expect([picture.width, picture.height]).toEqual([asset.width, asset.height]);
    }
  });

  it("builds URLs on the origin the request came in on", async () => {
    const handler = createSandbox({
      seed: 31,
      catalogSize: { images: 20, videos: 2, audio: 2, sfx: 2, editorialImages: 3, editorialVideos: 3 },
    });
    const id = handler.catalog.images[0]?.id;
    const response = await handler.fetch(
      new Request(`https://sandbox.example.test:8443/v2/images/${id}`, {
        headers: { authorization: `Bearer ${handler.credentials.accessToken}` },
      }),
    );
    const body = (await response.json()) as { assets: { preview: { url: string } } };
    expect(body.assets.preview.url).toBe(
      `https://sandbox.example.test:8443/sandbox/media/images/${id}/preview.jpg`,
    );
  });

  it("serves video stills and key frames, audio previews and waveforms, editorial thumbnails", async () => {
    const catalog = sandbox.server.sandbox.catalog;
    const video = await sandbox.call<{
      assets: { thumb_jpg: { url: string }; thumb_jpgs: { urls: string[] } };
    }>(`/v2/videos/${catalog.videos[0]?.id}`, { auth: "basic" });
    expect((await bytesOf(video.body.assets.thumb_jpg.url)).type).toBe("image/jpeg");
    const first = await bytesOf(video.body.assets.thumb_jpgs.urls[0] ?? "");
    const last = await bytesOf(video.body.assets.thumb_jpgs.urls.at(-1) ?? "");
    expect(first.bytes).not.toEqual(last.bytes);

    const track = await sandbox.call<{
      assets: { preview_mp3: { url: string; file_size: number }; waveform: { url: string } };
    }>(`/v2/audio/${catalog.audio[0]?.id}`, { auth: "basic" });
    const preview = await bytesOf(track.body.assets.preview_mp3.url);
    expect(preview.type).toBe("audio/wav");
    expect(preview.bytes.byteLength).toBe(track.body.assets.preview_mp3.file_size);
    expect((await bytesOf(track.body.assets.waveform.url)).type).toBe("image/png");

    const editorial = catalog.editorialImages.find(
      (item) => item.restrictedIn.length === 0 && !item.updates.includes("takedown"),
    );
    const item = await sandbox.call<{ assets: { thumb_220: { url: string; width: number } } }>(
      `/v2/editorial/images/${editorial?.id}`,
      { auth: "basic", query: { country: "USA" } },
    );
    const thumb = decodeImage((await bytesOf(item.body.assets.thumb_220.url)).bytes);
    expect(thumb.width).toBe(item.body.assets.thumb_220.width);
  });

  it("answers HEAD without a body and 404 for unknown media", async () => {
    const id = sandbox.server.sandbox.catalog.images[1]?.id;
    const head = await fetch(`${sandbox.url}/sandbox/media/images/${id}/small_thumb.jpg`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(`${sandbox.url}/sandbox/media/images/${id}/giant.jpg`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/sandbox/media/images/1/preview.jpg`)).status).toBe(404);
  });
});

describe("custom music renders", () => {
  it("move through the statuses as the clock advances, then serve their files", async () => {
    const created = await sandbox.call<{ audio_renders: Array<{ id: string; status: string }> }>(
      "/v2/ai/audio/renders",
      {
        auth: "basic",
        body: {
          audio_renders: [
            {
              filename: "intro",
              preset: "MASTER_WAV",
              timeline: {
                spans: [
                  {
                    span_type: "metered",
                    time: 0,
                    tempo: 96,
                    regions: [{ beat: 0, descriptor: "folk_warm_acoustic", id: 1, region: "music" }],
                  },
                ],
              },
            },
          ],
        },
      },
    );
    expect(created.status).toBe(200);
    const render = created.body.audio_renders[0];
    expect(render?.status).toBe("WAITING_COMPOSE");
    const seen: string[] = [];
    let files: Array<{ download_url: string; size_bytes: number }> = [];
    for (let step = 0; step < 5; step++) {
      const fetched = await sandbox.call<{ audio_renders: Array<{ status: string; files: typeof files }> }>(
        "/v2/ai/audio/renders",
        { auth: "basic", query: { id: [render?.id ?? ""] } },
      );
      seen.push(fetched.body.audio_renders[0]?.status ?? "");
      files = fetched.body.audio_renders[0]?.files ?? [];
      sandbox.server.sandbox.advanceClock(1500);
    }
    expect(seen).toEqual([
      "WAITING_COMPOSE",
      "RUNNING_COMPOSE",
      "WAITING_RENDER",
      "RUNNING_RENDER",
      "CREATED",
    ]);
    const file = await bytesOf(files[0]?.download_url ?? "");
    expect(file.type).toBe("audio/wav");
    expect(file.bytes.byteLength).toBe(files[0]?.size_bytes);
  });

  it("reject unknown descriptors and unknown render ids", async () => {
    const bad = await sandbox.call("/v2/ai/audio/renders", {
      auth: "basic",
      body: {
        audio_renders: [
          {
            filename: "x",
            preset: "MASTER_MP3",
            timeline: {
              spans: [
                {
                  span_type: "metered",
                  time: 0,
                  regions: [{ beat: 0, descriptor: "polka", id: 1, region: "music" }],
                },
              ],
            },
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(
      (await sandbox.call("/v2/ai/audio/renders", { auth: "basic", query: { id: ["nope"] } })).status,
    ).toBe(404);
  });
});
