// Visual similarity over the catalog. Descriptors come from small renders of each picture; they are
// computed the first time a similarity query needs them (or when warmed up in the background) in
// chunks that yield to the event loop, so the server keeps answering while the index builds.
import type { Catalog } from "../catalog/build.ts";
import type { VideoRecord } from "../catalog/types.ts";
import { renderVideoFrames } from "../imaging/render.ts";
import { fitWithin } from "../imaging/resize.ts";
import {
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

export class VisualSearch {
  private readonly catalog: Catalog;
  private imagesIndex: Promise<VisualIndex> | undefined;
  private videosIndex: Promise<VisualIndex> | undefined;

  constructor(catalog: Catalog) {
    this.catalog = catalog;
  }

  images(): Promise<VisualIndex> {
    this.imagesIndex ??= (async () => {
      const index = new VisualIndex(Math.max(1, this.catalog.images.length));
      for (let start = 0; start < this.catalog.images.length; start += CHUNK) {
        for (const image of this.catalog.images.slice(start, start + CHUNK)) {
          index.add(image.id, describePictureVisual(image.picture.spec));
        }
        await pause();
      }
      return index;
    })();
    return this.imagesIndex;
  }

  /** Video key frames, keyed `<id>#<frame>`. */
  videos(): Promise<VisualIndex> {
    this.videosIndex ??= (async () => {
      const index = new VisualIndex(Math.max(1, this.catalog.videos.length * VIDEO_KEY_FRAMES));
      for (let start = 0; start < this.catalog.videos.length; start += CHUNK / VIDEO_KEY_FRAMES) {
        for (const video of this.catalog.videos.slice(start, start + CHUNK / VIDEO_KEY_FRAMES)) {
          videoKeyFrames(video).forEach((descriptor, frame) => {
            index.add(videoKey(video.id, frame), descriptor);
          });
        }
        await pause();
      }
      return index;
    })();
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
