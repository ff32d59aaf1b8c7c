// Visual similarity over the catalog. Descriptors come from small renders of each picture; they are
// computed the first time a similarity query needs them (or when warmed up in the background) in
// chunks that yield to the event loop, so the server keeps answering while the index builds, and kept
// in the state's store when it has room for them (a --data directory), so a restart reads them back.
import type { Catalog } from "../catalog/build.ts";
import type { VideoRecord } from "../catalog/types.ts";
import { renderVideoFrames } from "../imaging/render.ts";
import { fitWithin } from "../imaging/resize.ts";
import type { DescriptorStore } from "../state/store.ts";
import {
  DESCRIPTOR_LENGTH,
  describePictureVisual,
  describeVisual,
  type Neighbour,
  type VisualDescriptor,
  VisualIndex,
  WORKING_SIZE,
} from "../vision/index.ts";

const CHUNK = 64;
export const VIDEO_KEY_FRAMES = 3;

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const videoKey = (id: string, frame: number): string => `${id}#${frame}`;

export const videoKeyFrames = (record: VideoRecord): VisualDescriptor[] => {
  const size = fitWithin(record.picture.width, record.picture.height, WORKING_SIZE);
  return renderVideoFrames(record.picture.spec, VIDEO_KEY_FRAMES, size.width, size.height).map(
    describeVisual,
  );
};

/** Names what produced a set of descriptors: the catalog, and the algorithm through a sample's hash. */
const fingerprintOf = async (
  kind: string,
  catalog: Catalog,
  count: number,
  sample: VisualDescriptor | undefined,
) => {
  const bytes =
    sample === undefined
      ? new Uint8Array(0)
      : new Uint8Array(sample.buffer, sample.byteOffset, sample.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes.slice()));
  const hash = Array.from(digest.subarray(0, 12), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${kind}/seed ${catalog.seed}/${count}/${DESCRIPTOR_LENGTH}/${hash}`;
};

export class VisualSearch {
  private readonly catalog: Catalog;
  private readonly stored: DescriptorStore | undefined;
  private imagesIndex: Promise<VisualIndex> | undefined;
  private videosIndex: Promise<VisualIndex> | undefined;

  constructor(catalog: Catalog, stored?: DescriptorStore) {
    this.catalog = catalog;
    this.stored = stored;
  }

  /**
   * An index of `count` items, each with `frames` descriptors: those stored under the current
   * fingerprint are read back, the rest computed in chunks that yield, then stored.
   */
  private async build(
    kind: string,
    count: number,
    frames: number,
    keysOf: (item: number) => ReadonlyArray<string>,
    describe: (item: number) => ReadonlyArray<VisualDescriptor>,
  ): Promise<VisualIndex> {
    const index = new VisualIndex(Math.max(1, count * frames));
    const sample = count > 0 ? describe(0)[0] : undefined;
    const fingerprint = await fingerprintOf(kind, this.catalog, count, sample);
    const known = this.load(kind, fingerprint);
    const entries: Array<readonly [string, VisualDescriptor]> = [];
    let computed = 0;
    const chunk = Math.max(1, Math.floor(CHUNK / frames));
    for (let start = 0; start < count; start += chunk) {
      const before = computed;
      for (let item = start; item < Math.min(count, start + chunk); item++) {
        const keys = keysOf(item);
        const found = keys.map((key) => known.get(key));
        const descriptors = found.every((descriptor) => descriptor !== undefined)
          ? (found as VisualDescriptor[])
          : describe(item);
        keys.forEach((key, frame) => {
          const descriptor = descriptors[frame];
          if (descriptor === undefined) return;
          index.add(key, descriptor);
          entries.push([key, descriptor]);
          if (found[frame] === undefined) computed++;
        });
      }
      if (computed > before || start === 0) await pause();
    }
    if (computed > 0) this.save(kind, fingerprint, entries);
    return index;
  }

  // The stored descriptors are a cache: a store that cannot give or take them (closed while the index
  // was building, read-only) costs a recomputation, never a failed query.
  private load(kind: string, fingerprint: string): Map<string, VisualDescriptor> {
    try {
      return this.stored?.load(kind, fingerprint) ?? new Map();
    } catch {
      return new Map();
    }
  }

  private save(
    kind: string,
    fingerprint: string,
    entries: ReadonlyArray<readonly [string, VisualDescriptor]>,
  ): void {
    try {
      this.stored?.save(kind, fingerprint, entries);
    } catch {
      // See `load`.
    }
  }

  images(): Promise<VisualIndex> {
    const images = this.catalog.images;
    this.imagesIndex ??= this.build(
      "images",
      images.length,
      1,
      (item) => [images[item]?.id ?? ""],
      (item) => {
        const image = images[item];
        return image === undefined ? [] : [describePictureVisual(image.picture.spec)];
      },
    );
    return this.imagesIndex;
  }

  /** Video key frames, keyed `<id>#<frame>`. */
  videos(): Promise<VisualIndex> {
    const videos = this.catalog.videos;
    this.videosIndex ??= this.build(
      "videos",
      videos.length,
      VIDEO_KEY_FRAMES,
      (item) =>
        Array.from({ length: VIDEO_KEY_FRAMES }, (_, frame) => videoKey(videos[item]?.id ?? "", frame)),
      (item) => {
        const video = videos[item];
        return video === undefined ? [] : videoKeyFrames(video);
      },
    );
    return this.videosIndex;
  }

  /** Starts building both indexes without waiting. */
  warm(): void {
    void this.images().then(() => this.videos());
  }

  /** Images ranked by similarity to `query`; `accept` filters ids. */
  async similarImages(
    query: VisualDescriptor,
    limit: number,
    accept?: (id: string) => boolean,
  ): Promise<Neighbour[]> {
    return (await this.images()).nearest(query, limit, accept);
  }

  /** Videos ranked by their best-matching key frame. */
  async similarVideos(
    queries: ReadonlyArray<VisualDescriptor>,
    limit: number,
    accept?: (id: string) => boolean,
  ): Promise<Neighbour[]> {
    const index = await this.videos();
    const best = new Map<string, number>();
    const accepted = (key: string) => {
      const id = key.slice(0, key.indexOf("#"));
      return accept === undefined || accept(id);
    };
    for (const query of queries) {
      for (const neighbour of index.nearest(query, (limit + 1) * VIDEO_KEY_FRAMES * 2, accepted)) {
        const id = neighbour.id.slice(0, neighbour.id.indexOf("#"));
        best.set(id, Math.max(best.get(id) ?? 0, neighbour.score));
      }
    }
    return [...best.entries()]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  async imageDescriptor(id: string): Promise<VisualDescriptor | undefined> {
    return (await this.images()).descriptorOf(id);
  }

  async videoDescriptors(id: string): Promise<VisualDescriptor[]> {
    const index = await this.videos();
    const out: VisualDescriptor[] = [];
    for (let frame = 0; frame < VIDEO_KEY_FRAMES; frame++) {
      const descriptor = index.descriptorOf(videoKey(id, frame));
      if (descriptor !== undefined) out.push(descriptor);
    }
    return out;
  }
}
