// Editorial video: cursor-paged search, details and categories (shared/editorial.ts, with editorial
// images), and editorial video licences.
import { presentEditorialVideo } from "../present/assets.ts";
import type { HandlersOf } from "../world.ts";
import * as editorial from "./shared/editorial.ts";
import * as licensing from "./shared/licensing.ts";
import { searchId } from "./shared/results.ts";

export const editorialVideoHandlers = {
  searchEditorialVideos: ({ world, origin, params }) => {
    const found = editorial.search(world, "editorial-videos", params);
    const page = editorial.cursorPage(found, params.cursor, params.per_page ?? 20);
    return {
      ...page,
      data: page.data.map((record) => presentEditorialVideo(record, origin)),
      total_count: found.length,
      search_id: searchId(),
    };
  },
  getEditorialVideo: ({ world, origin, params }) =>
    presentEditorialVideo(editorial.findItem(world, params.id, params.country, "editorial-video"), origin),
  listEditorialVideoCategories: editorial.categories,

  licenseEditorialVideo: async ({ world, origin, body, now }) => {
    const requests = body.editorial.map((item): licensing.LicenseRequest => {
      const record = world.catalog.editorialById.get(item.editorial_id);
      const problem =
        record === undefined || record.kind !== "editorial-video"
          ? `Editorial video not found: ${item.editorial_id}`
          : record.restrictedIn.includes(body.country.toUpperCase())
            ? `Editorial video ${item.editorial_id} is not available in ${body.country}`
            : undefined;
      return {
        kind: "editorial-videos",
        assetId: item.editorial_id,
        license: item.license,
        size: item.size ?? "original",
        format: "mov",
        metadata: licensing.metadataOf(item.metadata),
        problem,
      };
    });
    return licensing.editorialResults(world, origin, await licensing.licenseAll(world, requests, now));
  },
  getEditorialVideoLicenseList: ({ world, params }) =>
    licensing.history(world, ["editorial-videos"], params.video_id, params),
} satisfies HandlersOf<"editorial_video">;
