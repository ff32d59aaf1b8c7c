// What the example web app needs, and nothing else. Collections belong to the account whose token
// the worker holds, so every visitor would share them: they are only enabled where that is meant
// (local development against the sandbox), with SHUTTERKIT_ENABLE_COLLECTIONS=true. Operations are
// imported by name from core's schema-free route table, so the bundle holds only these descriptors.
import {
  addImageCollectionItems,
  createImageCollection,
  deleteImageCollection,
  deleteImageCollectionItems,
  getImage,
  getImageCollection,
  getImageCollectionItems,
  getImageCollectionList,
  getImageList,
  getKeywords,
  getSimilarImages,
  listSimilarImages,
  type RouteDescriptor,
  renameImageCollection,
  searchImages,
  uploadImage,
} from "@shutterkit/core/routes";
import type { AllowEntry } from "@shutterkit/edge";

const write = (...operations: RouteDescriptor[]): AllowEntry[] =>
  operations.map((operation) => ({ operation, write: true }));

/** Search, details and visual similarity: public catalogue data, cached at the edge. */
export const catalogue: ReadonlyArray<AllowEntry> = [
  searchImages,
  getImage,
  getImageList,
  listSimilarImages,
  getSimilarImages,
  getKeywords,
  // Reverse image search starts with an upload; it buys nothing.
  ...write(uploadImage),
];

export const collections: ReadonlyArray<AllowEntry> = [
  getImageCollectionList,
  getImageCollection,
  getImageCollectionItems,
  ...write(
    createImageCollection,
    renameImageCollection,
    deleteImageCollection,
    addImageCollectionItems,
    deleteImageCollectionItems,
  ),
];
