// Sound effects: search and details; sound-effect licences, downloads and history.
import type { SfxRecord } from "../catalog/types.ts";
import { presentSfx } from "../present/assets.ts";
import { addedRange, inRange, paginate, seededShuffle } from "../search/common.ts";
import type { HandlersOf } from "../world.ts";
import * as licensing from "./shared/licensing.ts";
import { between, compareBy, lookup, randomSeed, searchId } from "./shared/results.ts";

export const soundEffectHandlers = {
  searchSFX: ({ params, world, origin, url }) => {
    const scores =
      params.query === undefined ? undefined : world.catalog.textIndex("sfx").search(params.query);
    const range = addedRange(params);
    const matches = (effect: SfxRecord): boolean =>
      (params.safe === false || !effect.isAdult) &&
      inRange(effect.added, range) &&
      (params.duration === undefined || Math.round(effect.duration) === params.duration) &&
      between(effect.duration, params.duration_from, params.duration_to);
    const candidates =
      scores === undefined
        ? world.catalog.sfx.map((record) => ({ record, text: 0, id: record.id }))
        : [...scores].map(([index, text]) => {
            const record = world.catalog.sfx[index] as SfxRecord;
            return { record, text, id: record.id };
          });
    const found = candidates.filter((entry) => matches(entry.record));
    const sort = params.sort ?? "popular";
    const ordered =
      sort === "random"
        ? seededShuffle(found, randomSeed(world.catalog.seed, url))
        : sort === "oldest"
          ? found.sort(compareBy((entry) => entry.record.added, false))
          : found.sort(
              compareBy(
                sort === "newest"
                  ? (entry) => entry.record.added
                  : sort === "relevance"
                    ? (entry) => entry.text * 10 + entry.record.popularity
                    : (entry) => entry.record.popularity,
                true,
              ),
            );
    const page = paginate(ordered, params.page, params.per_page);
    return {
      ...page,
      data: page.data.map((entry) => presentSfx(entry.record, origin, params.view ?? "minimal")),
      search_id: searchId(),
    };
  },
  getSfxDetails: ({ params, world, origin }) =>
    presentSfx(
      lookup(world.catalog.sfxById, String(params.id), "Sound effect"),
      origin,
      params.view ?? "minimal",
    ),
  getSfxListDetails: ({ params, world, origin }) => ({
    data: params.id.flatMap((id) => {
      const record = world.catalog.sfxById.get(id);
      return record === undefined ? [] : [presentSfx(record, origin, params.view ?? "minimal")];
    }),
  }),

  licensesSFX: async ({ world, origin, body, now }) => {
    const requests = body.sound_effects.map(
      (item): licensing.LicenseRequest => ({
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
    const outcomes = await licensing.licenseAll(world, requests, now);
    const data = [];
    for (const outcome of outcomes) {
      data.push(
        outcome.ok
          ? {
              sfx_id: outcome.license.asset_id,
              license_id: outcome.license.id,
              allotment_charge: outcome.license.allotment_charge,
              download: { url: await licensing.signedDownloadUrl(world, origin, outcome.license) },
            }
          : { sfx_id: outcome.assetId, error: outcome.error },
      );
    }
    return { data };
  },
  downloadSfx: async ({ world, origin, params }) => ({
    url: await licensing.signedDownloadUrl(world, origin, licensing.findLicense(world, params.id, ["sfx"])),
  }),
  getSfxLicenseList: ({ world, params }) => licensing.history(world, ["sfx"], params.sfx_id, params),
} satisfies HandlersOf<"sound_effects">;
