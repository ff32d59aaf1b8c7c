// The one interface handlers use for computer vision: describe an upload's pixels, read the
// descriptors of catalog assets, and rank the catalog by similarity. The catalog side is implemented
// by search/visual.ts (`VisualSearch`); handlers see only this shape, through `world.visual`.
import type { RgbaImage } from "../imaging/index.ts";
import { describeVisual, type Neighbour, type VisualDescriptor } from "./index.ts";

export type { Neighbour, VisualDescriptor };

export interface VisualSimilarity {
  /** The descriptor of a decoded picture (an upload), comparable with the catalog's. */
  describe(image: RgbaImage): VisualDescriptor;
  /** The descriptor of a catalog image; undefined for an unknown id. */
  imageDescriptor(id: string): Promise<VisualDescriptor | undefined>;
  /** The key-frame descriptors of a catalog video; empty for an unknown id. */
  videoDescriptors(id: string): Promise<VisualDescriptor[]>;
  /** Catalog images ranked by similarity to `query`, best first; `accept` filters ids. */
  similarImages(
    query: VisualDescriptor,
    limit: number,
    accept?: (id: string) => boolean,
  ): Promise<Neighbour[]>;
  /** Catalog videos ranked by their best-matching key frame against any of `queries`. */
  similarVideos(
    queries: ReadonlyArray<VisualDescriptor>,
    limit: number,
    accept?: (id: string) => boolean,
  ): Promise<Neighbour[]>;
}

/** What the catalog's visual search provides; the facade adds describing uploads. */
export type CatalogVisualSearch = Omit<VisualSimilarity, "describe">;

export const visualSimilarity = (search: CatalogVisualSearch): VisualSimilarity => ({
  describe: describeVisual,
  imageDescriptor: (id) => search.imageDescriptor(id),
  videoDescriptors: (id) => search.videoDescriptors(id),
  similarImages: (query, limit, accept) => search.similarImages(query, limit, accept),
  similarVideos: (queries, limit, accept) => search.similarVideos(queries, limit, accept),
});
