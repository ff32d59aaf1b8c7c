// Builds the whole catalog from one seed. Every section draws from its own forked random stream, so
// changing the size of one section never changes the content of another.
import { makeRng, type Rng } from "../random.ts";
import { DAY_MS } from "../search/common.ts";
import { TextIndex } from "../search/text.ts";
import { categoriesOf, generatePicture, imageTypeOf } from "./pictures.ts";
import type {
  AudioRecord,
  ContributorRecord,
  ContributorSetRecord,
  EditorialRecord,
  FeaturedCollectionRecord,
  ImageRecord,
  LivefeedRecord,
  SfxRecord,
  VideoRecord,
} from "./types.ts";
import {
  ARTIST_FIRST,
  ARTIST_LAST,
  CITIES,
  CONTRIBUTOR_TYPES,
  COUNTRIES,
  EDITORIAL_CATEGORIES,
  EQUIPMENT,
  EVENT_KINDS,
  GENRES,
  INSTRUMENTS,
  MOODS,
  SFX_SOURCES,
  STYLES,
  SUBJECTS,
  SUPPLIERS,
  TEAMS,
  TRACK_WORDS_A,
  TRACK_WORDS_B,
  WORKS,
} from "./vocab.ts";

export interface CatalogSize {
  readonly images?: number;
  readonly videos?: number;
  readonly audio?: number;
  readonly sfx?: number;
  readonly editorialImages?: number;
  readonly editorialVideos?: number;
  readonly contributors?: number;
}

export const DEFAULT_CATALOG_SIZE: Required<CatalogSize> = {
  images: 2000,
  videos: 300,
  audio: 300,
  sfx: 150,
  editorialImages: 150,
  editorialVideos: 60,
  contributors: 60,
};

/** The catalog's "today": dates are fixed so the same seed gives byte-identical answers. */
export const CATALOG_NOW = Date.UTC(2025, 9, 15);
const CATALOG_START = Date.UTC(2016, 0, 1);

const dayOf = (time: number): number => Math.floor(time / DAY_MS) * DAY_MS;

const sample = <T>(rng: Rng, items: ReadonlyArray<T>, min: number, max: number): T[] => {
  const pool = [...items];
  const count = Math.min(pool.length, rng.int(min, max));
  const out: T[] = [];
  for (let index = 0; index < count; index++) {
    const pick = rng.int(0, pool.length - 1);
    out.push(pool[pick] as T);
    pool.splice(pick, 1);
  }
  return out;
};

const slug = (text: string): string =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/[\s_]+/g, "-");

const dated = (rng: Rng) => {
  const added = dayOf(CATALOG_START + rng.next() * (CATALOG_NOW - CATALOG_START - DAY_MS));
  const edited = rng.chance(0.3);
  const updated = edited ? added + rng.next() * (CATALOG_NOW - added) : added + rng.int(1, 86_000) * 1000;
  return {
    added,
    updated: Math.floor(updated),
    updates: edited ? (["addition", "edit"] as const) : (["addition"] as const),
    popularity: rng.next() ** 2,
  };
};

const listPhrase = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

const buildContributors = (rng: Rng, count: number): ContributorRecord[] =>
  Array.from({ length: count }, (_, index) => {
    const r = rng.fork(`contributor/${index}`);
    const name = `${r.pick(ARTIST_FIRST)} ${r.pick(ARTIST_LAST)}`;
    const types = index % 5 === 4 ? ["musician"] : sample(r, CONTRIBUTOR_TYPES.slice(0, 3), 1, 2);
    return {
      id: String(200_000_000 + index * 9973 + r.int(0, 9000)),
      displayName: name,
      country: r.pick(COUNTRIES),
      about: `${name} makes ${types.join(" and ")} work in a ${r.pick(STYLES)} style.`,
      types,
      equipment: sample(r, EQUIPMENT, 1, 3),
      styles: sample(r, STYLES, 1, 3),
      subjects: sample(r, SUBJECTS, 2, 4),
      slug: slug(name),
    };
  });

const buildImages = (rng: Rng, count: number, visual: ContributorRecord[]): ImageRecord[] =>
  Array.from({ length: count }, (_, index) => {
    const r = rng.fork(`image/${index}`);
    const picture = generatePicture(r.fork("picture"));
    const contributor = r.pick(visual);
    return {
      kind: "image",
      id: String(1_500_000_000 + index * 1013 + r.int(0, 999)),
      index,
      picture,
      imageType: imageTypeOf(picture),
      contributorId: contributor.id,
      contributorCountry: contributor.country,
      categories: categoriesOf(picture, "image"),
      ...dated(r),
      isAdult: false,
      isEditorial: r.chance(0.05),
      hasModelRelease: false,
      hasPropertyRelease: false,
      models: [],
      peopleNumber: 0,
    };
  });

const VIDEO_SIZES = {
  horizontal: [3840, 2160],
  vertical: [2160, 3840],
  square: [2160, 2160],
} as const;

const buildVideos = (rng: Rng, count: number, visual: ContributorRecord[]): VideoRecord[] =>
  Array.from({ length: count }, (_, index) => {
    const r = rng.fork(`video/${index}`);
    const still = generatePicture(r.fork("picture"));
    const [width, height] = VIDEO_SIZES[still.spec.orientation];
    const spec = { ...still.spec, width, height };
    const picture = {
      ...still,
      spec,
      width,
      height,
      title: `${still.title}, drifting and turning slowly`,
      description: `Animation: ${still.description} The shapes drift and turn slowly.`,
      keywords: [...still.keywords, "animation", "motion", "moving"],
    };
    const contributor = r.pick(visual);
    const resolution = r.pick(["4k", "hd", "hd", "sd"] as const);
    return {
      kind: "video",
      id: String(1_000_000_000 + index * 1013 + r.int(0, 999)),
      index,
      picture,
      contributorId: contributor.id,
      contributorCountry: contributor.country,
      categories: categoriesOf(picture, "video"),
      duration: r.int(5, 60),
      fps: r.pick([23.976, 24, 25, 29.97, 30, 60]),
      resolution,
      ...dated(r),
      isAdult: false,
      isEditorial: r.chance(0.05),
      hasModelRelease: false,
      hasPropertyRelease: false,
      models: [],
      peopleNumber: 0,
    };
  });

const buildAudio = (rng: Rng, count: number, musicians: ContributorRecord[]): AudioRecord[] =>
  Array.from({ length: count }, (_, index) => {
    const r = rng.fork(`audio/${index}`);
    const genres = sample(r, GENRES, 1, 3);
    const moods = sample(r, MOODS, 2, 5);
    const instruments = sample(r, INSTRUMENTS, 2, 4).filter((name) => name !== "Vocals");
    const isInstrumental = r.chance(0.75);
    const vocalDescription = isInstrumental
      ? ""
      : r.pick(["Female vocals", "Male vocals", "Choir", "Duet vocals"]);
    const artist = r.pick(musicians);
    const title = `${r.pick(TRACK_WORDS_A)} ${r.pick(TRACK_WORDS_B)}`;
    const mood = (moods[0] ?? "calm").toLowerCase();
    const genre = genres[0] ?? "Ambient";
    const description = `${mood.charAt(0).toUpperCase()}${mood.slice(1)} ${genre} track featuring ${listPhrase(
      instruments.map((name) => name.toLowerCase()),
    )}${isInstrumental ? "" : ` and ${vocalDescription.toLowerCase()}`}.`;
    const keywords = [
      ...new Set([
        ...moods.map((word) => word.toLowerCase()),
        ...genres.flatMap((word) => word.toLowerCase().split("/")),
        ...instruments.map((word) => word.toLowerCase()),
        isInstrumental ? "instrumental" : "vocals",
      ]),
    ];
    const albumIndex = Math.floor(index / 6);
    return {
      kind: "audio",
      id: String(400_000 + index * 37 + r.int(0, 36)),
      index,
      title,
      description,
      keywords,
      genres,
      moods,
      instruments,
      artists: [artist.displayName],
      album: {
        id: String(70_000 + albumIndex),
        title: `${TRACK_WORDS_B[albumIndex % TRACK_WORDS_B.length]} Sessions`,
      },
      bpm: r.int(60, 160),
      duration: r.int(45, 240),
      isInstrumental,
      vocalDescription,
      contributorId: artist.id,
      ...dated(r),
      isAdult: false,
    };
  });

const buildSfx = (rng: Rng, count: number, musicians: ContributorRecord[]): SfxRecord[] =>
  Array.from({ length: count }, (_, index) => {
    const r = rng.fork(`sfx/${index}`);
    const source = r.pick(SFX_SOURCES);
    const verb = r.pick(source.verbs);
    const artist = r.pick(musicians);
    const duration = Math.round((0.5 + r.next() * 9.5) * 100) / 100;
    return {
      kind: "sfx",
      id: String(100_000 + index * 29 + r.int(0, 28)),
      index,
      title: `${source.noun.charAt(0).toUpperCase()}${source.noun.slice(1)} ${verb}`,
      description: `Sound effect: ${source.noun} ${verb}, ${duration.toFixed(1)} seconds.`,
      keywords: [...source.keywords, verb, "sound effect"],
      duration,
      artist: artist.displayName,
      contributorId: artist.id,
      ...dated(r),
      isAdult: false,
    };
  });

interface EditorialBuild {
  readonly items: EditorialRecord[];
  readonly feeds: LivefeedRecord[];
}

const buildEditorial = (
  rng: Rng,
  kind: "editorial-image" | "editorial-video",
  count: number,
): EditorialBuild => {
  const items: EditorialRecord[] = [];
  const feeds: LivefeedRecord[] = [];
  let feedIndex = 0;
  while (items.length < count) {
    const r = rng.fork(`${kind}/feed/${feedIndex}`);
    const event = r.pick(EVENT_KINDS);
    const place = r.pick(CITIES);
    const [team, team2] = sample(r, TEAMS, 2, 2);
    const name = event.pattern
      .replace("{team}", team ?? "Harbor United")
      .replace("{team2}", team2 ?? "Red Valley")
      .replace("{city}", place.city)
      .replace("{work}", r.pick(WORKS))
      .replace("{artist}", `${r.pick(ARTIST_FIRST)} ${r.pick(ARTIST_LAST)}`);
    const day = dayOf(CATALOG_NOW - r.int(1, 720) * DAY_MS);
    const dateText = new Date(day).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    const supplier = r.pick(SUPPLIERS);
    const feedName = `${name}, ${place.city}, ${place.country} - ${dateText}`;
    const size = Math.min(count - items.length, r.int(3, 9));
    const ids: string[] = [];
    for (let offset = 0; offset < size; offset++) {
      const index = items.length;
      const ir = r.fork(`item/${offset}`);
      const picture = generatePicture(ir.fork("picture"));
      const letter = kind === "editorial-image" ? ir.pick(["a", "b", "c", "d", "e", "n", "q", "x"]) : "a";
      const base = kind === "editorial-image" ? 9_000_000 : 10_600_000;
      const id = `${base + index * 17 + ir.int(0, 16)}${letter}`;
      const taken = day + ir.int(8, 22) * 3_600_000 + ir.int(0, 3599) * 1000;
      const photographer = `${ir.pick(ARTIST_FIRST)} ${ir.pick(ARTIST_LAST)}`;
      const edited = ir.chance(0.25);
      const takedown = ir.chance(0.03);
      items.push({
        kind,
        id,
        index,
        picture,
        title: `${name}, ${place.city}, ${place.country} - ${dateText}`,
        description: `${name} in ${place.city}, ${place.country}, on ${dateText}. Pictured: ${picture.description}`,
        caption: "",
        byline: `${photographer}/${supplier.byline}/Shutterstock`,
        supplierCode: supplier.code,
        category: event.category,
        keywords: [
          ...new Set([
            ...event.keywords,
            place.city.toLowerCase(),
            place.country.toLowerCase(),
            ...picture.keywords.slice(0, 8),
          ]),
        ],
        taken,
        created: taken + 3_600_000,
        updated: edited || takedown ? taken + ir.int(2, 200) * 3_600_000 : taken + 3_600_000,
        updates: takedown ? ["addition", "takedown"] : edited ? ["addition", "edit"] : ["addition"],
        restrictedIn: ir.chance(0.1) ? [ir.pick(["GBR", "FRA", "DEU", "JPN"])] : [],
        livefeedId: slug(`${new Date(day).toISOString().slice(0, 10)} ${name}`),
        popularity: ir.next(),
        ...(kind === "editorial-video" ? { duration: ir.int(8, 90), fps: ir.pick([25, 29.97, 30]) } : {}),
      });
      ids.push(id);
    }
    feeds.push({
      id: slug(`${new Date(day).toISOString().slice(0, 10)} ${name}`),
      name: feedName,
      created: day,
      kind,
      itemIds: ids,
    });
    feedIndex++;
  }
  return { items, feeds };
};

const FEATURED_THEMES: ReadonlyArray<readonly [string, string]> = [
  ["Hearts and love", "heart"],
  ["Stars", "star"],
  ["Circles and rings", "round"],
  ["Triangles", "triangle"],
  ["Hexagons", "hexagon"],
  ["Crescent moons", "crescent"],
  ["Minimal", "minimal"],
  ["Copy space", "copy space"],
  ["Gradients", "gradient"],
  ["Patterns", "pattern"],
  ["Grain and texture", "grain"],
  ["Dark backgrounds", "dark"],
  ["Isolated on white", "isolated"],
  ["Red", "red"],
  ["Blue", "blue"],
  ["Green", "green"],
  ["Yellow", "yellow"],
  ["Purple", "purple"],
];

const buildFeatured = (
  kind: "image" | "video",
  assets: ReadonlyArray<ImageRecord | VideoRecord>,
  limit: number,
): FeaturedCollectionRecord[] => {
  const out: FeaturedCollectionRecord[] = [];
  FEATURED_THEMES.forEach(([name, keyword], index) => {
    const matches = assets
      .filter((asset) => asset.picture.keywords.includes(keyword))
      .sort((a, b) => b.popularity - a.popularity)
      .slice(0, limit)
      .map((asset) => asset.id);
    if (matches.length < 3) return;
    out.push({
      id: String((kind === "image" ? 19_800 : 29_800) + index * 7),
      name,
      kind,
      created: CATALOG_NOW - (index + 1) * 9 * DAY_MS,
      itemIds: matches,
    });
  });
  return out;
};

const buildContributorSets = (
  rng: Rng,
  contributors: ReadonlyArray<ContributorRecord>,
  images: ReadonlyArray<ImageRecord>,
): ContributorSetRecord[] => {
  const byContributor = new Map<string, ImageRecord[]>();
  for (const image of images) {
    const list = byContributor.get(image.contributorId) ?? [];
    list.push(image);
    byContributor.set(image.contributorId, list);
  }
  const out: ContributorSetRecord[] = [];
  contributors.forEach((contributor, index) => {
    const own = byContributor.get(contributor.id) ?? [];
    if (own.length === 0) return;
    const r = rng.fork(`set/${index}`);
    const sets = r.int(1, 2);
    for (let set = 0; set < sets; set++) {
      const items = sample(r, own, Math.min(3, own.length), Math.min(24, own.length)).map(
        (image) => image.id,
      );
      out.push({
        id: String(300_000_000 + index * 101 + set),
        contributorId: contributor.id,
        name:
          set === 0
            ? `${contributor.displayName}: best of`
            : `${contributor.displayName}: ${r.pick(STYLES)} picks`,
        created: CATALOG_NOW - r.int(10, 900) * DAY_MS,
        itemIds: items,
      });
    }
  });
  return out;
};

const indexBy = <T extends { readonly id: string }>(items: ReadonlyArray<T>): Map<string, T> =>
  new Map(items.map((item) => [item.id, item]));

export class Catalog {
  readonly seed: number;
  readonly contributors: ReadonlyArray<ContributorRecord>;
  readonly images: ReadonlyArray<ImageRecord>;
  readonly videos: ReadonlyArray<VideoRecord>;
  readonly audio: ReadonlyArray<AudioRecord>;
  readonly sfx: ReadonlyArray<SfxRecord>;
  readonly editorialImages: ReadonlyArray<EditorialRecord>;
  readonly editorialVideos: ReadonlyArray<EditorialRecord>;
  readonly livefeeds: ReadonlyArray<LivefeedRecord>;
  readonly featured: ReadonlyArray<FeaturedCollectionRecord>;
  readonly contributorSets: ReadonlyArray<ContributorSetRecord>;

  readonly imageById: ReadonlyMap<string, ImageRecord>;
  readonly videoById: ReadonlyMap<string, VideoRecord>;
  readonly audioById: ReadonlyMap<string, AudioRecord>;
  readonly sfxById: ReadonlyMap<string, SfxRecord>;
  readonly editorialById: ReadonlyMap<string, EditorialRecord>;
  readonly contributorById: ReadonlyMap<string, ContributorRecord>;
  readonly livefeedById: ReadonlyMap<string, LivefeedRecord>;
  readonly featuredById: ReadonlyMap<string, FeaturedCollectionRecord>;
  readonly contributorSetById: ReadonlyMap<string, ContributorSetRecord>;

  private readonly indexes = new Map<string, TextIndex>();

  constructor(seed: number, size: CatalogSize = {}) {
    const sizes = { ...DEFAULT_CATALOG_SIZE, ...size };
    const rng = makeRng(seed);
    this.seed = seed;
    this.contributors = buildContributors(rng.fork("contributors"), Math.max(2, sizes.contributors));
    const visual = this.contributors.filter((contributor) => !contributor.types.includes("musician"));
    const musicians = this.contributors.filter((contributor) => contributor.types.includes("musician"));
    this.images = buildImages(rng.fork("images"), sizes.images, visual);
    this.videos = buildVideos(rng.fork("videos"), sizes.videos, visual);
    this.audio = buildAudio(rng.fork("audio"), sizes.audio, musicians);
    this.sfx = buildSfx(rng.fork("sfx"), sizes.sfx, musicians);
    const editorialImages = buildEditorial(
      rng.fork("editorial-images"),
      "editorial-image",
      sizes.editorialImages,
    );
    const editorialVideos = buildEditorial(
      rng.fork("editorial-videos"),
      "editorial-video",
      sizes.editorialVideos,
    );
    this.editorialImages = editorialImages.items;
    this.editorialVideos = editorialVideos.items;
    this.livefeeds = [...editorialImages.feeds, ...editorialVideos.feeds];
    this.featured = [...buildFeatured("image", this.images, 48), ...buildFeatured("video", this.videos, 24)];
    this.contributorSets = buildContributorSets(rng.fork("sets"), this.contributors, this.images);

    this.imageById = indexBy(this.images);
    this.videoById = indexBy(this.videos);
    this.audioById = indexBy(this.audio);
    this.sfxById = indexBy(this.sfx);
    this.editorialById = indexBy([...this.editorialImages, ...this.editorialVideos]);
    this.contributorById = indexBy(this.contributors);
    this.livefeedById = indexBy(this.livefeeds);
    this.featuredById = indexBy(this.featured);
    this.contributorSetById = indexBy(this.contributorSets);
  }

  /** Text indexes are built on the first search of each kind. */
  textIndex(
    kind: "images" | "videos" | "audio" | "sfx" | "editorial-images" | "editorial-videos",
  ): TextIndex {
    let index = this.indexes.get(kind);
    if (index !== undefined) return index;
    switch (kind) {
      case "images":
      case "videos":
        index = new TextIndex(
          (kind === "images" ? this.images : this.videos).map((asset) => [
            { text: asset.picture.title, weight: 3 },
            { text: asset.picture.keywords.join(" "), weight: 2 },
            { text: asset.picture.description, weight: 1 },
          ]),
        );
        break;
      case "audio":
        index = new TextIndex(
          this.audio.map((track) => [
            { text: track.title, weight: 3 },
            {
              text: [...track.keywords, ...track.genres, ...track.moods, ...track.artists].join(" "),
              weight: 2,
            },
            { text: track.description, weight: 1 },
          ]),
        );
        break;
      case "sfx":
        index = new TextIndex(
          this.sfx.map((effect) => [
            { text: effect.title, weight: 3 },
            { text: effect.keywords.join(" "), weight: 2 },
            { text: effect.description, weight: 1 },
          ]),
        );
        break;
      default:
        index = new TextIndex(
          (kind === "editorial-images" ? this.editorialImages : this.editorialVideos).map((item) => [
            { text: item.title, weight: 3 },
            { text: item.keywords.join(" "), weight: 2 },
            { text: `${item.description} ${item.byline}`, weight: 1 },
          ]),
        );
    }
    this.indexes.set(kind, index);
    return index;
  }
}

export const EDITORIAL_CATEGORY_NAMES = EDITORIAL_CATEGORIES;
