// The user's own collections ("lightboxes") of images, videos and audio, shared by the collection
// operations of those three tags: create, rename, delete, add and remove items, list. All changes go
// through the state queue.
import type { schemas } from "@shutterkit/core/generated";
import { paginate } from "../../search/common.ts";
import { ApiError, notFound } from "../../server/errors.ts";
import { nextId } from "../../state/initial.ts";
import type { CollectionState, MediaKind } from "../../state/model.ts";
import { own } from "../../state/own.ts";
import type { World } from "../../world.ts";

const MEDIA_TYPE: Record<MediaKind, string> = { images: "image", videos: "video", audio: "audio" };

const exists = (world: World, kind: MediaKind, id: string): boolean =>
  kind === "images"
    ? world.catalog.imageById.has(id)
    : kind === "videos"
      ? world.catalog.videoById.has(id)
      : world.catalog.audioById.has(id);

const shareUrl = (origin: string, kind: MediaKind, code: string) =>
  `${origin}/sandbox/shared/${kind}/${code}`;

export const presentCollection = (
  collection: CollectionState,
  kind: MediaKind,
  origin: string,
  embed: ReadonlyArray<string> = [],
): schemas.Collection => {
  const cover = collection.items[collection.items.length - 1];
  return {
    id: collection.id,
    name: collection.name,
    total_item_count: collection.items.length,
    created_time: collection.created_time,
    updated_time: collection.updated_time,
    items_updated_time: collection.items_updated_time,
    ...(cover === undefined
      ? {}
      : { cover_item: { id: cover.id, media_type: MEDIA_TYPE[kind], added_time: cover.added_time } }),
    ...(embed.includes("share_code") ? { share_code: collection.share_code } : {}),
    ...(embed.includes("share_url") ? { share_url: shareUrl(origin, kind, collection.share_code) } : {}),
  };
};

export const find = (world: World, kind: MediaKind, id: string, shareCode?: string): CollectionState => {
  const collection = own(world.queue.state.collections[kind], id);
  if (collection === undefined || (shareCode !== undefined && shareCode !== collection.share_code)) {
    throw notFound(`Collection not found: ${id}`);
  }
  return collection;
};

export const list = (
  world: World,
  kind: MediaKind,
  origin: string,
  params: {
    readonly page?: number | undefined;
    readonly per_page?: number | undefined;
    readonly embed?: ReadonlyArray<string> | undefined;
  },
): schemas.CollectionDataList => {
  const all = Object.values(world.queue.state.collections[kind]).sort(
    (a, b) => b.created_time.localeCompare(a.created_time) || (a.id < b.id ? 1 : -1),
  );
  const page = paginate(all, params.page, params.per_page ?? 100);
  return {
    ...page,
    data: page.data.map((collection) => presentCollection(collection, kind, origin, params.embed)),
  };
};

export const create = async (
  world: World,
  kind: MediaKind,
  name: string,
  now: Date,
): Promise<schemas.CollectionCreateResponse> => {
  if (name.trim() === "") {
    throw new ApiError(400, "Validation failed", [
      { code: "VALIDATION_INVALID_VALUE", message: "Collection name must not be empty", path: "$.body.name" },
    ]);
  }
  const id = await world.queue.mutate((state) => {
    let id = nextId(state, "numeric");
    while (own(state.collections[kind], id) !== undefined) id = nextId(state, "numeric");
    const time = now.toISOString();
    state.collections[kind][id] = {
      id,
      name,
      created_time: time,
      updated_time: time,
      items_updated_time: time,
      share_code: nextId(state, "hex").slice(0, 12),
      items: [],
    };
    return id;
  });
  return { id };
};

export const rename = async (
  world: World,
  kind: MediaKind,
  id: string,
  name: string,
  now: Date,
): Promise<void> => {
  await world.queue.mutate((state) => {
    const collection = own(state.collections[kind], id);
    if (collection === undefined) throw notFound(`Collection not found: ${id}`);
    collection.name = name;
    collection.updated_time = now.toISOString();
  });
};

export const remove = async (world: World, kind: MediaKind, id: string): Promise<void> => {
  await world.queue.mutate((state) => {
    if (own(state.collections[kind], id) === undefined) throw notFound(`Collection not found: ${id}`);
    delete state.collections[kind][id];
  });
};

export const addItems = async (
  world: World,
  kind: MediaKind,
  id: string,
  items: ReadonlyArray<{ readonly id: string }>,
  now: Date,
): Promise<void> => {
  const unknown = items.filter((item) => !exists(world, kind, item.id));
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      "Validation failed",
      unknown.map((item) => ({
        code: "VALIDATION_INVALID_VALUE",
        message: `No ${MEDIA_TYPE[kind]} with id ${item.id}`,
        path: `$.body.items[${items.indexOf(item)}].id`,
        data: item.id,
      })),
    );
  }
  await world.queue.mutate((state) => {
    const collection = own(state.collections[kind], id);
    if (collection === undefined) throw notFound(`Collection not found: ${id}`);
    const time = now.toISOString();
    for (const item of items) {
      if (!collection.items.some((existing) => existing.id === item.id)) {
        collection.items.push({ id: item.id, added_time: time });
      }
    }
    collection.items_updated_time = time;
    collection.updated_time = time;
  });
};

export const removeItems = async (
  world: World,
  kind: MediaKind,
  id: string,
  itemIds: ReadonlyArray<string> | undefined,
  now: Date,
): Promise<void> => {
  await world.queue.mutate((state) => {
    const collection = own(state.collections[kind], id);
    if (collection === undefined) throw notFound(`Collection not found: ${id}`);
    const drop = new Set(itemIds ?? []);
    collection.items = collection.items.filter((item) => !drop.has(item.id));
    collection.items_updated_time = now.toISOString();
    collection.updated_time = collection.items_updated_time;
  });
};

export const items = (
  world: World,
  kind: MediaKind,
  params: {
    readonly id: string;
    readonly share_code?: string | undefined;
    readonly sort?: string | undefined;
    readonly page?: number | undefined;
    readonly per_page?: number | undefined;
  },
): schemas.CollectionItemDataList => {
  const collection = find(world, kind, params.id, params.share_code);
  const ordered = params.sort === "newest" ? [...collection.items].reverse() : collection.items;
  const page = paginate(ordered, params.page, params.per_page ?? 100);
  return {
    ...page,
    data: page.data.map((item) => ({
      id: item.id,
      added_time: item.added_time,
      media_type: MEDIA_TYPE[kind],
    })),
  };
};
