// Music tracks: search, details and the genre / mood / instrument vocabularies; the user's track
// collections; track licences, downloads and history.
import type { AudioRecord } from "../catalog/types.ts";
import { GENRES, INSTRUMENTS, MOODS } from "../catalog/vocab.ts";
import { presentAudio } from "../present/assets.ts";
import { paginate } from "../search/common.ts";
import type { HandlersOf } from "../world.ts";
import * as collections from "./shared/collections.ts";
import * as licensing from "./shared/licensing.ts";
import { between, compareBy, lookup, searchId } from "./shared/results.ts";

const lower = (values: ReadonlyArray<string> | undefined) => values?.map((value) => value.toLowerCase());

export const audioHandlers = {
  searchTracks: ({ params, world, origin }) => {
    const scores =
      params.query === undefined ? undefined : world.catalog.textIndex("audio").search(params.query);
    const genres = lower(params.genre);
    const moods = lower(params.moods);
    const instruments = lower(params.instruments);
    const artists = lower(params.artists);
    const vocal = params.vocal_description?.toLowerCase();
    const matches = (track: AudioRecord): boolean =>
      (genres === undefined ||
        genres.length === 0 ||
        track.genres.some((genre) => genres.includes(genre.toLowerCase()))) &&
      (moods === undefined ||
        moods.length === 0 ||
        track.moods.some((mood) => moods.includes(mood.toLowerCase()))) &&
      (instruments === undefined ||
        instruments.length === 0 ||
        track.instruments.some((instrument) => instruments.includes(instrument.toLowerCase()))) &&
      (artists === undefined ||
        artists.length === 0 ||
        track.artists.some((artist) => artists.includes(artist.toLowerCase()))) &&
      (params.is_instrumental === undefined || track.isInstrumental === params.is_instrumental) &&
      (vocal === undefined || track.vocalDescription.toLowerCase().includes(vocal)) &&
      (params.bpm === undefined || track.bpm === params.bpm) &&
      between(track.bpm, params.bpm_from, params.bpm_to) &&
      (params.duration === undefined || track.duration === params.duration) &&
      between(track.duration, params.duration_from, params.duration_to);
    const candidates =
      scores === undefined
        ? world.catalog.audio.map((record) => ({ record, text: 0 }))
        : [...scores].map(([index, text]) => ({ record: world.catalog.audio[index] as AudioRecord, text }));
    const found = candidates.filter((entry) => matches(entry.record));
    const sort = params.sort ?? (params.query === undefined ? "ranking_all" : "score");
    const descending = (params.sort_order ?? "desc") === "desc";
    type Entry = { readonly id: string; readonly record: AudioRecord; readonly text: number };
    const keyed: Entry[] = found.map((entry) => ({ ...entry, id: entry.record.id }));
    const key: Record<typeof sort, (entry: Entry) => number | string> = {
      score: (entry) => entry.text * 10 + entry.record.popularity,
      ranking_all: (entry) => entry.record.popularity,
      artist: (entry) => entry.record.artists[0] ?? "",
      title: (entry) => entry.record.title,
      bpm: (entry) => entry.record.bpm,
      freshness: (entry) => entry.record.added,
      duration: (entry) => entry.record.duration,
    };
    keyed.sort(compareBy(key[sort], descending));
    const page = paginate(keyed, params.page, params.per_page);
    return {
      ...page,
      data: page.data.map((entry) => presentAudio(entry.record, origin, params.view ?? "minimal")),
      search_id: searchId(),
    };
  },
  getTrack: ({ params, world, origin }) =>
    presentAudio(lookup(world.catalog.audioById, String(params.id), "Track"), origin, params.view ?? "full"),
  getTrackList: ({ params, world, origin }) => {
    const found = params.id.flatMap((id) => {
      const record = world.catalog.audioById.get(id);
      return record === undefined ? [] : [presentAudio(record, origin, params.view ?? "minimal")];
    });
    return { data: found, page: 1, per_page: found.length, total_count: found.length };
  },
  listGenres: () => ({ data: [...GENRES] }),
  listMoods: () => ({ data: [...MOODS] }),
  listInstruments: () => ({ data: [...INSTRUMENTS] }),

  getTrackCollectionList: ({ world, origin, params }) => collections.list(world, "audio", origin, params),
  createTrackCollection: ({ world, body, now }) => collections.create(world, "audio", body.name, now),
  getTrackCollection: ({ world, origin, params }) =>
    collections.presentCollection(
      collections.find(world, "audio", params.id, params.share_code),
      "audio",
      origin,
      params.embed,
    ),
  renameTrackCollection: ({ world, params, body, now }) =>
    collections.rename(world, "audio", params.id, body.name, now),
  deleteTrackCollection: ({ world, params }) => collections.remove(world, "audio", params.id),
  getTrackCollectionItems: ({ world, params }) => collections.items(world, "audio", params),
  addTrackCollectionItems: ({ world, params, body, now }) =>
    collections.addItems(world, "audio", params.id, body.items, now),
  deleteTrackCollectionItems: ({ world, params, now }) =>
    collections.removeItems(world, "audio", params.id, params.item_id, now),

  licenseTrack: async ({ world, origin, params, body, now }) => {
    const requests = body.audio.map(
      (item): licensing.LicenseRequest => ({
        kind: "audio",
        assetId: item.audio_id,
        license: item.license ?? params.license ?? "audio_platform",
        size: "original",
        format: "wav",
        searchId: item.search_id ?? params.search_id,
        problem: world.catalog.audioById.has(item.audio_id) ? undefined : `Track not found: ${item.audio_id}`,
      }),
    );
    const outcomes = await licensing.licenseAll(world, requests, now);
    const out = await licensing.results(world, origin, outcomes, "audio_id");
    return out;
  },
  downloadTracks: async ({ world, origin, params }) => ({
    url: await licensing.signedDownloadUrl(world, origin, licensing.findLicense(world, params.id, ["audio"])),
  }),
  getTrackLicenseList: ({ world, params }) => licensing.history(world, ["audio"], params.audio_id, params),
} satisfies HandlersOf<"audio">;
