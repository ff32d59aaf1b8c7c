// Computer vision: uploads (JPEG or PNG, base64) become visual descriptors; similar images and
// videos are ranked against the catalog, and keywords come from the nearest neighbours.
import { ImageDecodeError, sniffImageFormat } from "../imaging/index.ts";
import { decodeBase64 } from "../media/base64.ts";
import { presentImage, presentVideo } from "../present/assets.ts";
import { ApiError, notFound } from "../server/errors.ts";
import { nextId } from "../state/initial.ts";
import type { VisualDescriptor } from "../vision/similarity.ts";
import type { HandlersOf, World } from "../world.ts";
import { presentHits, SIMILAR_LIMIT } from "./shared/results.ts";

/** Uploads kept for similarity queries; older ones are forgotten first. */
const MAX_UPLOADS = 200;
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const uploadError = (status: number, code: string, message: string): ApiError =>
  new ApiError(status, message, [{ code, message, path: "$.body.base64_image" }]);

/** Decodes, checks and stores an upload; returns its `U…` id. */
const storeUpload = async (world: World, base64: string, now: Date, allow415: boolean): Promise<string> => {
  const bytes = decodeBase64(base64);
  if (bytes === undefined || bytes.length === 0) {
    throw uploadError(400, "VALIDATION_INVALID_VALUE", "base64_image is not valid base64");
  }
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw uploadError(413, "PAYLOAD_TOO_LARGE", `The image is larger than ${MAX_UPLOAD_BYTES} bytes`);
  }
  if (sniffImageFormat(bytes) === undefined) {
    throw uploadError(
      allow415 ? 415 : 400,
      "UNSUPPORTED_MEDIA_TYPE",
      "Only JPEG and PNG images are supported",
    );
  }
  let descriptor: VisualDescriptor;
  let width: number;
  let height: number;
  try {
    const image = await world.decodeImage(bytes, { maxBytes: MAX_UPLOAD_BYTES });
    descriptor = world.visual.describe(image);
    width = image.width;
    height = image.height;
  } catch (error) {
    if (error instanceof ImageDecodeError) {
      if (error.reason === "too_large") throw uploadError(413, "PAYLOAD_TOO_LARGE", error.message);
      if (error.reason === "unsupported_format") {
        throw uploadError(allow415 ? 415 : 400, "UNSUPPORTED_MEDIA_TYPE", error.message);
      }
      throw uploadError(400, "VALIDATION_INVALID_VALUE", `The image could not be decoded: ${error.message}`);
    }
    throw error;
  }
  return world.queue.mutate((state) => {
    const id = nextId(state, "upload");
    state.uploads[id] = {
      id,
      created_time: now.toISOString(),
      width,
      height,
      descriptor: Array.from(descriptor),
    };
    const ids = Object.keys(state.uploads);
    for (const old of ids.slice(0, Math.max(0, ids.length - MAX_UPLOADS))) delete state.uploads[old];
    return id;
  });
};

/** The descriptor of an upload (`U…`) or of a catalog image id. */
const queryDescriptor = async (world: World, assetId: string): Promise<VisualDescriptor> => {
  const upload = world.queue.state.uploads[assetId];
  if (upload !== undefined) return Float32Array.from(upload.descriptor);
  if (world.catalog.imageById.has(assetId)) {
    const descriptor = await world.visual.imageDescriptor(assetId);
    if (descriptor !== undefined) return descriptor;
  }
  throw notFound(`Asset not found: ${assetId}`);
};

const licenseFilter = (licenses: ReadonlyArray<string> | undefined) => (isEditorial: boolean) =>
  licenses === undefined ||
  licenses.length === 0 ||
  licenses.some((license) => (license === "editorial" ? isEditorial : !isEditorial));

export const computerVisionHandlers = {
  uploadImage: async ({ world, body, now }) => ({
    upload_id: await storeUpload(world, body.base64_image, now, true),
  }),
  uploadEphemeralImage: async ({ world, body, now }) => ({
    id: await storeUpload(world, body.base64_image, now, false),
  }),
  getSimilarImages: async ({ world, origin, params }) => {
    const query = await queryDescriptor(world, params.asset_id);
    const allowed = licenseFilter(params.license ?? ["commercial"]);
    const neighbours = await world.visual.similarImages(query, SIMILAR_LIMIT, (id) => {
      const record = world.catalog.imageById.get(id);
      return (
        record !== undefined &&
        id !== params.asset_id &&
        allowed(record.isEditorial) &&
        (params.safe === false || !record.isAdult)
      );
    });
    return presentHits(neighbours, params.page, params.per_page, world.catalog.imageById, "Image", (record) =>
      presentImage(record, origin, params.view ?? "minimal"),
    );
  },
  getSimilarVideos: async ({ world, origin, params }) => {
    const query = await queryDescriptor(world, params.asset_id);
    const allowed = licenseFilter(params.license ?? ["commercial"]);
    const neighbours = await world.visual.similarVideos([query], SIMILAR_LIMIT, (id) => {
      const record = world.catalog.videoById.get(id);
      return (
        record !== undefined && allowed(record.isEditorial) && (params.safe === false || !record.isAdult)
      );
    });
    return presentHits(neighbours, params.page, params.per_page, world.catalog.videoById, "Video", (record) =>
      presentVideo(record, origin, params.view ?? "minimal"),
    );
  },
  getKeywords: async ({ world, params }) => {
    const query = await queryDescriptor(world, params.asset_id);
    const neighbours = await world.visual.similarImages(query, 12, (id) => id !== params.asset_id);
    const weights = new Map<string, number>();
    for (const neighbour of neighbours) {
      const record = world.catalog.imageById.get(neighbour.id);
      for (const keyword of record?.picture.keywords ?? []) {
        weights.set(keyword, (weights.get(keyword) ?? 0) + neighbour.score);
      }
    }
    const keywords = [...weights.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 20)
      .map(([keyword]) => keyword);
    return { data: keywords };
  },
} satisfies HandlersOf<"computer_vision">;
