// The same two calls through the Effect API, where only the two operations used are imported.
import { ComputerVision, Credentials, Shutterstock } from "@shutterkit/core";
import { Effect } from "effect";

export const similarTo = (token: string, base64: string) =>
  ComputerVision.uploadImage({ base64_image: base64 }).pipe(
    Effect.flatMap(({ upload_id }) => ComputerVision.getSimilarImages({ asset_id: upload_id, per_page: 20 })),
    Effect.provide(Shutterstock.layer({ credentials: Credentials.oauth(token) })),
    Effect.runPromise,
  );
