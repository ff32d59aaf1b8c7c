// Licensing, shared by the licence, download and history operations of images, videos, audio, sound
// effects and editorial: each licence draws on a subscription's allotment (downloads_left goes down),
// is recorded in the history, and comes with a signed, expiring download URL the sandbox serves itself.
import type { schemas } from "@shutterkit/core/generated";
import { DAY_MS, paginate, parseDateTime } from "../../search/common.ts";
import { notFound } from "../../server/errors.ts";
import { nextId, SANDBOX_USER } from "../../state/initial.ts";
import type { LicenseKind, LicenseState, SandboxState, SubscriptionState } from "../../state/model.ts";
import type { World } from "../../world.ts";

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

export interface LicenseRequest {
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

export const metadataOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0
    ? (value as Record<string, unknown>)
    : undefined;

/** Licenses a batch in one state mutation, so allotments are charged exactly once per licence. */
export const licenseAll = async (
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

export const findLicense = (world: World, id: string, kinds: ReadonlyArray<LicenseKind>): LicenseState => {
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

export const history = (
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

export const results = async <K extends string>(
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

export const subscriptionLicense = (
  state: SandboxState,
  kind: LicenseKind,
  requested: string | undefined,
): string => {
  const subscription = pickSubscription(state, kind, requested);
  return typeof subscription === "string" ? "standard" : subscription.license;
};

/** The answer of the editorial licence operations (they name the item `editorial_id` and give no licence id). */
export async function editorialResults(
  world: World,
  origin: string,
  outcomes: ReadonlyArray<LicenseOutcome>,
) {
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
