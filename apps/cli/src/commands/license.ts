// Licensing and downloading: licensing spends a subscription's allotment, downloading fetches the
// file of an existing license (or any signed download URL) to disk atomically.
import { mkdir } from "node:fs/promises";
import { dirname, relative } from "node:path";
import type { DownloadResult } from "@shutterkit/core/wire";
import {
  downloadImage,
  downloadToFile,
  getUserSubscriptionList,
  licenseImages,
  type ShutterstockClient,
  type schemas,
} from "@shutterkit/node";
import { assetId, oneOf, required } from "../args.ts";
import { type Command, type CommandContext, stringOption } from "../command.ts";
import { CommandFailed, UsageError } from "../errors.ts";
import { bytes, json, table } from "../format.ts";

export const DEFAULT_DOWNLOAD_DIR = "downloads";

const SIZES = ["small", "medium", "huge"] as const;

const usable = (subscription: schemas.Subscription, now: number): boolean => {
  const expires =
    subscription.expiration_time === undefined ? Number.NaN : Date.parse(subscription.expiration_time);
  const imageType = subscription.asset_type === undefined || /image/i.test(subscription.asset_type);
  const left = subscription.allotment?.downloads_left;
  return imageType && (Number.isNaN(expires) || expires > now) && (left === undefined || left > 0);
};

/** The first unexpired image subscription of the account, for when `--subscription` is not given. */
export const pickSubscription = async (
  client: ShutterstockClient,
  context: Pick<CommandContext, "request">,
): Promise<string> => {
  const list = await client.send(getUserSubscriptionList, context.request);
  const now = Date.now();
  const chosen = (list.data ?? []).find((subscription) => usable(subscription, now));
  if (chosen === undefined)
    throw new UsageError(
      "The account has no active image subscription to license with; pass one with --subscription ID.",
    );
  return chosen.id;
};

/** Downloads with a progress bar into a directory (created when missing) or to a file path. */
export const downloadWithProgress = async (
  context: CommandContext,
  url: string,
  output: string | undefined,
  overwrite: boolean,
): Promise<DownloadResult> => {
  const target = context.resolvePath(output ?? `${DEFAULT_DOWNLOAD_DIR}/`);
  const isDirectory = output === undefined || /[/\\]$/.test(output);
  await mkdir(isDirectory ? target : dirname(target), { recursive: true });
  const bar = context.progress("downloading");
  try {
    return await downloadToFile(url, target, {
      overwrite,
      onProgress: bar.update,
      ...(context.io.signal === undefined ? {} : { signal: context.io.signal }),
    });
  } finally {
    bar.done();
  }
};

const saved = (context: CommandContext, result: DownloadResult) =>
  `Saved ${relative(context.io.cwd, result.path) || result.path} (${bytes(result.bytes)}${result.contentType === undefined ? "" : `, ${result.contentType}`}).`;

export const license: Command = {
  name: "license",
  summary: "License images (needs an OAuth token with licenses.create)",
  usage: [
    "license <image-id...> [--subscription ID] [--size small|medium|huge] [--editorial] [--download [-o DIR]]",
  ],
  help: [
    "Options:",
    "      --subscription ID  subscription to charge (default: the first active image subscription)",
    "      --size SIZE        small, medium or huge (default huge)",
    "      --editorial        acknowledge the editorial-use terms (required for editorial images)",
    "  -d, --download         download each licensed file right away",
    "  -o, --output PATH      where downloads go (default ./downloads/)",
    "",
    "Example: shutterkit license 1234567 --size medium --download",
  ].join("\n"),
  options: {
    subscription: { type: "string" },
    size: { type: "string" },
    editorial: { type: "boolean" },
    download: { type: "boolean", short: "d" },
    output: { type: "string", short: "o" },
  },
  run: async (context) => {
    if (context.positionals.length === 0) throw new UsageError("Missing the image id to license.");
    const ids = context.positionals.map((id) => assetId("image id", id));
    const size = oneOf("size", stringOption(context.values, "size"), SIZES);
    const client = context.client();
    const subscription =
      stringOption(context.values, "subscription") ?? (await pickSubscription(client, context));
    const result = await client.send(
      licenseImages,
      {
        images: ids.map((image_id) => ({
          image_id,
          subscription_id: subscription,
          ...(size === undefined ? {} : { size }),
          ...(context.values["editorial"] === true ? { editorial_acknowledgement: true } : {}),
        })),
      },
      {},
      context.request,
    );
    const licenses = result.data ?? [];
    const downloads: DownloadResult[] = [];
    if (context.values["download"] === true)
      for (const entry of licenses)
        if (entry.download?.url !== undefined)
          downloads.push(
            await downloadWithProgress(
              context,
              entry.download.url,
              stringOption(context.values, "output"),
              true,
            ),
          );
    if (context.json) return context.print(json(downloads.length === 0 ? result : { ...result, downloads }));
    context.print(
      table(
        licenses,
        [
          { header: "image", value: (entry) => entry.image_id },
          { header: "license", value: (entry) => entry.license_id ?? "" },
          { header: "status", value: (entry) => entry.error ?? "licensed" },
          { header: "download url", value: (entry) => entry.download?.url ?? "" },
        ],
        10_000,
      ),
    );
    for (const download of downloads) context.print(saved(context, download));
    const failed = licenses.filter((entry) => entry.error !== undefined);
    if (failed.some((entry) => /editorial/i.test(entry.error ?? "")) && context.values["editorial"] !== true)
      context.note(
        "Editorial images can be licensed for editorial use only: add --editorial to acknowledge.",
      );
    if (failed.length > 0 || licenses.length === 0)
      throw new CommandFailed(
        failed.length === 0
          ? "The API licensed nothing."
          : `${failed.length} of ${ids.length} images were not licensed.`,
      );
  },
};

const isUrl = (text: string) => /^https?:\/\//i.test(text);

export const download: Command = {
  name: "download",
  summary: "Download a licensed image by license id or download URL",
  usage: ["download <license-id | url> [-o PATH] [--size small|medium|huge] [--force]"],
  help: [
    "The file is written to a temporary name and renamed only once complete, so an interrupted",
    "download never leaves a partial file.",
    "",
    "Options:",
    "  -o, --output PATH   a file, or a directory ending in / (default ./downloads/)",
    "      --size SIZE     size to re-download for a license id (small, medium, huge)",
    "  -f, --force         replace an existing file",
  ].join("\n"),
  options: {
    output: { type: "string", short: "o" },
    size: { type: "string" },
    force: { type: "boolean", short: "f" },
  },
  run: async (context) => {
    const argument = required("license id or URL", context.positionals[0]);
    const size = oneOf("size", stringOption(context.values, "size"), SIZES);
    let url = argument;
    if (!isUrl(argument)) {
      if (!/^[\w-]+$/.test(argument))
        throw new UsageError(`"${argument}" is neither a license id nor a URL.`);
      const link = await context
        .client()
        .send(downloadImage, size === undefined ? {} : { size }, { id: argument }, context.request);
      url = link.url;
    } else if (size !== undefined) throw new UsageError("--size applies to a license id, not a URL.");
    const result = await downloadWithProgress(
      context,
      url,
      stringOption(context.values, "output"),
      context.values["force"] === true,
    );
    if (context.json) return context.print(json(result));
    context.print(saved(context, result));
  },
};
