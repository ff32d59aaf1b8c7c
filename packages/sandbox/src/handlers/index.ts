// Every operation of the contract, by operationId; the type makes a missing one a compile error.
import type { Handlers } from "../world.ts";
import { audioHandlers } from "./audio.ts";
import { catalogHandlers } from "./catalog.ts";
import { visionHandlers } from "./computer-vision.ts";
import { customMusicHandlers } from "./custom-music.ts";
import { editorialHandlers } from "./editorial-images.ts";
import { imageHandlers } from "./images.ts";
import { accountHandlers } from "./oauth.ts";
import { collectionHandlers } from "./shared/collections.ts";
import { featuredHandlers } from "./shared/featured.ts";
import { licensingHandlers } from "./shared/licensing.ts";
import { videoHandlers } from "./videos.ts";

export const handlers: Handlers = {
  ...accountHandlers,
  ...audioHandlers,
  ...catalogHandlers,
  ...collectionHandlers,
  ...customMusicHandlers,
  ...editorialHandlers,
  ...featuredHandlers,
  ...imageHandlers,
  ...licensingHandlers,
  ...videoHandlers,
  ...visionHandlers,
};
