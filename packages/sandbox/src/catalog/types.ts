// The generated catalog: plain records built once from the seed. Pixels are not part of it; they are
// rendered on demand from each record's picture spec.
import type { PictureSpec } from "../imaging/picture.ts";
import type { Rgb } from "../search/common.ts";

export interface CategoryRef {
  readonly id: string;
  readonly name: string;
}

export interface PictureFacts {
  readonly spec: PictureSpec;
  readonly title: string;
  readonly description: string;
  readonly keywords: ReadonlyArray<string>;
  readonly colors: ReadonlyArray<{ readonly name: string; readonly hex: string; readonly rgb: Rgb }>;
  readonly isIllustration: boolean;
  /** Nominal full size of the original, in pixels. */
  readonly width: number;
  readonly height: number;
}

interface Dated {
  /** Epoch ms of the day the asset was added (UTC midnight). */
  readonly added: number;
  /** Epoch ms of the last change and what changed, for the "updated" feeds. */
  readonly updated: number;
  readonly updates: ReadonlyArray<"addition" | "edit">;
  /** 0..1; drives `sort=popular`. */
  readonly popularity: number;
}

export interface ImageRecord extends Dated {
  readonly kind: "image";
  readonly id: string;
  readonly index: number;
  readonly picture: PictureFacts;
  readonly imageType: "photo" | "illustration" | "vector";
  readonly contributorId: string;
  readonly contributorCountry: string;
  readonly categories: ReadonlyArray<CategoryRef>;
  readonly isAdult: boolean;
  readonly isEditorial: boolean;
  readonly hasModelRelease: boolean;
  readonly hasPropertyRelease: boolean;
  readonly models: ReadonlyArray<string>;
  readonly peopleNumber: number;
}

export interface VideoRecord extends Dated {
  readonly kind: "video";
  readonly id: string;
  readonly index: number;
  readonly picture: PictureFacts;
  readonly contributorId: string;
  readonly contributorCountry: string;
  readonly categories: ReadonlyArray<CategoryRef>;
  readonly duration: number;
  readonly fps: number;
  /** Largest available rendition. */
  readonly resolution: "4k" | "hd" | "sd";
  readonly isAdult: boolean;
  readonly isEditorial: boolean;
  readonly hasModelRelease: boolean;
  readonly hasPropertyRelease: boolean;
  readonly models: ReadonlyArray<string>;
  readonly peopleNumber: number;
}

export interface AudioRecord extends Dated {
  readonly kind: "audio";
  readonly id: string;
  readonly index: number;
  readonly title: string;
  readonly description: string;
  readonly keywords: ReadonlyArray<string>;
  readonly genres: ReadonlyArray<string>;
  readonly moods: ReadonlyArray<string>;
  readonly instruments: ReadonlyArray<string>;
  readonly artists: ReadonlyArray<string>;
  readonly album: { readonly id: string; readonly title: string };
  readonly bpm: number;
  readonly duration: number;
  readonly isInstrumental: boolean;
  readonly vocalDescription: string;
  readonly contributorId: string;
  readonly isAdult: boolean;
}

export interface SfxRecord extends Dated {
  readonly kind: "sfx";
  readonly id: string;
  readonly index: number;
  readonly title: string;
  readonly description: string;
  readonly keywords: ReadonlyArray<string>;
  readonly duration: number;
  readonly artist: string;
  readonly contributorId: string;
  readonly isAdult: boolean;
}

export interface EditorialRecord {
  readonly kind: "editorial-image" | "editorial-video";
  readonly id: string;
  readonly index: number;
  readonly picture: PictureFacts;
  readonly title: string;
  readonly description: string;
  readonly caption: string;
  readonly byline: string;
  readonly supplierCode: string;
  readonly category: string;
  readonly keywords: ReadonlyArray<string>;
  /** Epoch ms. */
  readonly taken: number;
  readonly created: number;
  readonly updated: number;
  readonly updates: ReadonlyArray<"addition" | "edit" | "takedown">;
  /** Countries (ISO alpha-3) where the item may not be used; empty when available everywhere. */
  readonly restrictedIn: ReadonlyArray<string>;
  readonly livefeedId: string;
  readonly popularity: number;
  /** Video only. */
  readonly duration?: number;
  readonly fps?: number;
}

export interface LivefeedRecord {
  readonly id: string;
  readonly name: string;
  readonly created: number;
  readonly kind: "editorial-image" | "editorial-video";
  readonly itemIds: ReadonlyArray<string>;
}

export interface ContributorRecord {
  readonly id: string;
  readonly displayName: string;
  readonly country: string;
  readonly about: string;
  readonly types: ReadonlyArray<string>;
  readonly equipment: ReadonlyArray<string>;
  readonly styles: ReadonlyArray<string>;
  readonly subjects: ReadonlyArray<string>;
  readonly slug: string;
}

export interface ContributorSetRecord {
  readonly id: string;
  readonly contributorId: string;
  readonly name: string;
  readonly created: number;
  readonly itemIds: ReadonlyArray<string>;
}

export interface FeaturedCollectionRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: "image" | "video";
  readonly created: number;
  readonly itemIds: ReadonlyArray<string>;
}
