// Licensing: allotments go down, history is kept, downloads are signed, expiring and real.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeImage } from "../src/imaging/codec.ts";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

interface Subscription {
  id: string;
  description: string;
  asset_type: string;
  allotment: { downloads_left: number; downloads_limit: number };
}

interface LicenseResult {
  image_id?: string;
  license_id?: string;
  allotment_charge?: number;
  download?: { url: string };
  error?: string;
}

let sandbox: TestSandbox;
let images: string[];

const subscriptions = async () =>
  (await sandbox.call<{ data: Subscription[] }>("/v2/user/subscriptions")).body.data;

const subscription = async (description: string) => {
  const found = (await subscriptions()).find((entry) => entry.description === description);
  if (found === undefined) throw new Error(`no subscription ${description}`);
  return found;
};

const license = async (items: unknown[], query: Record<string, string> = {}) => {
  const answer = await sandbox.call<{ data: LicenseResult[] }>("/v2/images/licenses", {
    body: { images: items },
    query,
  });
  expect(answer.status, answer.text).toBe(200);
  return answer.body.data;
};

beforeAll(async () => {
  sandbox = await startTestSandbox({
    seed: 13,
    catalogSize: { images: 400, videos: 60, audio: 60, sfx: 30, editorialImages: 40, editorialVideos: 20 },
  });
  images = sandbox.server.sandbox.catalog.images
    .filter((image) => !image.isEditorial)
    .map((image) => image.id);
});

afterAll(async () => {
  await sandbox.close();
});

describe("licensing images", () => {
  it("charges the subscription once per licence and lists it in the history", async () => {
    const before = await subscription("Annual Subscription");
    const results = await license([
      { image_id: images[0], size: "small" },
      { image_id: images[1], size: "medium" },
    ]);
    expect(results.map((result) => result.allotment_charge)).toEqual([1, 1]);
    expect((await subscription("Annual Subscription")).allotment.downloads_left).toBe(
      before.allotment.downloads_left - 2,
    );

    const again = await license([{ image_id: images[0], size: "small" }]);
    expect(again[0]?.allotment_charge).toBe(0);
    expect((await subscription("Annual Subscription")).allotment.downloads_left).toBe(
      before.allotment.downloads_left - 2,
    );

    const history = await sandbox.call<{
      data: Array<{ id: string; image: { id: string; format: { size: string } } }>;
    }>("/v2/images/licenses", { query: { image_id: images[1] ?? "" } });
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0]).toMatchObject({
      id: results[1]?.license_id,
      image: { id: images[1], format: { size: "medium" } },
    });
    const stats = await sandbox.call<{ licensesCreated: number }>("/sandbox/stats", { auth: "none" });
    expect(stats.body.licensesCreated).toBe(3);
  });

  it("runs out: a small subscription refuses the licence after its allotment", async () => {
    const trial = await subscription("Trial Subscription");
    expect(trial.allotment.downloads_left).toBe(3);
    const results = await license(
      images.slice(10, 14).map((id) => ({ image_id: id, size: "small" })),
      { subscription_id: trial.id },
    );
    expect(results.slice(0, 3).every((result) => result.license_id !== undefined)).toBe(true);
    expect(results[3]?.error).toMatch(/No downloads left/);
    expect(results[3]?.license_id).toBeUndefined();
    expect((await subscription("Trial Subscription")).allotment.downloads_left).toBe(0);
  });

  it("reports per-item problems without charging", async () => {
    const before = await subscription("Annual Subscription");
    const editorial = sandbox.server.sandbox.catalog.images.find((image) => image.isEditorial)?.id;
    const photo = sandbox.server.sandbox.catalog.images.find((image) => image.imageType === "photo")?.id;
    const results = await license([
      { image_id: "12345" },
      { image_id: editorial },
      { image_id: photo, size: "vector" },
    ]);
    expect(results.map((result) => result.error)).toEqual([
      expect.stringMatching(/not found/),
      expect.stringMatching(/editorial_acknowledgement/),
      expect.stringMatching(/vector/),
    ]);
    expect((await subscription("Annual Subscription")).allotment.downloads_left).toBe(
      before.allotment.downloads_left,
    );
    const acknowledged = await license([
      { image_id: editorial, editorial_acknowledgement: true, size: "small" },
    ]);
    expect(acknowledged[0]?.license_id).toBeTypeOf("string");
  });

  it("needs the licenses.create scope", async () => {
    const token = await sandbox.server.sandbox.issueToken(["licenses.view", "purchases.view"]);
    const answer = await sandbox.call<{ message: string }>("/v2/images/licenses", {
      auth: { bearer: token },
      body: { images: [{ image_id: images[30] }] },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain("licenses.create");
  });
});

describe("downloads", () => {
  it("serve the licensed picture with its Content-Length, at the licensed size", async () => {
    const [result] = await license([{ image_id: images[40], size: "small" }]);
    const response = await fetch(result?.download?.url ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("content-disposition")).toContain(`shutterstock_${images[40]}.jpg`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get("content-length"))).toBe(bytes.byteLength);
    const picture = decodeImage(bytes);
    expect(Math.max(picture.width, picture.height)).toBe(500);
    const stats = await sandbox.call<{ downloadsServed: number }>("/sandbox/stats", { auth: "none" });
    expect(stats.body.downloadsServed).toBeGreaterThanOrEqual(1);
  });

  it("reject forged signatures and tampered paths", async () => {
    const [result] = await license([{ image_id: images[41], size: "small" }]);
    const url = new URL(result?.download?.url ?? "");
    const forged = new URL(url);
    forged.searchParams.set("signature", "0".repeat(64));
    expect((await fetch(forged)).status).toBe(403);
    const extended = new URL(url);
    extended.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 3600));
    expect((await fetch(extended)).status).toBe(403);
    const bigger = new URL(url.toString().replace("/small/", "/huge/"));
    expect((await fetch(bigger)).status).toBe(403);
  });

  it("expire, and a re-download gives a fresh URL without a new charge", async () => {
    const [result] = await license([{ image_id: images[42], size: "small" }]);
    const before = await subscription("Annual Subscription");
    sandbox.server.sandbox.advanceClock(3601_000);
    const expired = await fetch(result?.download?.url ?? "");
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("expired");
    const redownload = await sandbox.call<{ url: string }>(
      `/v2/images/licenses/${result?.license_id}/downloads`,
      {
        body: { size: "medium" },
      },
    );
    expect(redownload.status).toBe(200);
    const fresh = await fetch(redownload.body.url);
    expect(fresh.status).toBe(200);
    const picture = decodeImage(new Uint8Array(await fresh.arrayBuffer()));
    expect(Math.max(picture.width, picture.height)).toBe(1000);
    expect((await subscription("Annual Subscription")).allotment.downloads_left).toBe(
      before.allotment.downloads_left,
    );
    expect((await sandbox.call("/v2/images/licenses/nope/downloads", { body: {} })).status).toBe(404);
  });
});

describe("other media", () => {
  it("licenses a track and serves a WAV file", async () => {
    const track = sandbox.server.sandbox.catalog.audio[3];
    const answer = await sandbox.call<{ data: Array<{ license_id: string; download: { url: string } }> }>(
      "/v2/audio/licenses",
      {
        body: { audio: [{ audio_id: track?.id }] },
      },
    );
    expect(answer.status).toBe(200);
    const file = await fetch(answer.body.data[0]?.download.url ?? "");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(file.headers.get("content-type")).toBe("audio/wav");
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("RIFF");
    expect(bytes.byteLength).toBe(44 + (track?.duration ?? 0) * 16_000 * 2);
    const redownload = await sandbox.call<{ url: string }>(
      `/v2/audio/licenses/${answer.body.data[0]?.license_id}/downloads`,
      {
        method: "POST",
      },
    );
    expect(redownload.status).toBe(200);
  });

  it("licenses videos only in sizes they come in", async () => {
    const sd = sandbox.server.sandbox.catalog.videos.find(
      (video) => video.resolution === "sd" && !video.isEditorial,
    );
    const answer = await sandbox.call<{ data: Array<{ error?: string; license_id?: string }> }>(
      "/v2/videos/licenses",
      {
        body: {
          videos: [
            { video_id: sd?.id, size: "4k" },
            { video_id: sd?.id, size: "sd" },
          ],
        },
      },
    );
    expect(answer.body.data[0]?.error).toMatch(/not available in size 4k/);
    expect(answer.body.data[1]?.license_id).toBeTypeOf("string");
  });
});
