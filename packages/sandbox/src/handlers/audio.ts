// Music tracks and sound effects: search, details, and the genre / mood / instrument vocabularies.
import type { AudioRecord, SfxRecord } from "../catalog/types.ts";
import { GENRES, INSTRUMENTS, MOODS } from "../catalog/vocab.ts";
import { presentAudio, presentSfx } from "../present/assets.ts";
import { addedRange, inRange, paginate, seededShuffle } from "../search/common.ts";
import type { Handlers } from "../world.ts";
import { lookup, randomSeed, searchId } from "./shared/results.ts";

const between = (value: number, from: number | undefined, to: number | undefined): boolean =>
  (from === undefined || value >= from) && (to === undefined || value <= to);

const lower = (values: ReadonlyArray<string> | undefined) => values?.map((value) => value.toLowerCase());

const compareBy =
  <T extends { readonly id: string }>(key: (item: T) => number | string, descending: boolean) =>
  (a: T, b: T): number => {
    const left = key(a);
    const right = key(b);
    const order = left < right ? -1 : left > right ? 1 : 0;
    return (descending ? -order : order) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };

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
} satisfies Partial<Handlers>;
