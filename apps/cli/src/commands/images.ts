// Finding images: text search, visual similarity, details and suggested keywords.
import { existsSync } from "node:fs";
import {
  getImage,
  getKeywords,
  getSimilarImages,
  type schemas,
  searchImages,
  uploadImageFile,
} from "@shutterkit/node";
import { assetId, oneOf, positiveInt, required } from "../args.ts";
import { type Command, type CommandContext, stringOption } from "../command.ts";
import { UsageError } from "../errors.ts";
import { type Column, fields, json, oneLine, table } from "../format.ts";

const width = (context: CommandContext) => context.io.stdout.columns ?? 120;

export const previewUrl = (image: schemas.Image): string =>
  image.assets?.preview?.url ?? image.assets?.preview_1000?.url ?? image.assets?.large_thumb?.url ?? "";

export const imageColumns: ReadonlyArray<Column<schemas.Image>> = [
  { header: "id", value: (image) => image.id },
  { header: "description", value: (image) => oneLine(image.description), flexible: true },
  { header: "type", value: (image) => image.image_type ?? "" },
  { header: "preview", value: previewUrl },
];

const pagingOptions = {
  "per-page": { type: "string", short: "n" },
  page: { type: "string" },
} as const;

const paging = (context: CommandContext) => {
  const perPage = positiveInt("per-page", stringOption(context.values, "per-page"), 500);
  const page = positiveInt("page", stringOption(context.values, "page"), 10_000);
  return { ...(perPage === undefined ? {} : { per_page: perPage }), ...(page === undefined ? {} : { page }) };
};

export const search: Command = {
  name: "search",
  summary: "Search images by text",
  usage: ["search <query...> [--per-page N] [--page N] [--sort popular|newest|relevance|random]"],
  help: [
    "Options:",
    "  -n, --per-page N     results per page (default 10, at most 500)",
    "      --page N         page number",
    "      --sort ORDER     popular, newest, relevance or random",
    "      --orientation O  horizontal or vertical",
    "      --type TYPE      photo, illustration or vector",
    "      --license L      commercial or editorial",
    "",
    'Example: shutterkit search "red balloon" -n 5',
  ].join("\n"),
  options: {
    ...pagingOptions,
    sort: { type: "string" },
    orientation: { type: "string" },
    type: { type: "string" },
    license: { type: "string" },
  },
  run: async (context) => {
    const query = required("search query", context.positionals.join(" ") || undefined);
    const sort = oneOf("sort", stringOption(context.values, "sort"), [
      "popular",
      "newest",
      "relevance",
      "random",
    ]);
    const orientation = oneOf("orientation", stringOption(context.values, "orientation"), [
      "horizontal",
      "vertical",
    ]);
    const type = oneOf("type", stringOption(context.values, "type"), ["photo", "illustration", "vector"]);
    const license = oneOf("license", stringOption(context.values, "license"), ["commercial", "editorial"]);
    const result = await context.client().send(
      searchImages,
      {
        query,
        per_page: 10,
        ...paging(context),
        ...(sort === undefined ? {} : { sort }),
        ...(orientation === undefined ? {} : { orientation }),
        ...(type === undefined ? {} : { image_type: [type] }),
        ...(license === undefined ? {} : { license: [license] }),
      },
      context.request,
    );
    if (context.json) return context.print(json(result));
    if (result.data.length === 0) return context.print(`No images match "${query}".`);
    context.print(table(result.data, imageColumns, width(context)));
    context.print(`\n${result.data.length} of ${result.total_count} results for "${query}".`);
  },
};

/** An argument that names a file is uploaded; anything else must be an asset or upload id. */
const resolveAsset = async (
  context: CommandContext,
  argument: string,
): Promise<{ assetId: string; from: string }> => {
  const path = context.resolvePath(argument);
  if (existsSync(path)) {
    const uploadId = await uploadImageFile(context.client(), path, {
      ...context.request,
    });
    return { assetId: uploadId, from: `${argument} (upload ${uploadId})` };
  }
  if (/^[1-9]\d*$/.test(argument) || /^U\w+$/.test(argument)) return { assetId: argument, from: argument };
  throw new UsageError(`"${argument}" is neither a file nor an image or upload id.`);
};

export const similar: Command = {
  name: "similar",
  summary: "Find images that look like a picture file or an image id",
  usage: ["similar <file | image-id | upload-id> [--per-page N]"],
  help: [
    "A JPEG or PNG file is uploaded first (checked locally: at most 10 MB and 10,000 pixels a side).",
    "",
    "Options:",
    "  -n, --per-page N   results (default 10)",
    "      --page N       page number",
    "",
    "Examples: shutterkit similar ./photo.jpg",
    "          shutterkit similar 1234567 --json",
  ].join("\n"),
  options: pagingOptions,
  run: async (context) => {
    const argument = required("file or image id", context.positionals[0]);
    const { assetId: asset, from } = await resolveAsset(context, argument);
    const result = await context
      .client()
      .send(getSimilarImages, { asset_id: asset, per_page: 10, ...paging(context) }, context.request);
    if (context.json) return context.print(json(result));
    if (result.data.length === 0) return context.print(`No similar images for ${from}.`);
    context.print(table(result.data, imageColumns, width(context)));
    context.print(`\n${result.data.length} images similar to ${from}, most similar first.`);
  },
};

export const details: Command = {
  name: "details",
  summary: "Show one image's details",
  usage: ["details <image-id>"],
  options: {},
  run: async (context) => {
    const id = assetId("image id", context.positionals[0]);
    const image = await context.client().send(getImage, { id }, context.request);
    if (context.json) return context.print(json(image));
    const sizes = Object.entries(image.assets ?? {})
      .flatMap(([name, asset]) =>
        asset !== undefined && "width" in asset && asset.width !== undefined && name.endsWith("_jpg")
          ? [`${name.replace(/_jpg$/, "")} ${asset.width}×${asset.height ?? "?"}`]
          : [],
      )
      .join(", ");
    context.print(
      fields([
        ["id", image.id],
        ["description", oneLine(image.description)],
        ["type", image.image_type],
        ["contributor", image.contributor.id],
        ["added", image.added_date],
        ["aspect", image.aspect],
        ["sizes", sizes || undefined],
        ["keywords", image.keywords?.slice(0, 12).join(", ")],
        ["preview", previewUrl(image) || undefined],
        ["url", image.url],
      ]),
    );
  },
};

export const keywords: Command = {
  name: "keywords",
  summary: "Suggest keywords for a picture file (or an image or upload id)",
  usage: ["keywords <file | image-id | upload-id>"],
  options: {},
  run: async (context) => {
    const argument = required("file or image id", context.positionals[0]);
    const { assetId: asset, from } = await resolveAsset(context, argument);
    const result = await context.client().send(getKeywords, { asset_id: asset }, context.request);
    if (context.json) return context.print(json(result));
    const words = result.data ?? [];
    if (words.length === 0) return context.print(`No keywords suggested for ${from}.`);
    context.print(words.join(", "));
  },
};
