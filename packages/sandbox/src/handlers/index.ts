// Every operation of the contract, by operationId; the type makes a missing one a compile error.
import type { Handlers } from "../world.ts";
import { accountHandlers } from "./account.ts";
import { audioHandlers } from "./audio.ts";
import { catalogHandlers } from "./catalog-collections.ts";
import { collectionHandlers } from "./collections.ts";
import { customMusicHandlers } from "./custom-music.ts";
import { editorialHandlers } from "./editorial.ts";
import { featuredHandlers } from "./featured.ts";
import { imageHandlers } from "./images.ts";
import { licensingHandlers } from "./licensing.ts";
import { videoHandlers } from "./videos.ts";
import { visionHandlers } from "./vision.ts";

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
