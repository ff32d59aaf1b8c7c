// The official JavaScript SDK (npm shutterstock-api, CommonJS) pointed at the sandbox: search,
// details, similar images, collections and licensing must work unchanged.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "./helpers.ts";

interface SdkApiClient {
  basePath: string;
}

type Call = (...args: unknown[]) => Promise<Record<string, unknown>>;

interface Sdk {
  ApiClient: { instance: SdkApiClient };
  setBasicAuth(user: string, password: string): void;
  setAccessToken(token: string): void;
  ImagesApi: new () => Record<string, Call>;
  VideosApi: new () => Record<string, Call>;
  AudioApi: new () => Record<string, Call>;
  UsersApi: new () => Record<string, Call>;
  TestApi: new () => Record<string, Call>;
}

const sdk = createRequire(import.meta.url)("shutterstock-api") as Sdk;

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    seed: 11,
    catalogSize: { images: 400, videos: 60, audio: 60, sfx: 30, editorialImages: 40, editorialVideos: 20 },
  });
  sdk.ApiClient.instance.basePath = sandbox.url;
  sdk.setBasicAuth(sandbox.server.credentials.clientId, sandbox.server.credentials.clientSecret);
  sdk.setAccessToken(sandbox.server.credentials.accessToken);
});

afterAll(async () => {
  await sandbox.close();
});

describe("official SDK against the sandbox", () => {
  it("searches images with filters and pagination", async () => {
    const images = new sdk.ImagesApi();
    const result = await images.searchImages!({
      query: "star",
      image_type: ["vector", "illustration"],
      per_page: 5,
      page: 2,
    });
    expect(result["per_page"]).toBe(5);
    expect(result["page"]).toBe(2);
    expect(result["total_count"]).toBeGreaterThan(5);
    const data = result["data"] as Array<{ id: string; description: string; image_type: string }>;
    expect(data).toHaveLength(5);
    for (const image of data) {
      expect(["vector", "illustration"]).toContain(image.image_type);
    }
  });

  it("gets image details and similar images", async () => {
    const images = new sdk.ImagesApi();
    const id = sandbox.server.sandbox.catalog.images[0]?.id ?? "";
    const details = await images.getImage!(id, { view: "full" });
    expect(details["id"]).toBe(id);
    expect(details["keywords"]).toEqual(expect.arrayContaining(["geometric"]));
    const similar = await images.listSimilarImages!(id, { per_page: 3 });
    const data = similar["data"] as Array<{ id: string }>;
    expect(data).toHaveLength(3);
    expect(data.map((image) => image.id)).not.toContain(id);
  }, 30_000);

  it("manages collections", async () => {
    const images = new sdk.ImagesApi();
    const created = await images.createImageCollection!({ name: "From the SDK" });
    const collectionId = created["id"] as string;
    const [first, second] = sandbox.server.sandbox.catalog.images.slice(0, 2).map((image) => image.id);
    await images.addImageCollectionItems!(collectionId, { items: [{ id: first }, { id: second }] });
    const items = await images.getImageCollectionItems!(collectionId, {});
    expect((items["data"] as Array<{ id: string }>).map((item) => item.id).sort()).toEqual(
      [first, second].sort(),
    );
    const list = await images.getImageCollectionList!({});
    expect((list["data"] as Array<{ id: string }>).some((entry) => entry.id === collectionId)).toBe(true);
    await images.deleteImageCollection!(collectionId);
    await expect(images.getImageCollection!(collectionId, {})).rejects.toMatchObject({ status: 404 });
  });

  it("licenses an image and reads the subscription allotment", async () => {
    const users = new sdk.UsersApi();
    const before = await users.getUserSubscriptionList!();
    const annual = (
      before["data"] as Array<{ id: string; description: string; allotment: { downloads_left: number } }>
    ).find((subscription) => subscription.description === "Annual Subscription");
    expect(annual).toBeDefined();
    const images = new sdk.ImagesApi();
    const id = sandbox.server.sandbox.catalog.images[7]?.id ?? "";
    const licensed = await images.licenseImages!(
      { images: [{ image_id: id, subscription_id: annual?.id }] },
      { size: "small" },
    );
    const result = (
      licensed["data"] as Array<{ image_id: string; license_id: string; download: { url: string } }>
    )[0];
    expect(result?.image_id).toBe(id);
    const file = await fetch(result?.download.url ?? "");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    const after = await users.getUserSubscriptionList!();
    const left = (after["data"] as Array<{ id: string; allotment: { downloads_left: number } }>).find(
      (subscription) => subscription.id === annual?.id,
    );
    expect(left?.allotment.downloads_left).toBe((annual?.allotment.downloads_left ?? 0) - 1);
    const history = await images.getImageLicenseList!({ image_id: id });
    expect((history["data"] as Array<{ id: string }>)[0]?.id).toBe(result?.license_id);
  });

  it("searches videos and audio and calls the test endpoint", async () => {
    const videos = await new sdk.VideosApi().searchVideos!({ query: "circle", per_page: 2 });
    expect((videos["data"] as unknown[]).length).toBe(2);
    const audio = await new sdk.AudioApi().searchTracks!({ query: "piano", per_page: 2 });
    expect(audio["total_count"]).toBeGreaterThan(0);
    const echo = await new sdk.TestApi().echo!({ text: "hello" });
    expect(echo["text"]).toBe("hello");
  });
});
