// The state a fresh sandbox starts with: a user with one subscription per media type (and a small
// trial one that runs out quickly), plus a couple of collections so list endpoints are not empty.
import type { Catalog } from "../catalog/build.ts";
import { makeRng } from "../random.ts";
import { DAY_MS } from "../search/common.ts";
import type { CollectionState, SandboxState, SubscriptionState } from "./model.ts";

export const SANDBOX_USER = {
  id: "100000001",
  username: "sandbox_user",
  email: "sandbox_user@example.com",
  first_name: "Sandy",
  last_name: "Box",
  customer_id: "100000001",
  language: "en",
} as const;

const IMAGE_FORMATS = [
  { media_type: "image", size: "small", format: "jpg", description: "Small", min_resolution: 500 },
  { media_type: "image", size: "medium", format: "jpg", description: "Med", min_resolution: 1000 },
  { media_type: "image", size: "huge", format: "jpg", description: "Huge", min_resolution: 3000 },
  { media_type: "image", size: "vector", format: "eps", description: "Vector" },
] as const;

const VIDEO_FORMATS = [
  { media_type: "video", size: "web", format: "mov", description: "Web" },
  { media_type: "video", size: "sd", format: "mov", description: "SD" },
  { media_type: "video", size: "hd", format: "mov", description: "HD" },
  { media_type: "video", size: "4k", format: "mov", description: "4K" },
] as const;

const randomSecret = (): string => {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
};

export const createInitialState = (seed: number, catalog: Catalog, now: Date): SandboxState => {
  const rng = makeRng(seed).fork("state");
  const start = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const end = new Date(now.getTime() + 335 * DAY_MS).toISOString();
  const subscription = (
    asset_type: string,
    description: string,
    license: string,
    limit: number,
    formats: SubscriptionState["formats"],
  ): SubscriptionState => ({
    id: `s${rng.int(10_000_000, 99_999_999)}`,
    asset_type,
    description,
    license,
    downloads_limit: limit,
    downloads_left: limit,
    start_time: start,
    end_time: end,
    formats,
  });
  const subscriptions = [
    subscription("images", "Annual Subscription", "standard", 750, IMAGE_FORMATS),
    subscription("images", "Trial Subscription", "standard", 3, IMAGE_FORMATS),
    subscription("videos", "Footage Subscription", "standard", 50, VIDEO_FORMATS),
    subscription("audio", "Music Subscription", "audio_platform", 100, [
      { media_type: "audio", size: "original", format: "wav", description: "Original" },
    ]),
    subscription("editorial", "Editorial Subscription", "premier_editorial_comp", 100, [
      { media_type: "editorial", size: "original", format: "jpg", description: "Original" },
    ]),
    subscription("sfx", "Sound Effects Subscription", "sfx_standard", 100, []),
  ];
  const created = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const favourites: CollectionState = {
    id: String(rng.int(100_000_000, 199_999_999)),
    name: "Sandbox favourites",
    created_time: created,
    updated_time: created,
    items_updated_time: created,
    share_code: rng.int(0, 0xffffffff).toString(16).padStart(8, "0"),
    items: catalog.images.slice(0, 8).map((image) => ({ id: image.id, added_time: created })),
  };
  const catalogCollectionId = String(rng.int(200_000_000, 299_999_999));
  const firstAssets = [
    ...catalog.images.slice(8, 10).map((image) => ({ id: image.id, type: "image" as const })),
    ...catalog.videos.slice(0, 1).map((video) => ({ id: video.id, type: "video" as const })),
  ];
  const catalogItems = Object.fromEntries(
    firstAssets.map((asset, index) => {
      const id = String(500_000_000 + index);
      return [id, { id, asset, created_time: created, collection_ids: [catalogCollectionId] }];
    }),
  );
  return {
    version: 1,
    seed,
    secret: randomSecret(),
    counter: 1000,
    collections: { images: { [favourites.id]: favourites }, videos: {}, audio: {} },
    catalogCollections: {
      [catalogCollectionId]: {
        id: catalogCollectionId,
        name: "Sandbox picks",
        visibility: "private",
        created_time: created,
        updated_time: created,
      },
    },
    catalogItems,
    subscriptions,
    licenses: [],
    uploads: {},
    renders: {},
    tokens: {},
    authCodes: {},
    refreshTokens: {},
  };
};

/** A deterministic id from the state's counter: call inside a mutation. */
export const nextId = (
  state: SandboxState,
  kind: "numeric" | "hex" | "upload" | "token" | "render",
): string => {
  state.counter += 1;
  const rng = makeRng(`${state.secret}/${state.counter}`);
  const hex = (length: number) => Array.from({ length }, () => rng.int(0, 15).toString(16)).join("");
  switch (kind) {
    case "numeric":
      return String(rng.int(100_000_000, 999_999_999));
    case "hex":
      return hex(34);
    case "upload":
      return `U${hex(32)}`;
    case "render":
      return Array.from({ length: 28 }, () =>
        rng.pick([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"]),
      ).join("");
    case "token": {
      const alphabet = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];
      return `v2/${Array.from({ length: 64 }, () => rng.pick(alphabet)).join("")}`;
    }
  }
};
