import { getImageList } from "@shutterkit/core/images";
import {
  operationQueryOptions,
  useCreateImageCollection,
  useDeleteImageCollection,
  useImageCollectionItems,
  useImageCollections,
  useRemoveImageCollectionItems,
  useShutterstockClient,
} from "@shutterkit/react";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { href } from "../route.ts";
import { ImageLink } from "./ImageGrid.tsx";
import { Empty, ErrorMessage, Loading } from "./Status.tsx";

const CollectionItems = ({ id }: { id: string }) => {
  const items = useImageCollectionItems(id);
  const ids = items.data?.data?.map((item) => item.id) ?? [];
  // One request for every item's details instead of one per tile.
  const images = useQuery({
    ...operationQueryOptions(useShutterstockClient(), getImageList, { id: ids, view: "minimal" }),
    enabled: ids.length > 0,
  });
  const remove = useRemoveImageCollectionItems();
  const deleteCollection = useDeleteImageCollection({
    onSuccess: () => window.location.assign("#/collections"),
  });

  if (items.isLoading) return <Loading label="Loading items…" />;
  if (items.isError) return <ErrorMessage error={items.error} onRetry={() => void items.refetch()} />;
  return (
    <section aria-label="Collection items">
      {ids.length === 0 ? (
        <Empty>This collection is empty: open an image and add it here.</Empty>
      ) : images.isLoading ? (
        <Loading />
      ) : (
        <ul className="grid" aria-label="Items">
          {ids.map((itemId) => {
            const image = images.data?.data?.find((candidate) => candidate.id === itemId);
            return (
              <li key={itemId} className="tile">
                {image === undefined ? (
                  <a href={href({ page: "image", id: itemId })}>{itemId}</a>
                ) : (
                  <ImageLink image={image} />
                )}
                <button
                  type="button"
                  className="remove"
                  aria-label={`Remove ${image?.description ?? itemId} from the collection`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ id, item_id: [itemId] })}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {remove.isError && <ErrorMessage error={remove.error} />}
      <button
        type="button"
        className="danger"
        disabled={deleteCollection.isPending}
        onClick={() => deleteCollection.mutate({ id })}
      >
        Delete this collection
      </button>
      {deleteCollection.isError && <ErrorMessage error={deleteCollection.error} />}
    </section>
  );
};

export const CollectionsPage = ({ selectedId }: { selectedId: string | undefined }) => {
  const collections = useImageCollections();
  const create = useCreateImageCollection({
    onSuccess: (created) => window.location.assign(href({ page: "collections", id: created.id })),
  });
  const [name, setName] = useState("");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === "") return;
    create.mutate({ name: name.trim() }, { onSuccess: () => setName("") });
  };

  const list = collections.data?.data ?? [];
  return (
    <section aria-labelledby="collections-title">
      <h2 id="collections-title">Collections</h2>
      <form className="row" onSubmit={submit}>
        <label className="grow">
          <span className="visually-hidden">New collection name</span>
          <input
            placeholder="New collection name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={create.isPending}>
          Create
        </button>
      </form>
      {create.isError && <ErrorMessage error={create.error} />}
      {collections.isLoading && <Loading label="Loading collections…" />}
      {collections.isError && (
        <ErrorMessage error={collections.error} onRetry={() => void collections.refetch()} />
      )}
      {collections.isSuccess && list.length === 0 && <Empty>No collections yet.</Empty>}
      {list.length > 0 && (
        <ul className="collections" aria-label="Your collections">
          {list.map((collection) => (
            <li key={collection.id}>
              <a
                href={href({ page: "collections", id: collection.id })}
                aria-current={collection.id === selectedId ? "page" : undefined}
              >
                {collection.name} <span className="badge">{collection.total_item_count}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {selectedId !== undefined && <CollectionItems key={selectedId} id={selectedId} />}
    </section>
  );
};
