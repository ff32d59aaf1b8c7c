// Featured collections (curated by theme from the catalog), shared by the featured-collection
// operations of images and videos.
import type { schemas } from "@shutterkit/core/generated";
import type { FeaturedCollectionRecord } from "../../catalog/types.ts";
import { imageAssetUrl, videoStillUrl } from "../../present/assets.ts";
import { paginate } from "../../search/common.ts";
import { notFound } from "../../server/errors.ts";
import type { World } from "../../world.ts";
import { iso } from "./results.ts";

/** A featured collection of this kind, or 404. */
export const find = (world: World, id: string, kind: "image" | "video"): FeaturedCollectionRecord => {
  const record = world.catalog.featuredById.get(id);
  if (record === undefined || record.kind !== kind) throw notFound(`Featured collection not found: ${id}`);
  return record;
};

export const present = (
  record: FeaturedCollectionRecord,
  origin: string,
  options: { readonly embed?: string | undefined; readonly asset_hint?: string | undefined },
): schemas.FeaturedCollection => {
  const first = record.itemIds[0] ?? "";
  const cover =
    record.kind === "image"
      ? imageAssetUrl(origin, first, options.asset_hint === "2x" ? "preview_1000" : "preview")
      : videoStillUrl(origin, first, options.asset_hint === "2x" ? "preview" : "thumb");
  const hero =
    record.kind === "image"
      ? imageAssetUrl(origin, first, "preview_1500")
      : videoStillUrl(origin, first, "preview");
  return {
    id: record.id,
    name: record.name,
    total_item_count: record.itemIds.length,
    created_time: iso(record.created),
    updated_time: iso(record.created),
    items_updated_time: iso(record.created),
    cover_item: { url: cover },
    hero_item: { url: hero },
    ...(options.embed === "share_url" ? { share_url: `${origin}/sandbox/shared/featured/${record.id}` } : {}),
  };
};

export const items = (
  record: FeaturedCollectionRecord,
  params: { readonly page?: number | undefined; readonly per_page?: number | undefined },
): schemas.CollectionItemDataList => {
  const page = paginate(record.itemIds, params.page, params.per_page ?? 100);
  return {
    ...page,
    data: page.data.map((id) => ({ id, media_type: record.kind, added_time: iso(record.created) })),
  };
};
