// The floor of our stack, nothing of shutterkit: Effect, a Schema decode, a Schedule retry and one
// ky request. What shutterkit adds to a bundle is measured against this.
import { Effect, Schedule, Schema } from "effect";
import ky from "ky";

const Similar = Schema.Struct({
  data: Schema.Array(Schema.Struct({ id: Schema.String, description: Schema.optional(Schema.String) })),
  total_count: Schema.optional(Schema.Number),
});

export const similarTo = (token: string, assetId: string) =>
  Effect.tryPromise(() =>
    ky
      .get("https://api.shutterstock.com/v2/cv/similar/images", {
        searchParams: { asset_id: assetId },
        headers: { authorization: `Bearer ${token}` },
        retry: 0,
      })
      .json(),
  ).pipe(
    Effect.flatMap(Schema.decodeUnknownEffect(Similar)),
    Effect.retry(Schedule.exponential("100 millis").pipe(Schedule.jittered, Schedule.upTo({ times: 3 }))),
    Effect.runPromise,
  );
