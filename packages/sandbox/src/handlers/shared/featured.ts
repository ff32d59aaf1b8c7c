// Featured collections (curated by theme from the catalog) and contributors with their public sets.
import type { schemas } from "@shutterkit/core/generated";
import type { ContributorSetRecord, FeaturedCollectionRecord } from "../../catalog/types.ts";
import { imageAssetUrl, presentContributor, videoStillUrl } from "../../present/assets.ts";
import { paginate } from "../../search/common.ts";
import { notFound } from "../../server/errors.ts";
import type { Handlers, World } from "../../world.ts";
import { iso, lookup } from "./results.ts";

const featured = (world: World, id: string, kind: "image" | "video"): FeaturedCollectionRecord => {
  const record = world.catalog.featuredById.get(id);
  if (record === undefined || record.kind !== kind) throw notFound(`Featured collection not found: ${id}`);
  return record;
};

const presentFeatured = (
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

const featuredItems = (
  record: FeaturedCollectionRecord,
  params: { readonly page?: number | undefined; readonly per_page?: number | undefined },
): schemas.CollectionItemDataList => {
  const page = paginate(record.itemIds, params.page, params.per_page ?? 100);
  return {
    ...page,
    data: page.data.map((id) => ({ id, media_type: record.kind, added_time: iso(record.created) })),
  };
};

const presentSet = (record: ContributorSetRecord): schemas.Collection => ({
  id: record.id,
  name: record.name,
  total_item_count: record.itemIds.length,
  created_time: iso(record.created),
  updated_time: iso(record.created),
  items_updated_time: iso(record.created),
  ...(record.itemIds[0] === undefined ? {} : { cover_item: { id: record.itemIds[0], media_type: "image" } }),
});

const contributorSet = (world: World, contributorId: string, id: string): ContributorSetRecord => {
  lookup(world.catalog.contributorById, contributorId, "Contributor");
  const record = world.catalog.contributorSetById.get(id);
  if (record === undefined || record.contributorId !== contributorId)
    throw notFound(`Collection not found: ${id}`);
  return record;
};

export const featuredHandlers = {
  getFeaturedImageCollectionList: ({ world, origin, params }) => {
    const types = params.type;
    const list = world.catalog.featured.filter(
      (record) =>
        record.kind === "image" &&
        (types === undefined ||
          types.length === 0 ||
          record.itemIds.some((id) => {
            const image = world.catalog.imageById.get(id);
            return (
              image !== undefined &&
              types.some((type) =>
                type === "editorial"
                  ? image.isEditorial
                  : type === "vector"
                    ? image.imageType === "vector"
                    : image.imageType === "photo",
              )
            );
          })),
    );
    return {
      data: list.map((record) => presentFeatured(record, origin, params)),
      page: 1,
      per_page: list.length,
      total_count: list.length,
    };
  },
  getFeaturedImageCollection: ({ world, origin, params }) =>
    presentFeatured(featured(world, params.id, "image"), origin, params),
  getFeaturedImageCollectionItems: ({ world, params }) =>
    featuredItems(featured(world, params.id, "image"), params),

  getFeaturedVideoCollectionList: ({ world, origin, params }) => {
    const list = world.catalog.featured.filter((record) => record.kind === "video");
    return {
      data: list.map((record) => presentFeatured(record, origin, params)),
      page: 1,
      per_page: list.length,
      total_count: list.length,
    };
  },
  getFeaturedVideoCollection: ({ world, origin, params }) =>
    presentFeatured(featured(world, params.id, "video"), origin, params),
  getFeaturedVideoCollectionItems: ({ world, params }) =>
    featuredItems(featured(world, params.id, "video"), params),

  getContributorList: ({ world, params }) => {
    const found = params.id.flatMap((id) => {
      const record = world.catalog.contributorById.get(id);
      return record === undefined ? [] : [presentContributor(record)];
    });
    return { data: found, page: 1, per_page: found.length, total_count: found.length };
  },
  getContributor: ({ world, params }) =>
    presentContributor(lookup(world.catalog.contributorById, params.contributor_id, "Contributor")),
  getContributorCollectionsList: ({ world, params }) => {
    lookup(world.catalog.contributorById, params.contributor_id, "Contributor");
    const sets = world.catalog.contributorSets
      .filter((record) => record.contributorId === params.contributor_id)
      .sort((a, b) =>
        params.sort === "item_count"
          ? b.itemIds.length - a.itemIds.length
          : b.created - a.created || (a.id < b.id ? -1 : 1),
      );
    return { data: sets.map(presentSet), page: 1, per_page: sets.length, total_count: sets.length };
  },
  getContributorCollections: ({ world, params }) =>
    presentSet(contributorSet(world, params.contributor_id, params.id)),
  getContributorCollectionItems: ({ world, params }) => {
    const record = contributorSet(world, params.contributor_id, params.id);
    const ordered = params.sort === "oldest" ? [...record.itemIds].reverse() : record.itemIds;
    const page = paginate(ordered, params.page, params.per_page);
    return {
      ...page,
      data: page.data.map((id) => ({ id, media_type: "image", added_time: iso(record.created) })),
    };
  },
} satisfies Partial<Handlers>;
