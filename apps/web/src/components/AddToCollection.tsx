import { useAddImageCollectionItems, useCreateImageCollection, useImageCollections } from "@shutterkit/react";
import { type FormEvent, useId, useState } from "react";
import { ErrorMessage, Loading } from "./Status.tsx";

/** Adds one image to an existing collection, or to a new one named on the spot. */
export const AddToCollection = ({ imageId }: { imageId: string }) => {
  const selectId = useId();
  const collections = useImageCollections();
  const add = useAddImageCollectionItems();
  const create = useCreateImageCollection();
  const [target, setTarget] = useState("");
  const [newName, setNewName] = useState("");
  const [added, setAdded] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(undefined);
    const id = target === "" ? (await create.mutateAsync({ name: newName.trim() || "My picks" })).id : target;
    await add.mutateAsync({ id, items: [{ id: imageId }] });
    setTarget(id);
    setNewName("");
    setAdded(id);
  };

  if (collections.isLoading) return <Loading label="Loading collections…" />;
  if (collections.isError) return <ErrorMessage error={collections.error} />;
  const list = collections.data?.data ?? [];
  const addedName = list.find((collection) => collection.id === added)?.name;

  return (
    <form className="add-to-collection" onSubmit={(event) => void submit(event).catch(() => undefined)}>
      <label htmlFor={selectId}>Add to collection</label>
      <div className="row">
        <select id={selectId} value={target} onChange={(event) => setTarget(event.currentTarget.value)}>
          <option value="">New collection…</option>
          {list.map((collection) => (
            <option key={collection.id} value={collection.id}>
              {collection.name} ({collection.total_item_count})
            </option>
          ))}
        </select>
        {target === "" && (
          <input
            aria-label="New collection name"
            placeholder="Name"
            value={newName}
            onChange={(event) => setNewName(event.currentTarget.value)}
          />
        )}
        <button type="submit" disabled={add.isPending || create.isPending}>
          {add.isPending || create.isPending ? "Adding…" : "Add"}
        </button>
      </div>
      {added !== undefined && (
        <p role="status" className="ok">
          Added to {addedName ?? "the collection"}.
        </p>
      )}
      {create.isError && <ErrorMessage error={create.error} />}
      {add.isError && <ErrorMessage error={add.error} />}
    </form>
  );
};
