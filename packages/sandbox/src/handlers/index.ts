// Every operation of the contract, by operationId, from one handler module per contract tag (the
// module's file is named after the tag); the types make a missing or misplaced handler a compile error.
import type { Tag } from "@shutterkit/core";
import type { Handlers, HandlersOf } from "../world.ts";
import { audioHandlers } from "./audio.ts";
import { catalogHandlers } from "./catalog.ts";
import { computerVisionHandlers } from "./computer-vision.ts";
import { contributorHandlers } from "./contributors.ts";
import { customMusicHandlers } from "./custom-music.ts";
import { editorialImageHandlers } from "./editorial-images.ts";
import { editorialVideoHandlers } from "./editorial-video.ts";
import { imageHandlers } from "./images.ts";
import { oauthHandlers } from "./oauth.ts";
import { soundEffectHandlers } from "./sound-effects.ts";
import { testHandlers } from "./test.ts";
import { userHandlers } from "./users.ts";
import { videoHandlers } from "./videos.ts";

export const handlersByTag: { readonly [T in Tag]: HandlersOf<T> } = {
  audio: audioHandlers,
  catalog: catalogHandlers,
  computer_vision: computerVisionHandlers,
  contributors: contributorHandlers,
  custom_music: customMusicHandlers,
  editorial_images: editorialImageHandlers,
  editorial_video: editorialVideoHandlers,
  images: imageHandlers,
  oauth: oauthHandlers,
  sound_effects: soundEffectHandlers,
  test: testHandlers,
  users: userHandlers,
  videos: videoHandlers,
};

export const handlers: Handlers = {
  ...audioHandlers,
  ...catalogHandlers,
  ...computerVisionHandlers,
  ...contributorHandlers,
  ...customMusicHandlers,
  ...editorialImageHandlers,
  ...editorialVideoHandlers,
  ...imageHandlers,
  ...oauthHandlers,
  ...soundEffectHandlers,
  ...testHandlers,
  ...userHandlers,
  ...videoHandlers,
};
