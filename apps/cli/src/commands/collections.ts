// Image collections ("lightboxes") of the account: all need an OAuth token (collections.view/edit).

import {
  addImageCollectionItems,
  createImageCollection,
  deleteImageCollectionItems,
  getImageCollection,
  getImageCollectionItems,
  getImageCollectionList,
} from "@shutterkit/node";
import { assetId, required } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { UsageError } from "../errors.ts";
import { json, table } from "../format.ts";

const list = async (context: CommandContext) => {
  const result = await context.client().send(getImageCollectionList, { per_page: 100 }, context.request);
  if (context.json) return context.print(json(result));
  const collections = result.data ?? [];
  if (collections.length === 0)
    return context.print("No collections yet. Create one with: shutterkit collections create <name>");
  context.print(
    table(
      collections,
      [
        { header: "id", value: (collection) => collection.id },
        { header: "name", value: (collection) => collection.name, flexible: true },
        { header: "items", value: (collection) => String(collection.total_item_count), align: "right" },
        {
          header: "updated",
          value: (collection) => collection.updated_time ?? collection.created_time ?? "",
        },
      ],
      context.io.stdout.columns ?? 120,
    ),
  );
};

const create = async (context: CommandContext, name: string) => {
  const result = await context.client().send(createImageCollection, { name }, context.request);
  if (context.json) return context.print(json(result));
  context.print(`Created collection ${result.id} "${name}".`);
};

const add = async (context: CommandContext, id: string, items: ReadonlyArray<string>) => {
  await context
    .client()
    .send(addImageCollectionItems, { items: items.map((item) => ({ id: item })) }, { id }, context.request);
  if (context.json) return context.print(json({ collection: id, added: items }));
  context.print(`Added ${items.length} image${items.length === 1 ? "" : "s"} to collection ${id}.`);
};

const remove = async (context: CommandContext, id: string, items: ReadonlyArray<string>) => {
  await context.client().send(deleteImageCollectionItems, { id, item_id: [...items] }, context.request);
  if (context.json) return context.print(json({ collection: id, removed: items }));
  context.print(`Removed ${items.length} image${items.length === 1 ? "" : "s"} from collection ${id}.`);
};

const show = async (context: CommandContext, id: string) => {
  const client = context.client();
  const [collection, items] = await Promise.all([
    client.send(getImageCollection, { id }, context.request),
    client.send(getImageCollectionItems, { id, per_page: 100 }, context.request),
  ]);
  if (context.json) return context.print(json({ ...collection, items: items.data ?? [] }));
  context.print(`${collection.name} (${collection.id}): ${collection.total_item_count} items`);
  const rows = items.data ?? [];
  if (rows.length > 0)
    context.print(
      table(rows, [
        { header: "image", value: (item) => item.id },
        { header: "added", value: (item) => item.added_time ?? "" },
      ]),
    );
};

export const collections: Command = {
  name: "collections",
  summary: "List, create, show and edit image collections",
  usage: [
    "collections list",
    "collections create <name...>",
    "collections show <collection-id>",
    "collections add <collection-id> <image-id...>",
    "collections remove <collection-id> <image-id...>",
  ],
  options: {},
  run: async (context) => {
    const [action, ...rest] = context.positionals;
    const items = () => {
      if (rest.length < 2)
        throw new UsageError(`Usage: shutterkit collections ${action} <collection-id> <image-id...>`);
      return rest.slice(1).map((id) => assetId("image id", id));
    };
    switch (action) {
      case "list":
      case undefined:
        return list(context);
      case "create":
        return create(context, required("collection name", rest.join(" ") || undefined));
      case "show":
        return show(context, required("collection id", rest[0]));
      case "add":
        return add(context, required("collection id", rest[0]), items());
      case "remove":
        return remove(context, required("collection id", rest[0]), items());
      default:
        throw new UsageError(
          `Unknown collections action "${action}": use list, create, show, add or remove.`,
        );
    }
  },
};
