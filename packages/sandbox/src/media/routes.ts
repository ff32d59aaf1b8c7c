// The sandbox's own media origin: previews, thumbnails, waveforms, signed downloads and renders.
import type { schemas } from "@shutterkit/core/generated";
import { presentCollection } from "../handlers/shared/collections.ts";
import { downloadPath } from "../handlers/shared/licensing.ts";
import { RENDER_SECONDS, renderFiles, renderPath, renderTempo } from "../handlers/shared/renders.ts";
import { editorialVideoFullSize, videoFullSize } from "../present/assets.ts";
import {
  EDITORIAL_VARIANTS,
  type EditorialVariant,
  IMAGE_VARIANTS,
  type ImageVariant,
  type Size,
  VIDEO_FRAME_COUNT,
  type VideoSizeName,
  variantSize,
  videoRenditionSize,
} from "../present/sizes.ts";
import { ApiError, notFound } from "../server/errors.ts";
import { bytesResponse, json } from "../server/respond.ts";
import type { LicenseState, MediaKind } from "../state/model.ts";
import { own } from "../state/own.ts";
import type { World } from "../world.ts";
import { encodeWav, synthesize } from "./audio.ts";
import type { MediaFile } from "./renderer.ts";

const PUBLIC_CACHE = { "cache-control": "public, max-age=86400, immutable" };

const file = (media: MediaFile, headers: Record<string, string> = PUBLIC_CACHE): Response =>
  bytesResponse(media.bytes, media.contentType, headers);

const isKey = <T extends object>(object: T, key: string): key is Extract<keyof T, string> =>
  Object.hasOwn(object, key);

const forbiddenDownload = (message: string) => new ApiError(403, message);

const checkSignature = async (world: World, url: URL, path: string): Promise<void> => {
  const expires = Number(url.searchParams.get("expires"));
  const signature = url.searchParams.get("signature") ?? "";
  if (!Number.isInteger(expires) || !(await world.signer.verify(path, expires, signature))) {
    throw forbiddenDownload("Forbidden: the download signature is missing or invalid");
  }
  if (expires * 1000 <= world.clock.now().getTime())
    throw forbiddenDownload("Forbidden: the download link has expired");
};

const imageDownloadSize = (full: Size, size: string): Size =>
  size === "small"
    ? variantSize(full, { maxSide: 500 })
    : size === "medium"
      ? variantSize(full, { maxSide: 1000 })
      : full;

const downloadFile = async (world: World, license: LicenseState, size: string): Promise<MediaFile> => {
  const catalog = world.catalog;
  switch (license.kind) {
    case "images": {
      const record = catalog.imageById.get(license.asset_id);
      if (record === undefined) throw notFound("Asset not found");
      return world.media.picture(
        `image/${record.id}`,
        record.picture.spec,
        imageDownloadSize(record.picture, size),
        90,
      );
    }
    case "editorial-images": {
      const record = catalog.editorialById.get(license.asset_id);
      if (record === undefined) throw notFound("Asset not found");
      return world.media.picture(
        `editorial/${record.id}`,
        record.picture.spec,
        imageDownloadSize(record.picture, size),
        90,
      );
    }
    case "videos": {
      const record = catalog.videoById.get(license.asset_id);
      if (record === undefined) throw notFound("Asset not found");
      const rendition = isKey({ web: 1, sd: 1, hd: 1, "4k": 1 }, size)
        ? (size as VideoSizeName)
        : record.resolution;
      return world.media.picture(
        `video/${record.id}`,
        record.picture.spec,
        videoRenditionSize(videoFullSize(record), rendition),
        90,
      );
    }
    case "editorial-videos": {
      const record = catalog.editorialById.get(license.asset_id);
      if (record === undefined) throw notFound("Asset not found");
      const full = editorialVideoFullSize(record);
      return world.media.picture(`editorial/${record.id}`, { ...record.picture.spec, ...full }, full, 90);
    }
    case "audio": {
      const record = catalog.audioById.get(license.asset_id);
      if (record === undefined) throw notFound("Asset not found");
      return world.media.audioFull(record);
    }
    case "sfx": {
      const record = catalog.sfxById.get(license.asset_id);
      if (record === undefined) throw notFound("Asset not found");
      return world.media.audioFull(record);
    }
  }
};

const sharedCollection = (world: World, origin: string, kind: string, code: string): Response => {
  if (kind === "featured") {
    const record = world.catalog.featuredById.get(code);
    if (record === undefined) throw notFound("Shared collection not found");
    return json(200, {
      id: record.id,
      name: record.name,
      items: record.itemIds.map((id) => ({ id, media_type: record.kind })),
    });
  }
  if (!isKey({ images: 1, videos: 1, audio: 1 }, kind)) throw notFound("Shared collection not found");
  const mediaKind = kind as MediaKind;
  const collection = Object.values(world.queue.state.collections[mediaKind]).find(
    (entry) => entry.share_code === code,
  );
  if (collection === undefined) throw notFound("Shared collection not found");
  const body: schemas.Collection & { items: Array<{ id: string }> } = {
    ...presentCollection(collection, mediaKind, origin),
    items: collection.items.map((item) => ({ id: item.id })),
  };
  return json(200, body);
};

/** Serves `/sandbox/media/…`, `/sandbox/downloads/…`, `/sandbox/renders/…` and `/sandbox/shared/…`. */
export const serveMedia = async (world: World, url: URL, origin: string): Promise<Response> => {
  const parts = url.pathname
    .split("/")
    .filter((part) => part.length > 0)
    .map(decodeURIComponent);
  const [, area, ...rest] = parts;
  const catalog = world.catalog;
  if (area === "media") {
    const [kind, id = "", name = "", extra] = rest;
    const stem = name.replace(/\.(jpg|png|wav)$/, "");
    switch (kind) {
      case "images": {
        const record = catalog.imageById.get(id);
        if (record === undefined || !isKey(IMAGE_VARIANTS, stem) || !name.endsWith(".jpg")) break;
        return file(await world.media.imageVariant(record, stem as ImageVariant));
      }
      case "editorial": {
        const record = catalog.editorialById.get(id);
        if (record === undefined || !isKey(EDITORIAL_VARIANTS, stem) || !name.endsWith(".jpg")) break;
        return file(await world.media.editorialVariant(record, stem as EditorialVariant));
      }
      case "videos": {
        const record = catalog.videoById.get(id);
        if (record === undefined) break;
        if (name === "thumb.jpg" || name === "preview.jpg") {
          return file(await world.media.videoStill(record, name === "thumb.jpg" ? "thumb" : "preview"));
        }
        const frame = Number((extra ?? "").replace(/\.jpg$/, ""));
        if (
          name === "frames" &&
          extra?.endsWith(".jpg") &&
          Number.isInteger(frame) &&
          frame >= 0 &&
          frame < VIDEO_FRAME_COUNT
        ) {
          return file(await world.media.videoFrame(record, frame));
        }
        break;
      }
      case "audio":
      case "sfx": {
        const record = kind === "audio" ? catalog.audioById.get(id) : catalog.sfxById.get(id);
        if (record === undefined) break;
        if (name === "preview.wav") return file(await world.media.audioPreview(record));
        if (name === "waveform.png") return file(await world.media.waveform(record));
        break;
      }
      case "custom": {
        if (name !== "preview.wav" || id.length === 0 || id.length > 80) break;
        return file({
          bytes: encodeWav(synthesize({ seed: `custom/${id}`, kind: "music", seconds: 8, bpm: 100 })),
          contentType: "audio/wav",
        });
      }
    }
    throw notFound(`No media at ${url.pathname}`);
  }
  if (area === "downloads") {
    const [licenseId = "", size = ""] = rest;
    const license = world.queue.state.licenses.find((entry) => entry.id === licenseId);
    if (license === undefined || url.pathname !== downloadPath(license, size))
      throw notFound("Download not found");
    await checkSignature(world, url, url.pathname);
    const media = await downloadFile(world, license, size);
    world.stats.download();
    const filename = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
    return file(media, {
      "cache-control": "private, no-store",
      "content-disposition": `attachment; filename="${filename}"`,
    });
  }
  if (area === "renders") {
    const [renderId = "", fileKey = ""] = rest;
    const render = own(world.queue.state.renders, renderId);
    if (
      render === undefined ||
      !renderFiles(render).some((entry) => entry.file === fileKey) ||
      url.pathname !== renderPath(render, fileKey)
    ) {
      throw notFound("Render file not found");
    }
    await checkSignature(world, url, url.pathname);
    const media = await world.media.renderedMusic(
      `${render.id}/${fileKey}`,
      RENDER_SECONDS,
      renderTempo(render),
    );
    return file(media, { "cache-control": "private, no-store", "content-disposition": "attachment" });
  }
  if (area === "shared") {
    const [kind = "", code = ""] = rest;
    return sharedCollection(world, origin, kind, code);
  }
  throw notFound(`No sandbox route at ${url.pathname}`);
};
