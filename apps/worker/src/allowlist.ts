// What the example web app needs, and nothing else. Collections belong to the account whose token
// the worker holds, so every visitor would share them: they are only enabled where that is meant
// (local development against the sandbox), with SHUTTERKIT_ENABLE_COLLECTIONS=true.
import { operations } from "@shutterkit/core";
import { type AllowEntry, byOperationId } from "@shutterkit/edge";

const write = (ids: Parameters<typeof byOperationId<typeof operations>>[1]): AllowEntry[] =>
  byOperationId(operations, ids).map((operation) => ({ operation, write: true }));

/** Search, details and visual similarity: public catalogue data, cached at the edge. */
export const catalogue: ReadonlyArray<AllowEntry> = [
  ...byOperationId(operations, [
    "searchImages",
    "getImage",
    "getImageList",
    "listSimilarImages",
    "getSimilarImages",
    "getKeywords",
  ]),
  // Reverse image search starts with an upload; it buys nothing.
  ...write(["uploadImage"]),
];

export const collections: ReadonlyArray<AllowEntry> = [
  ...byOperationId(operations, ["getImageCollectionList", "getImageCollection", "getImageCollectionItems"]),
  ...write([
    "createImageCollection",
    "renameImageCollection",
    "deleteImageCollection",
    "addImageCollectionItems",
    "deleteImageCollectionItems",
  ]),
];
