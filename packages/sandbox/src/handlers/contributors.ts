// Contributors and their public sets of images.
import type { schemas } from "@shutterkit/core/generated";
import type { ContributorSetRecord } from "../catalog/types.ts";
import { presentContributor } from "../present/assets.ts";
import { paginate } from "../search/common.ts";
import { notFound } from "../server/errors.ts";
import type { HandlersOf, World } from "../world.ts";
import { iso, lookup } from "./shared/results.ts";

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

export const contributorHandlers = {
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
} satisfies HandlersOf<"contributors">;
