// Licensing: each licence draws on a subscription's allotment (downloads_left goes down), is recorded
// in the history, and comes with a signed, expiring download URL that the sandbox serves itself.
import type { schemas } from "@shutterkit/core/generated";
import { videoSizes } from "../../present/assets.ts";
import { DAY_MS, paginate, parseDateTime } from "../../search/common.ts";
import { notFound } from "../../server/errors.ts";
import { nextId, SANDBOX_USER } from "../../state/initial.ts";
import type { LicenseKind, LicenseState, SandboxState, SubscriptionState } from "../../state/model.ts";
import type { Handlers, World } from "../../world.ts";

const SUBSCRIPTION_TYPE: Record<LicenseKind, string> = {
  images: "images",
  videos: "videos",
  audio: "audio",
  "editorial-images": "editorial",
  "editorial-videos": "editorial",
  sfx: "sfx",
};

const EXTENSION: Record<LicenseKind, string> = {
  images: "jpg",
  videos: "jpg",
  audio: "wav",
  "editorial-images": "jpg",
  "editorial-videos": "jpg",
  sfx: "wav",
};

/** `/sandbox/downloads/<license>/<size>/<file>`: the path the signature covers. */
export const downloadPath = (license: LicenseState, size: string): string =>
  `/sandbox/downloads/${license.id}/${encodeURIComponent(size)}/shutterstock_${license.asset_id}.${EXTENSION[license.kind]}`;

export const signedDownloadUrl = async (
  world: World,
  origin: string,
  license: LicenseState,
  size = license.size,
) => {
  const expires = Math.floor(world.clock.now().getTime() / 1000) + world.config.downloadTtlSeconds;
  return `${origin}${await world.signer.sign(downloadPath(license, size), expires)}`;
};

interface LicenseRequest {
  readonly kind: LicenseKind;
  readonly assetId: string;
  readonly license: string;
  readonly size: string;
  readonly format: string;
  readonly subscriptionId?: string | undefined;
  readonly metadata?: Record<string, unknown> | undefined;
  readonly searchId?: string | undefined;
  /** Reasons this item cannot be licensed regardless of the subscription (unknown asset, bad size). */
  readonly problem?: string | undefined;
}

type LicenseOutcome =
  | { readonly ok: true; readonly license: LicenseState }
  | { readonly ok: false; readonly assetId: string; readonly error: string };

const pickSubscription = (
  state: SandboxState,
  kind: LicenseKind,
  requested: string | undefined,
): SubscriptionState | string => {
  const type = SUBSCRIPTION_TYPE[kind];
  if (requested !== undefined) {
    const found = state.subscriptions.find((subscription) => subscription.id === requested);
    if (found === undefined) return `Subscription not found: ${requested}`;
    if (found.asset_type !== type) return `Subscription ${requested} does not cover ${type}`;
    if (found.downloads_left <= 0) return `No downloads left in subscription ${requested}`;
    return found;
  }
  const candidates = state.subscriptions.filter((subscription) => subscription.asset_type === type);
  if (candidates.length === 0) return `No subscription covers ${type}`;
  return (
    candidates.find((subscription) => subscription.downloads_left > 0) ?? `No downloads left for ${type}`
  );
};

const metadataOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0
    ? (value as Record<string, unknown>)
    : undefined;

/** Licenses a batch in one state mutation, so allotments are charged exactly once per licence. */
const licenseAll = async (
  world: World,
  requests: ReadonlyArray<LicenseRequest>,
  now: Date,
): Promise<LicenseOutcome[]> => {
  const outcomes = await world.queue.mutate((state) =>
    requests.map((request): LicenseOutcome => {
      if (request.problem !== undefined)
        return { ok: false, assetId: request.assetId, error: request.problem };
      const subscription = pickSubscription(state, request.kind, request.subscriptionId);
      if (typeof subscription === "string")
        return { ok: false, assetId: request.assetId, error: subscription };
      const already = state.licenses.some(
        (license) =>
          license.kind === request.kind &&
          license.asset_id === request.assetId &&
          license.subscription_id === subscription.id &&
          license.size === request.size,
      );
      const charge = already ? 0 : 1;
      subscription.downloads_left -= charge;
      const license: LicenseState = {
        id: nextId(state, "hex"),
        kind: request.kind,
        asset_id: request.assetId,
        license: request.license,
        size: request.size,
        format: request.format,
        subscription_id: subscription.id,
        download_time: now.toISOString(),
        allotment_charge: charge,
        ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
        ...(request.searchId === undefined ? {} : { search_id: request.searchId }),
      };
      state.licenses.push(license);
      return { ok: true, license };
    }),
  );
  world.stats.licenses(outcomes.filter((outcome) => outcome.ok).length);
  return outcomes;
};

const findLicense = (world: World, id: string, kinds: ReadonlyArray<LicenseKind>): LicenseState => {
  const license = world.queue.state.licenses.find((entry) => entry.id === id);
  if (license === undefined || !kinds.includes(license.kind)) throw notFound(`License not found: ${id}`);
  return license;
};

interface HistoryParams {
  readonly license?: string | undefined;
  readonly page?: number | undefined;
  readonly per_page?: number | undefined;
  readonly sort?: string | undefined;
  readonly username?: string | undefined;
  readonly start_date?: string | undefined;
  readonly end_date?: string | undefined;
  readonly download_availability?: string | undefined;
  readonly license_id?: string | undefined;
}

const MEDIA_KEY: Record<LicenseKind, "image" | "video" | "audio"> = {
  images: "image",
  videos: "video",
  audio: "audio",
  "editorial-images": "image",
  "editorial-videos": "video",
  sfx: "audio",
};

const history = (
  world: World,
  kinds: ReadonlyArray<LicenseKind>,
  assetId: string | undefined,
  params: HistoryParams,
): schemas.DownloadHistoryDataList => {
  const from = params.start_date === undefined ? undefined : parseDateTime("start_date", params.start_date);
  const to =
    params.end_date === undefined
      ? undefined
      : parseDateTime("end_date", params.end_date) + (params.end_date.includes("T") ? 0 : DAY_MS);
  const entries = world.queue.state.licenses
    .filter(
      (license) =>
        kinds.includes(license.kind) &&
        (assetId === undefined || license.asset_id === assetId) &&
        (params.license === undefined || license.license === params.license) &&
        (params.license_id === undefined || license.id === params.license_id) &&
        (params.username === undefined || params.username === SANDBOX_USER.username) &&
        params.download_availability !== "non_downloadable" &&
        (from === undefined || Date.parse(license.download_time) >= from) &&
        (to === undefined || Date.parse(license.download_time) < to),
    )
    .map((license, order) => ({ license, order }))
    .sort((a, b) => (params.sort === "oldest" ? a.order - b.order : b.order - a.order))
    .map((entry) => entry.license);
  const page = paginate(entries, params.page, params.per_page);
  return {
    ...page,
    data: page.data.map((license) => ({
      id: license.id,
      download_time: license.download_time,
      license: license.license,
      [MEDIA_KEY[license.kind]]: {
        id: license.asset_id,
        format: { format: license.format, size: license.size },
      },
      is_downloadable: true,
      ...(license.subscription_id === undefined ? {} : { subscription_id: license.subscription_id }),
      user: { username: SANDBOX_USER.username },
      ...(license.metadata === undefined ? {} : { metadata: license.metadata }),
    })),
  };
};

const results = async <K extends string>(
  world: World,
  origin: string,
  outcomes: ReadonlyArray<LicenseOutcome>,
  key: K,
) => {
  const data = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      data.push({ [key]: outcome.assetId, error: outcome.error } as Record<K, string> & { error: string });
      continue;
    }
    data.push({
      [key]: outcome.license.asset_id,
      license_id: outcome.license.id,
      allotment_charge: outcome.license.allotment_charge,
      download: { url: await signedDownloadUrl(world, origin, outcome.license) },
    } as Record<K, string> & { license_id: string; allotment_charge: number; download: { url: string } });
  }
  return { data, page: 1, per_page: data.length, total_count: data.length };
};

const subscriptionLicense = (
  state: SandboxState,
  kind: LicenseKind,
  requested: string | undefined,
): string => {
  const subscription = pickSubscription(state, kind, requested);
  return typeof subscription === "string" ? "standard" : subscription.license;
};

export const licensingHandlers = {
  licenseImages: async ({ world, origin, params, body, now }) => {
    const requests = body.images.map((item): LicenseRequest => {
      const image = world.catalog.imageById.get(item.image_id);
      const size =
        item.size ?? params.size ?? (item.format === "eps" || params.format === "eps" ? "vector" : "huge");
      const subscriptionId = item.subscription_id ?? params.subscription_id;
      const editorialOk =
        image === undefined || !image.isEditorial || item.editorial_acknowledgement === true;
      const problem =
        image === undefined
          ? `Image not found: ${item.image_id}`
          : size === "vector" && image.imageType !== "vector"
            ? `Image ${item.image_id} is not available as a vector`
            : size === "custom" && !("custom_dimensions" in item && item.custom_dimensions !== undefined)
              ? "custom_dimensions is required for size custom"
              : !editorialOk
                ? `Image ${item.image_id} is editorial: set editorial_acknowledgement to true`
                : undefined;
      return {
        kind: "images",
        assetId: item.image_id,
        license: subscriptionLicense(world.queue.state, "images", subscriptionId),
        size,
        format: size === "vector" ? "eps" : "jpg",
        subscriptionId,
        metadata: metadataOf(item.metadata),
        searchId: item.search_id ?? params.search_id,
        problem,
      };
    });
    return results(world, origin, await licenseAll(world, requests, now), "image_id");
  },

  licenseVideos: async ({ world, origin, params, body, now }) => {
    const requests = body.videos.map((item): LicenseRequest => {
      const video = world.catalog.videoById.get(item.video_id);
      const size = item.size ?? params.size ?? "web";
      const subscriptionId = item.subscription_id ?? params.subscription_id;
      const problem =
        video === undefined
          ? `Video not found: ${item.video_id}`
          : !videoSizes(video).includes(size)
            ? `Video ${item.video_id} is not available in size ${size}`
            : video.isEditorial && item.editorial_acknowledgement !== true
              ? `Video ${item.video_id} is editorial: set editorial_acknowledgement to true`
              : undefined;
      return {
        kind: "videos",
        assetId: item.video_id,
        license: subscriptionLicense(world.queue.state, "videos", subscriptionId),
        size,
        format: "mov",
        subscriptionId,
        metadata: metadataOf(item.metadata),
        searchId: item.search_id ?? params.search_id,
        problem,
      };
    });
    return results(world, origin, await licenseAll(world, requests, now), "video_id");
  },

  licenseTrack: async ({ world, origin, params, body, now }) => {
    const requests = body.audio.map(
      (item): LicenseRequest => ({
        kind: "audio",
        assetId: item.audio_id,
        license: item.license ?? params.license ?? "audio_platform",
        size: "original",
        format: "wav",
        searchId: item.search_id ?? params.search_id,
        problem: world.catalog.audioById.has(item.audio_id) ? undefined : `Track not found: ${item.audio_id}`,
      }),
    );
    const outcomes = await licenseAll(world, requests, now);
    const out = await results(world, origin, outcomes, "audio_id");
    return out;
  },

  licenseEditorialImages: async ({ world, origin, body, now }) => {
    const requests = body.editorial.map((item): LicenseRequest => {
      const record = world.catalog.editorialById.get(item.editorial_id);
      const problem =
        record === undefined || record.kind !== "editorial-image"
          ? `Editorial image not found: ${item.editorial_id}`
          : record.restrictedIn.includes(body.country.toUpperCase()) || record.updates.includes("takedown")
            ? `Editorial image ${item.editorial_id} is not available in ${body.country}`
            : undefined;
      return {
        kind: "editorial-images",
        assetId: item.editorial_id,
        license: item.license,
        size: item.size ?? "original",
        format: "jpg",
        metadata: metadataOf(item.metadata),
        problem,
      };
    });
    const outcomes = await licenseAll(world, requests, now);
    return resultsEditorial(world, origin, outcomes);
  },

  licenseEditorialImage: async ({ world, origin, body, now }) => {
    const requests = body.editorial.map((item): LicenseRequest => {
      const record = world.catalog.editorialById.get(item.editorial_id);
      return {
        kind: "editorial-images",
        assetId: item.editorial_id,
        license: item.license,
        size: item.size ?? "original",
        format: "jpg",
        metadata: metadataOf(item.metadata),
        problem:
          record === undefined || record.kind !== "editorial-image"
            ? `Editorial image not found: ${item.editorial_id}`
            : undefined,
      };
    });
    return resultsEditorial(world, origin, await licenseAll(world, requests, now));
  },

  licenseEditorialVideo: async ({ world, origin, body, now }) => {
    const requests = body.editorial.map((item): LicenseRequest => {
      const record = world.catalog.editorialById.get(item.editorial_id);
      const problem =
        record === undefined || record.kind !== "editorial-video"
          ? `Editorial video not found: ${item.editorial_id}`
          : record.restrictedIn.includes(body.country.toUpperCase())
            ? `Editorial video ${item.editorial_id} is not available in ${body.country}`
            : undefined;
      return {
        kind: "editorial-videos",
        assetId: item.editorial_id,
        license: item.license,
        size: item.size ?? "original",
        format: "mov",
        metadata: metadataOf(item.metadata),
        problem,
      };
    });
    return resultsEditorial(world, origin, await licenseAll(world, requests, now));
  },

  licensesSFX: async ({ world, origin, body, now }) => {
    const requests = body.sound_effects.map(
      (item): LicenseRequest => ({
        kind: "sfx",
        assetId: item.sfx_id,
        license: "sfx_standard",
        size: item.audio_layout ?? "stereo",
        format: item.format ?? "wav",
        subscriptionId: item.subscription_id,
        searchId: item.search_id,
        problem: world.catalog.sfxById.has(item.sfx_id)
          ? undefined
          : `Sound effect not found: ${item.sfx_id}`,
      }),
    );
    const outcomes = await licenseAll(world, requests, now);
    const data = [];
    for (const outcome of outcomes) {
      data.push(
        outcome.ok
          ? {
              sfx_id: outcome.license.asset_id,
              license_id: outcome.license.id,
              allotment_charge: outcome.license.allotment_charge,
              download: { url: await signedDownloadUrl(world, origin, outcome.license) },
            }
          : { sfx_id: outcome.assetId, error: outcome.error },
      );
    }
    return { data };
  },

  downloadImage: async ({ world, origin, params, body }) => {
    const license = findLicense(world, params.id, ["images"]);
    return { url: await signedDownloadUrl(world, origin, license, body.size ?? license.size) };
  },
  downloadVideos: async ({ world, origin, params, body }) => {
    const license = findLicense(world, params.id, ["videos"]);
    return { url: await signedDownloadUrl(world, origin, license, body.size ?? license.size) };
  },
  downloadTracks: async ({ world, origin, params }) => ({
    url: await signedDownloadUrl(world, origin, findLicense(world, params.id, ["audio"])),
  }),
  downloadSfx: async ({ world, origin, params }) => ({
    url: await signedDownloadUrl(world, origin, findLicense(world, params.id, ["sfx"])),
  }),

  getImageLicenseList: ({ world, params }) => history(world, ["images"], params.image_id, params),
  getVideoLicenseList: ({ world, params }) => history(world, ["videos"], params.video_id, params),
  getTrackLicenseList: ({ world, params }) => history(world, ["audio"], params.audio_id, params),
  getEditorialImageLicenseList: ({ world, params }) =>
    history(world, ["editorial-images"], params.image_id, params),
  getEditorialVideoLicenseList: ({ world, params }) =>
    history(world, ["editorial-videos"], params.video_id, params),
  getSfxLicenseList: ({ world, params }) => history(world, ["sfx"], params.sfx_id, params),
} satisfies Partial<Handlers>;

async function resultsEditorial(world: World, origin: string, outcomes: ReadonlyArray<LicenseOutcome>) {
  const data = [];
  for (const outcome of outcomes) {
    data.push(
      outcome.ok
        ? {
            editorial_id: outcome.license.asset_id,
            allotment_charge: outcome.license.allotment_charge,
            download: { url: await signedDownloadUrl(world, origin, outcome.license) },
          }
        : { editorial_id: outcome.assetId, error: outcome.error },
    );
  }
  return { data, page: 1, per_page: data.length, total_count: data.length };
}
