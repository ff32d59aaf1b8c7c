// `shutterkit demo`: the whole flow against a sandbox started in this process, with no account:
// upload a picture, find similar images, license the best match, download and verify it.
import { readFile, stat } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Credentials,
  createClient,
  getSimilarImages,
  inspectImageFile,
  licenseImages,
  type schemas,
  uploadImageFile,
} from "@shutterkit/node";
import { type Command, type CommandContext, stringOption } from "../command.ts";
import { CommandFailed, ExitCode } from "../errors.ts";
import { bytes, json, oneLine, table } from "../format.ts";
import { colourLayout, decodePicture, layoutSimilarity } from "../similarity.ts";
import { previewUrl } from "./images.ts";
import { DEFAULT_DOWNLOAD_DIR, downloadWithProgress, pickSubscription } from "./license.ts";

const SAMPLE = fileURLToPath(new URL("../../assets/red-circle.png", import.meta.url));
const RESULTS = 5;

/**
 * Scores each result against the sample by colour layout of its preview; the API ranks results but
 * gives no score. A preview that cannot be fetched or decoded gets no score.
 */
const scoreAgainst = async (
  sample: Uint8Array,
  images: ReadonlyArray<schemas.Image>,
  signal: AbortSignal | undefined,
): Promise<Map<string, number>> => {
  const reference = decodePicture(sample);
  const scores = new Map<string, number>();
  if (reference === undefined) return scores;
  const layout = colourLayout(reference);
  await Promise.all(
    images.map(async (image) => {
      // The smallest rendition is enough for an 8×8 colour grid.
      const url = image.assets?.small_thumb?.url ?? image.assets?.large_thumb?.url ?? previewUrl(image);
      if (url === "") return;
      try {
        const response = await fetch(url, signal === undefined ? {} : { signal });
        if (!response.ok) return;
        const preview = decodePicture(new Uint8Array(await response.arrayBuffer()));
        if (preview !== undefined) scores.set(image.id, layoutSimilarity(layout, colourLayout(preview)));
      } catch {
        // No score for this one.
      }
    }),
  );
  return scores;
};

const run = async (context: CommandContext) => {
  const started = Date.now();
  const step = (text: string) => {
    if (!context.json) context.print(`▸ ${text}`);
  };
  // Loaded here, not at the top: the sandbox (catalog, imaging) is only needed by the demo.
  const { startSandboxServer } = await import("@shutterkit/sandbox/node");
  const sandbox = await startSandboxServer({ port: 0, host: "127.0.0.1" });
  try {
    step(`Sandbox API running at ${sandbox.url} (local, no account needed)`);
    const client = createClient({
      baseUrl: sandbox.url,
      credentials: Credentials.oauth(sandbox.credentials.accessToken),
      userAgent: "shutterkit-cli-demo",
    });

    const sample = await inspectImageFile(SAMPLE);
    const uploadId = await uploadImageFile(client, SAMPLE, context.request);
    step(
      `Uploaded red-circle.png (${sample.dimensions?.width}×${sample.dimensions?.height} ${sample.type.toUpperCase()}, ` +
        `${bytes(sample.size)}) → upload id ${uploadId}`,
    );

    const similar = await client.send(
      getSimilarImages,
      { asset_id: uploadId, per_page: RESULTS },
      context.request,
    );
    const scores = await scoreAgainst(sample.bytes, similar.data, context.io.signal);
    const similarity = (image: schemas.Image) => scores.get(image.id)?.toFixed(2) ?? "";
    const top = similar.data[0];
    if (top === undefined) throw new CommandFailed("The sandbox found no similar images.");
    if (!context.json) {
      step("Most similar images:");
      const rows = table(
        similar.data,
        [
          { header: "id", value: (image) => image.id },
          { header: "title", value: (image) => oneLine(image.description), flexible: true },
          { header: "similarity", value: similarity, align: "right" },
          { header: "preview", value: previewUrl },
        ],
        (context.io.stdout.columns ?? 120) - 2,
      );
      context.print(rows.replace(/^/gm, "  "));
    }

    const subscription = await pickSubscription(client, context);
    const licensed = await client.send(
      licenseImages,
      { images: [{ image_id: top.id, subscription_id: subscription, size: "medium" }] },
      {},
      context.request,
    );
    const license = licensed.data?.[0];
    if (license?.download?.url === undefined || license.error !== undefined)
      throw new CommandFailed(
        `Licensing ${top.id} failed: ${license?.error ?? "no download link in the answer"}`,
      );
    step(`Licensed image ${top.id} (license ${license.license_id ?? "?"}, subscription ${subscription})`);

    const output = stringOption(context.values, "output") ?? `${DEFAULT_DOWNLOAD_DIR}/`;
    const saved = await downloadWithProgress(context, license.download.url, output, true);
    const shown = relative(context.io.cwd, saved.path) || saved.path;
    step(`Downloaded ${shown} (${bytes(saved.bytes)})`);

    const onDisk = await stat(saved.path);
    const image = await inspectImageFile(saved.path, {
      maxBytes: Number.POSITIVE_INFINITY,
      maxPixels: Number.POSITIVE_INFINITY,
    });
    if (onDisk.size !== saved.bytes || image.size !== saved.bytes)
      throw new CommandFailed(`${shown} has ${onDisk.size} bytes, expected ${saved.bytes}`, ExitCode.File);
    const size =
      image.dimensions === undefined ? "" : `, ${image.dimensions.width}×${image.dimensions.height}`;
    step(
      `Verified: ${image.type.toUpperCase()}${size}, ${bytes(onDisk.size)}, matching the announced length`,
    );

    if (context.json)
      context.print(
        json({
          sandbox: sandbox.url,
          uploadId,
          similar: similar.data.map((entry) => ({
            id: entry.id,
            title: entry.description,
            similarity: scores.get(entry.id),
            preview: previewUrl(entry),
          })),
          license: { imageId: top.id, licenseId: license.license_id, subscription },
          download: { path: saved.path, bytes: saved.bytes, type: image.type, dimensions: image.dimensions },
        }),
      );
  } finally {
    await sandbox.close();
  }
  step(`Sandbox stopped. Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
};

export const demo: Command = {
  name: "demo",
  summary: "Run the whole flow against a local sandbox (no account needed)",
  usage: ["demo [-o DIR]"],
  help: [
    "Starts a sandbox of the API on a free local port, uploads a sample picture (a red circle),",
    "lists the most similar images, licenses the best match, downloads it with a progress bar",
    "into ./downloads/, checks the file, and stops the sandbox.",
    "",
    "Options:",
    "  -o, --output DIR   where the download goes (default ./downloads/)",
  ].join("\n"),
  options: { output: { type: "string", short: "o" } },
  run,
};

/** The demo's sample picture, for tests. */
export const samplePicture = (): Promise<Buffer> => readFile(SAMPLE);
