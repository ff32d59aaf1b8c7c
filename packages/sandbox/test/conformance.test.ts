// Every operation of the contract, called with valid sample params against the real server: the
// status must be the contract's success status and the body must decode with the generated response
// schema, strictly (no property the contract does not define).
import type { OperationDescriptor } from "@shutterkit/core";
import { operations } from "@shutterkit/core/generated";
import { writeParams } from "@shutterkit/core/routes";
import { Exit, Schema, SchemaIssue } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicHeader, info, type SandboxInfo, startTestSandbox, type TestSandbox } from "./helpers.ts";

type OperationId = keyof typeof operations;

interface Sample {
  readonly params?: Record<string, unknown>;
  readonly body?: unknown;
}

interface Fixtures {
  readonly info: SandboxInfo["samples"];
  readonly collections: Record<"images" | "videos" | "audio", { keep: string; drop: string }>;
  readonly licenses: Record<"images" | "videos" | "audio" | "sfx", string>;
  readonly upload: string;
  readonly base64: string;
  readonly catalog: { keep: string; drop: string; itemId: string };
  readonly render: string;
  readonly code: string;
  readonly editorialImage: string;
  readonly editorialVideo: string;
  readonly sfxSubscription: string;
}

let sandbox: TestSandbox;
let fx: Fixtures;

const REDIRECT = "http://localhost:9999/callback";
const COUNTRY = "USA";

const sample = (id: OperationId): Sample => {
  const s = fx.info;
  const c = fx.collections;
  const timeline = {
    spans: [
      {
        span_type: "metered",
        time: 0,
        tempo: 100,
        regions: [{ beat: 0, descriptor: "cinematic_minimal_tense", id: 1, region: "music" }],
      },
    ],
  };
  const table: Record<OperationId, () => Sample> = {
    addTrackCollectionItems: () => ({ params: { id: c.audio.keep }, body: { items: [{ id: s.audio[1] }] } }),
    createTrackCollection: () => ({ body: { name: "Tracks" } }),
    deleteTrackCollection: () => ({ params: { id: c.audio.drop } }),
    deleteTrackCollectionItems: () => ({ params: { id: c.audio.keep, item_id: [s.audio[0]] } }),
    downloadTracks: () => ({ params: { id: fx.licenses.audio } }),
    getTrack: () => ({ params: { id: Number(s.audio[0]), view: "full" } }),
    getTrackCollection: () => ({ params: { id: c.audio.keep, embed: ["share_code", "share_url"] } }),
    getTrackCollectionItems: () => ({ params: { id: c.audio.keep } }),
    getTrackCollectionList: () => ({ params: { embed: ["share_code"] } }),
    getTrackLicenseList: () => ({}),
    getTrackList: () => ({ params: { id: s.audio.slice(0, 3), view: "full" } }),
    licenseTrack: () => ({ body: { audio: [{ audio_id: s.audio[2] }] } }),
    listGenres: () => ({}),
    listInstruments: () => ({}),
    listMoods: () => ({}),
    renameTrackCollection: () => ({ params: { id: c.audio.keep }, body: { name: "Renamed tracks" } }),
    searchTracks: () => ({ params: { query: "piano", view: "full", sort: "bpm", sort_order: "asc" } }),

    addToCollection: () => ({
      params: { collection_id: fx.catalog.keep },
      body: {
        items: [{ asset: { id: s.images[3], type: "image" } }, { asset: { id: s.audio[0], type: "audio" } }],
      },
    }),
    createCollection: () => ({
      body: {
        name: "Catalog",
        visibility: "private",
        items: [{ asset: { id: s.videos[1], type: "video" } }],
      },
    }),
    deleteCollection: () => ({ params: { collection_id: fx.catalog.drop } }),
    deleteFromCollection: () => ({
      params: { collection_id: fx.catalog.keep },
      body: { items: [{ id: fx.catalog.itemId }] },
    }),
    getCollections: () => ({ params: { per_page: 10 } }),
    searchCatalog: () => ({ params: { asset_type: ["image", "video"] } }),
    updateCollection: () => ({
      params: { collection_id: fx.catalog.keep },
      body: { name: "Renamed catalog", visibility: "public" },
    }),

    getKeywords: () => ({ params: { asset_id: fx.upload } }),
    getSimilarImages: () => ({ params: { asset_id: fx.upload, view: "full" } }),
    getSimilarVideos: () => ({ params: { asset_id: fx.upload } }),
    uploadEphemeralImage: () => ({ body: { base64_image: fx.base64 } }),
    uploadImage: () => ({ body: { base64_image: fx.base64 } }),

    getContributor: () => ({ params: { contributor_id: s.contributors[0] } }),
    getContributorCollectionItems: () => ({ params: { ...s.contributorCollections[0] } }),
    getContributorCollections: () => ({ params: { ...s.contributorCollections[0] } }),
    getContributorCollectionsList: () => ({
      params: { contributor_id: s.contributorCollections[0]?.contributor_id },
    }),
    getContributorList: () => ({ params: { id: s.contributors.slice(0, 2) } }),

    createAudioRenders: () => ({
      body: { audio_renders: [{ filename: "theme", preset: "MASTER_MP3", timeline }] },
    }),
    fetchRenders: () => ({ params: { id: [fx.render] } }),
    listCustomDescriptors: () => ({}),
    listCustomInstruments: () => ({}),

    getEditorial: () => ({ params: { id: fx.editorialImage, country: COUNTRY } }),
    getEditorialCategories: () => ({}),
    getEditorialImage: () => ({ params: { id: fx.editorialImage, country: COUNTRY } }),
    getEditorialImageLicenseList: () => ({}),
    getEditorialImageLivefeed: () => ({ params: { id: s.livefeeds[0], country: COUNTRY } }),
    getEditorialImageLivefeedItems: () => ({ params: { id: s.livefeeds[0], country: COUNTRY } }),
    getEditorialImageLivefeedList: () => ({ params: { country: COUNTRY } }),
    getEditorialLivefeed: () => ({ params: { id: s.livefeeds[0], country: COUNTRY } }),
    getEditorialLivefeedItems: () => ({ params: { id: s.livefeeds[0], country: COUNTRY } }),
    getEditorialLivefeedList: () => ({ params: { country: COUNTRY } }),
    getUpdatedEditorialImage: () => ({
      params: {
        type: "addition",
        date_updated_start: "2016-01-01",
        date_updated_end: "2026-01-01",
        country: COUNTRY,
        per_page: 100,
      },
    }),
    getUpdatedEditorialImages: () => ({
      params: {
        type: "edit",
        date_updated_start: "2016-01-01",
        date_updated_end: "2026-01-01",
        country: COUNTRY,
      },
    }),
    licenseEditorialImage: () => ({
      body: {
        editorial: [{ editorial_id: fx.editorialImage, license: "premier_editorial_comp" }],
        country: COUNTRY,
      },
    }),
    licenseEditorialImages: () => ({
      body: {
        editorial: [
          {
            editorial_id: fx.editorialImage,
            license: "premier_editorial_comp",
            size: "small",
            metadata: { po: "42" },
          },
        ],
        country: COUNTRY,
      },
    }),
    listEditorialImageCategories: () => ({}),
    searchEditorial: () => ({ params: { country: COUNTRY, query: "match", per_page: 5 } }),
    searchEditorialImages: () => ({ params: { country: COUNTRY, sort: "newest", per_page: 5 } }),
    getEditorialVideo: () => ({ params: { id: fx.editorialVideo, country: COUNTRY } }),
    getEditorialVideoLicenseList: () => ({}),
    licenseEditorialVideo: () => ({
      body: {
        editorial: [{ editorial_id: fx.editorialVideo, license: "premier_editorial_video_digital_only" }],
        country: COUNTRY,
      },
    }),
    listEditorialVideoCategories: () => ({}),
    searchEditorialVideos: () => ({ params: { country: COUNTRY, per_page: 5 } }),

    addImageCollectionItems: () => ({
      params: { id: c.images.keep },
      body: { items: [{ id: s.images[2] }] },
    }),
    bulkSearchImages: () => ({
      params: { per_page: 3 },
      body: [{ query: "star" }, { query: "circle", per_page: 2 }],
    }),
    createImageCollection: () => ({ body: { name: "Images" } }),
    deleteImageCollection: () => ({ params: { id: c.images.drop } }),
    deleteImageCollectionItems: () => ({ params: { id: c.images.keep, item_id: [s.images[0]] } }),
    downloadImage: () => ({ params: { id: fx.licenses.images }, body: { size: "small" } }),
    getFeaturedImageCollection: () => ({ params: { id: s.featuredImageCollections[0], embed: "share_url" } }),
    getFeaturedImageCollectionItems: () => ({ params: { id: s.featuredImageCollections[0] } }),
    getFeaturedImageCollectionList: () => ({ params: { type: ["photo"] } }),
    getImage: () => ({ params: { id: s.images[0], view: "full" } }),
    getImageCollection: () => ({ params: { id: c.images.keep, embed: ["share_code", "share_url"] } }),
    getImageCollectionItems: () => ({ params: { id: c.images.keep, sort: "newest" } }),
    getImageCollectionList: () => ({}),
    getImageKeywordSuggestions: () => ({ body: { text: "A red star on a white background" } }),
    getImageLicenseList: () => ({}),
    getImageList: () => ({ params: { id: [...s.images.slice(0, 2), "999"], view: "full" } }),
    getImageRecommendations: () => ({ params: { id: [s.images[0]] } }),
    getImageSuggestions: () => ({ params: { query: "st" } }),
    getUpdatedImages: () => ({
      params: { start_date: "2016-01-01", end_date: "2026-01-01", type: ["edit"] },
    }),
    licenseImages: () => ({ body: { images: [{ image_id: s.images[4], size: "small" }] } }),
    listImageCategories: () => ({}),
    listSimilarImages: () => ({ params: { id: s.images[0] } }),
    renameImageCollection: () => ({ params: { id: c.images.keep }, body: { name: "Renamed images" } }),
    searchImages: () => ({ params: { query: "star", view: "full", sort: "relevance", per_page: 5 } }),

    authorize: () => ({
      params: {
        client_id: sandbox.server.credentials.clientId,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "user.view collections.view",
        state: "xyz",
      },
    }),
    createAccessToken: () => ({
      body: {
        client_id: sandbox.server.credentials.clientId,
        client_secret: sandbox.server.credentials.clientSecret,
        code: fx.code,
        grant_type: "authorization_code",
      },
    }),

    downloadSfx: () => ({ params: { id: fx.licenses.sfx } }),
    getSfxDetails: () => ({ params: { id: Number(s.sfx[0]), view: "full" } }),
    getSfxLicenseList: () => ({}),
    getSfxListDetails: () => ({ params: { id: s.sfx.slice(0, 2) } }),
    licensesSFX: () => ({
      body: { sound_effects: [{ sfx_id: s.sfx[1], subscription_id: fx.sfxSubscription }] },
    }),
    searchSFX: () => ({ params: { query: "door", view: "full" } }),

    echo: () => ({ params: { text: "hello" } }),
    validate: () => ({ params: { id: 5, tag: ["a", "b"] } }),

    getAccessToken: () => ({}),
    getUser: () => ({}),
    getUserSubscriptionList: () => ({}),

    addVideoCollectionItems: () => ({
      params: { id: c.videos.keep },
      body: { items: [{ id: s.videos[2] }] },
    }),
    createVideoCollection: () => ({ body: { name: "Videos" } }),
    deleteVideoCollection: () => ({ params: { id: c.videos.drop } }),
    deleteVideoCollectionItems: () => ({ params: { id: c.videos.keep, item_id: [s.videos[0]] } }),
    downloadVideos: () => ({ params: { id: fx.licenses.videos }, body: { size: "web" } }),
    findSimilarVideos: () => ({ params: { id: s.videos[0], per_page: 5 } }),
    getFeaturedVideoCollection: () => ({ params: { id: s.featuredVideoCollections[0] } }),
    getFeaturedVideoCollectionItems: () => ({ params: { id: s.featuredVideoCollections[0] } }),
    getFeaturedVideoCollectionList: () => ({ params: { embed: "share_url" } }),
    getUpdatedVideos: () => ({ params: { start_date: "2016-01-01", end_date: "2026-01-01" } }),
    getVideo: () => ({ params: { id: s.videos[0], view: "full" } }),
    getVideoCollection: () => ({ params: { id: c.videos.keep } }),
    getVideoCollectionItems: () => ({ params: { id: c.videos.keep } }),
    getVideoCollectionList: () => ({}),
    getVideoLicenseList: () => ({}),
    getVideoList: () => ({ params: { id: s.videos.slice(0, 2), view: "full" } }),
    getVideoSuggestions: () => ({ params: { query: "ci" } }),
    licenseVideos: () => ({ body: { videos: [{ video_id: s.videos[3], size: "web" }] } }),
    listVideoCategories: () => ({}),
    renameVideoCollection: () => ({ params: { id: c.videos.keep }, body: { name: "Renamed videos" } }),
    searchVideos: () => ({ params: { query: "circle", view: "full", aspect_ratio: 169 } }),
  };
  return table[id]();
};

const send = async (descriptor: OperationDescriptor, input: Sample) => {
  const parts = writeParams(descriptor, input.params ?? {});
  const url = new URL(parts.path, sandbox.url);
  url.search = parts.query.toString();
  const headers = new Headers(parts.headers);
  const scheme = descriptor.security[0]?.scheme;
  if (scheme === "basic") headers.set("authorization", basicHeader(sandbox.server));
  else if (scheme === "customer_accessCode")
    headers.set("authorization", `Bearer ${sandbox.server.credentials.accessToken}`);
  if (input.body !== undefined) headers.set("content-type", "application/json");
  return fetch(url, {
    method: descriptor.method,
    headers,
    redirect: "manual",
    ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
  });
};

const create = async (path: string, body: unknown): Promise<string> => {
  const answer = await sandbox.call<{ id: string }>(path, { body });
  expect(answer.status).toBe(201);
  return answer.body.id;
};

beforeAll(async () => {
  sandbox = await startTestSandbox({
    seed: 7,
    catalogSize: { images: 400, videos: 60, audio: 60, sfx: 30, editorialImages: 40, editorialVideos: 20 },
  });
  const samples = (await info(sandbox)).samples;
  const collection = async (kind: "images" | "videos" | "audio", items: string[]) => {
    const keep = await create(`/v2/${kind}/collections`, { name: `${kind} keep` });
    const drop = await create(`/v2/${kind}/collections`, { name: `${kind} drop` });
    const add = await sandbox.call(`/v2/${kind}/collections/${keep}/items`, {
      body: { items: items.map((id) => ({ id })) },
    });
    expect(add.status).toBe(204);
    return { keep, drop };
  };
  const license = async (path: string, body: unknown, key: string): Promise<string> => {
    const answer = await sandbox.call<{ data: Array<Record<string, string>> }>(path, { body });
    expect(answer.status, answer.text).toBe(200);
    const id = answer.body.data[0]?.license_id;
    expect(id, JSON.stringify(answer.body)).toBeTypeOf("string");
    void key;
    return id ?? "";
  };
  const sfxSubscription = samples.subscriptions.find((entry) => entry.asset_type === "sfx")?.id ?? "";
  const preview = await fetch(`${sandbox.url}/sandbox/media/images/${samples.images[1]}/preview.jpg`);
  const bytes = new Uint8Array(await preview.arrayBuffer());
  const base64 = btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
  const upload = await sandbox.call<{ upload_id: string }>("/v2/cv/images", {
    body: { base64_image: base64 },
  });
  expect(upload.status).toBe(201);
  const catalogKeep = await sandbox.call<{ id: string }>("/v2/catalog/collections", {
    body: { name: "keep", items: [{ asset: { id: samples.images[5], type: "image" } }] },
  });
  const catalogItems = await sandbox.call<{ data: Array<{ id: string; collection_ids: string[] }> }>(
    "/v2/catalog/search",
    {
      query: { collection_id: catalogKeep.body.id },
    },
  );
  const render = await sandbox.call<{ audio_renders: Array<{ id: string }> }>("/v2/ai/audio/renders", {
    body: {
      audio_renders: [
        {
          filename: "song",
          preset: "STEMS_WAV",
          timeline: {
            spans: [
              {
                span_type: "metered",
                time: 0,
                tempo: 90,
                regions: [{ beat: 0, descriptor: "jazz_smoky_lounge", id: 1, region: "music" }],
              },
            ],
          },
        },
      ],
    },
  });
  const authorize = await sandbox.call("/v2/oauth/authorize", {
    auth: "none",
    query: {
      client_id: sandbox.server.credentials.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "user.view",
      state: "s",
    },
  });
  const code = new URL(authorize.headers.get("location") ?? "http://x/").searchParams.get("code") ?? "";
  const editorialImages = await sandbox.call<{ data: Array<{ id: string }> }>("/v2/editorial/images/search", {
    auth: "basic",
    query: { country: COUNTRY, per_page: 1 },
  });
  const editorialVideos = await sandbox.call<{ data: Array<{ id: string }> }>("/v2/editorial/videos/search", {
    auth: "basic",
    query: { country: COUNTRY, per_page: 1 },
  });
  fx = {
    info: samples,
    collections: {
      images: await collection("images", samples.images.slice(0, 3)),
      videos: await collection("videos", samples.videos.slice(0, 2)),
      audio: await collection("audio", samples.audio.slice(0, 2)),
    },
    licenses: {
      images: await license(
        "/v2/images/licenses",
        { images: [{ image_id: samples.images[0], size: "medium" }] },
        "image_id",
      ),
      videos: await license(
        "/v2/videos/licenses",
        { videos: [{ video_id: samples.videos[0], size: "web" }] },
        "video_id",
      ),
      audio: await license("/v2/audio/licenses", { audio: [{ audio_id: samples.audio[0] }] }, "audio_id"),
      sfx: await license(
        "/v2/sfx/licenses",
        { sound_effects: [{ sfx_id: samples.sfx[0], subscription_id: sfxSubscription }] },
        "sfx_id",
      ),
    },
    upload: upload.body.upload_id,
    base64,
    catalog: {
      keep: catalogKeep.body.id,
      drop: (await sandbox.call<{ id: string }>("/v2/catalog/collections", { body: { name: "drop" } })).body
        .id,
      itemId: catalogItems.body.data[0]?.id ?? "",
    },
    render: render.body.audio_renders[0]?.id ?? "",
    code,
    editorialImage: editorialImages.body.data[0]?.id ?? "",
    editorialVideo: editorialVideos.body.data[0]?.id ?? "",
    sfxSubscription,
  };
}, 60_000);

afterAll(async () => {
  await sandbox.close();
});

const ids = Object.keys(operations) as OperationId[];

describe("every operation answers per the contract", () => {
  it("covers all 118 operations", () => {
    expect(ids).toHaveLength(118);
  });

  it.each(ids)(
    "%s",
    async (id) => {
      const descriptor: OperationDescriptor = operations[id];
      const response = await send(descriptor, sample(id));
      const text = await response.text();
      expect(response.status, `${descriptor.method} ${descriptor.path}: ${text.slice(0, 500)}`).toBe(
        descriptor.response.status,
      );
      if (descriptor.response.status === 302) {
        expect(response.headers.get("location")).toMatch(/^http:\/\/localhost:9999\/callback\?code=/);
        return;
      }
      const schema = descriptor.schemas.response;
      if (schema === undefined) {
        expect(text).toBe("");
        return;
      }
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const exit = Schema.decodeUnknownExit(schema)(JSON.parse(text), {
        errors: "all",
        onExcessProperty: "error",
      });
      if (Exit.isFailure(exit)) {
        const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error;
        const detail = Schema.isSchemaError(error)
          ? JSON.stringify(SchemaIssue.makeFormatterStandardSchemaV1()(error.issue).issues.slice(0, 5))
          : String(error);
        expect.fail(`${id} response does not match the contract: ${detail}\n${text.slice(0, 300)}`);
      }
    },
    30_000,
  );
});
