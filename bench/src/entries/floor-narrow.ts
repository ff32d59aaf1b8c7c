// The floor again, with Effect's modules imported one by one (`effect/Effect`, `effect/Schema`,
// `effect/Schedule`) instead of through the `effect` barrel, as shutterkit imports them. esbuild
// keeps every export of a namespace re-exported by the barrel (`Schema.Struct` pulls in all of
// Schema and what it imports); rolldown does not, so only esbuild's figure moves.
import * as Effect from "effect/Effect";
import * as Schedule from "effect/Schedule";
import * as Schema from "effect/Schema";
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
