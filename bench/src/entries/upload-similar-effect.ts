// The same two calls through the Effect API.
import { Credentials, Shutterstock } from "@shutterkit/core";
import { getSimilarImages, uploadImage } from "@shutterkit/core/computer-vision";
import { Effect } from "effect";

export const similarTo = (token: string, base64: string) =>
  Shutterstock.send(uploadImage, { base64_image: base64 }).pipe(
    Effect.flatMap(({ upload_id }) =>
      Shutterstock.send(getSimilarImages, { asset_id: upload_id, per_page: 20 }),
    ),
    Effect.provide(Shutterstock.layer({ credentials: Credentials.oauth(token) })),
    Effect.runPromise,
  );
