// The "catalog" API: a user's shared catalog of assets of every type, organised in collections.
// An item is one asset; it can sit in several collections at once.
import type { schemas } from "@shutterkit/core/generated";
import { paginate } from "../search/common.ts";
import { tokenize } from "../search/text.ts";
import { ApiError, notFound } from "../server/errors.ts";
import { nextId, SANDBOX_USER } from "../state/initial.ts";
import type {
  CatalogAssetType,
  CatalogCollectionState,
  CatalogItemState,
  SandboxState,
} from "../state/model.ts";
import { own } from "../state/own.ts";
import type { HandlersOf, World } from "../world.ts";

const ASSET_TYPES: ReadonlyArray<CatalogAssetType> = [
  "image",
  "video",
  "audio",
  "editorial-image",
  "editorial-video",
];

const assetName = (world: World, type: CatalogAssetType, id: string): string | undefined => {
  switch (type) {
    case "image":
      return world.catalog.imageById.get(id)?.picture.title;
    case "video":
      return world.catalog.videoById.get(id)?.picture.title;
    case "audio":
      return world.catalog.audioById.get(id)?.title;
    default: {
      const record = world.catalog.editorialById.get(id);
      return record?.kind === type ? record.title : undefined;
    }
  }
};

const presentItem = (world: World, item: CatalogItemState): schemas.CatalogCollectionItem => ({
  id: item.id,
  asset: {
    id: item.asset.id,
    type: item.asset.type,
    ...(() => {
      const name = assetName(world, item.asset.type, item.asset.id);
      return name === undefined ? {} : { name };
    })(),
  },
  created_time: item.created_time,
  collection_ids: [...item.collection_ids],
});

const itemsOf = (state: SandboxState, collectionId: string): CatalogItemState[] =>
  Object.values(state.catalogItems).filter((item) => item.collection_ids.includes(collectionId));

const presentCollection = (
  world: World,
  state: SandboxState,
  collection: CatalogCollectionState,
): schemas.CatalogCollection => {
  const items = itemsOf(state, collection.id);
  const cover =
    (collection.cover_item_id === undefined
      ? undefined
      : own(state.catalogItems, collection.cover_item_id)) ?? items[items.length - 1];
  return {
    id: collection.id,
    name: collection.name,
    visibility: collection.visibility,
    created_time: collection.created_time,
    updated_time: collection.updated_time,
    total_item_count: items.length,
    role_assignments: {
      collection_id: collection.id,
      roles: {
        owners: [{ id: SANDBOX_USER.id, email: SANDBOX_USER.email, type: "USER" }],
        editors: [],
        viewers: [],
      },
    },
    ...(cover === undefined ? {} : { cover_asset: presentItem(world, cover) }),
  };
};

interface AssetRef {
  readonly id?: string | undefined;
  readonly type: string;
}

/** Checks asset references up front so a bad item fails the whole request with a 400. */
const checkAssets = (
  world: World,
  items: ReadonlyArray<{ readonly asset: AssetRef }>,
  base: string,
): void => {
  const problems = items.flatMap((item, index) => {
    const path = `${base}[${index}].asset`;
    if (!ASSET_TYPES.includes(item.asset.type as CatalogAssetType)) {
      return [
        { code: "VALIDATION_ENUM", message: `Unknown asset type ${item.asset.type}`, path: `${path}.type` },
      ];
    }
    if (item.asset.id === undefined)
      return [{ code: "VALIDATION_REQUIRED", message: "Missing asset id", path: `${path}.id` }];
    if (assetName(world, item.asset.type as CatalogAssetType, item.asset.id) === undefined) {
      return [
        {
          code: "VALIDATION_INVALID_VALUE",
          message: `No ${item.asset.type} with id ${item.asset.id}`,
          path: `${path}.id`,
        },
      ];
    }
    return [];
  });
  if (problems.length > 0) throw new ApiError(400, "Validation failed", problems);
};

/** Adds assets to a collection, reusing the catalog item when the asset is already in the catalog. */
const addAssets = (
  state: SandboxState,
  collectionId: string,
  items: ReadonlyArray<{ readonly asset: AssetRef }>,
  time: string,
) => {
  for (const { asset } of items) {
    const existing = Object.values(state.catalogItems).find(
      (item) => item.asset.id === asset.id && item.asset.type === asset.type,
    );
    if (existing !== undefined) {
      if (!existing.collection_ids.includes(collectionId)) existing.collection_ids.push(collectionId);
      continue;
    }
    const id = nextId(state, "numeric");
    state.catalogItems[id] = {
      id,
      asset: { id: asset.id ?? "", type: asset.type as CatalogAssetType },
      created_time: time,
      collection_ids: [collectionId],
    };
  }
};

const mutateCollection = (
  world: World,
  collectionId: string,
  change: (state: SandboxState, collection: CatalogCollectionState) => void,
  now: Date,
): Promise<schemas.CatalogCollection> =>
  world.queue.mutate((state) => {
    const collection = own(state.catalogCollections, collectionId);
    if (collection === undefined) throw notFound(`Collection not found: ${collectionId}`);
    change(state, collection);
    collection.updated_time = now.toISOString();
    return presentCollection(world, state, collection);
  });

export const catalogHandlers = {
  getCollections: ({ world, params }) => {
    const state = world.queue.state;
    const list = Object.values(state.catalogCollections).sort(
      (a, b) =>
        (params.sort === "oldest" ? 1 : -1) * a.created_time.localeCompare(b.created_time) ||
        (a.id < b.id ? -1 : 1),
    );
    const page = paginate(list, params.page, params.per_page);
    return { ...page, data: page.data.map((collection) => presentCollection(world, state, collection)) };
  },
  createCollection: ({ world, body, now }) => {
    if (body.items !== undefined) checkAssets(world, body.items, "$.body.items");
    return world.queue.mutate((state) => {
      let id = nextId(state, "numeric");
      while (state.catalogCollections[id] !== undefined) id = nextId(state, "numeric");
      const time = now.toISOString();
      const collection: CatalogCollectionState = {
        id,
        name: body.name,
        visibility: body.visibility ?? "private",
        created_time: time,
        updated_time: time,
      };
      state.catalogCollections[id] = collection;
      addAssets(state, id, body.items ?? [], time);
      return presentCollection(world, state, collection);
    });
  },
  updateCollection: ({ world, params, body, now }) =>
    mutateCollection(
      world,
      params.collection_id,
      (state, collection) => {
        if (body.name !== undefined) collection.name = body.name;
        if (body.visibility !== undefined) collection.visibility = body.visibility;
        if (body.cover_asset !== undefined) {
          const cover = own(state.catalogItems, body.cover_asset.id);
          if (cover === undefined || !cover.collection_ids.includes(collection.id)) {
            throw new ApiError(400, "Validation failed", [
              {
                code: "VALIDATION_INVALID_VALUE",
                message: `Item ${body.cover_asset.id} is not in collection ${collection.id}`,
                path: "$.body.cover_asset.id",
              },
            ]);
          }
          collection.cover_item_id = cover.id;
        }
      },
      now,
    ),
  deleteCollection: ({ world, params }) =>
    world.queue.mutate((state) => {
      if (own(state.catalogCollections, params.collection_id) === undefined) {
        throw notFound(`Collection not found: ${params.collection_id}`);
      }
      delete state.catalogCollections[params.collection_id];
      for (const item of Object.values(state.catalogItems)) {
        item.collection_ids = item.collection_ids.filter((id) => id !== params.collection_id);
      }
    }),
  addToCollection: ({ world, params, body, now }) => {
    checkAssets(world, body.items, "$.body.items");
    return mutateCollection(
      world,
      params.collection_id,
      (state, collection) => addAssets(state, collection.id, body.items, now.toISOString()),
      now,
    );
  },
  deleteFromCollection: ({ world, params, body, now }) =>
    mutateCollection(
      world,
      params.collection_id,
      (state, collection) => {
        for (const { id } of body.items) {
          const item = own(state.catalogItems, id);
          if (item !== undefined)
            item.collection_ids = item.collection_ids.filter((entry) => entry !== collection.id);
        }
        if (
          collection.cover_item_id !== undefined &&
          body.items.some((item) => item.id === collection.cover_item_id)
        ) {
          delete collection.cover_item_id;
        }
      },
      now,
    ),
  searchCatalog: ({ world, params }) => {
    const state = world.queue.state;
    const terms = params.query === undefined ? [] : tokenize(params.query);
    const collections = params.collection_id;
    const types = params.asset_type;
    const found = Object.values(state.catalogItems)
      .filter((item) => item.collection_ids.length > 0)
      .filter(
        (item) =>
          collections === undefined ||
          collections.length === 0 ||
          item.collection_ids.some((id) => collections.includes(id)),
      )
      .filter(
        (item) =>
          types === undefined ||
          types.length === 0 ||
          (types as ReadonlyArray<string>).includes(item.asset.type),
      )
      .filter((item) => {
        if (terms.length === 0) return true;
        const name = new Set(tokenize(assetName(world, item.asset.type, item.asset.id) ?? ""));
        return terms.every((term) => name.has(term));
      })
      .sort(
        (a, b) =>
          (params.sort === "oldest" ? 1 : -1) * a.created_time.localeCompare(b.created_time) ||
          (a.id < b.id ? -1 : 1),
      );
    const page = paginate(found, params.page, params.per_page);
    return { ...page, data: page.data.map((item) => presentItem(world, item)) };
  },
} satisfies HandlersOf<"catalog">;
