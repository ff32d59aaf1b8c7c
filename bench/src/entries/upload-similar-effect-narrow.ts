// The Effect API entry with `effect/Effect` imported on its own instead of through the `effect`
// barrel, which under esbuild keeps every export of the Effect module.
import { Credentials, Shutterstock } from "@shutterkit/core";
import { getSimilarImages, uploadImage } from "@shutterkit/core/computer-vision";
import * as Effect from "effect/Effect";

export const similarTo = (token: string, base64: string) =>
  Shutterstock.send(uploadImage, { base64_image: base64 }).pipe(
    Effect.flatMap(({ upload_id }) =>
      Shutterstock.send(getSimilarImages, { asset_id: upload_id, per_page: 20 }),
    ),
    Effect.provide(Shutterstock.layer({ credentials: Credentials.oauth(token) })),
    Effect.runPromise,
  );
