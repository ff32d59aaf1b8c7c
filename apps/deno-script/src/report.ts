// The work of the script, separate from argument parsing so tests can run it: every picture in a
// folder is uploaded, the API's most similar catalog images are collected, and the result is
// rendered as JSON or CSV.
import {
  FileError,
  getSimilarImages,
  isShutterstockError,
  type ShutterstockClient,
  uploadImageFile,
} from "@shutterkit/deno";

export interface SimilarImage {
  readonly rank: number;
  readonly id: string;
  readonly description: string | undefined;
  readonly previewUrl: string | undefined;
}

export interface PictureResult {
  /** File name inside the folder. */
  readonly file: string;
  readonly uploadId?: string;
  readonly similar: ReadonlyArray<SimilarImage>;
  /** Why this picture has no results (unreadable file, API error); the other pictures still run. */
  readonly error?: string;
}

export interface Report {
  readonly generatedAt: string;
  readonly api: string;
  readonly folder: string;
  readonly perPicture: number;
  readonly pictures: ReadonlyArray<PictureResult>;
}

const PICTURE = /\.(jpe?g|png)$/i;

/** Picture files of a folder (by extension; the content is checked on upload), sorted by name. */
export const listPictures = async (folder: string): Promise<string[]> => {
  const names: string[] = [];
  for await (const entry of Deno.readDir(folder)) {
    if (entry.isFile && PICTURE.test(entry.name)) names.push(entry.name);
  }
  return names.sort();
};

// Only errors about this one picture are recorded and skipped; anything else (no permission, the
// API unreachable) stops the run.
const perPictureError = (error: unknown): string | undefined => {
  if (error instanceof FileError) return `${error.reason}: ${error.message}`;
  if (isShutterstockError(error) && error._tag !== "NetworkError" && error._tag !== "Unauthorized") {
    return `${error._tag}: ${error.message}`;
  }
  return undefined;
};

export interface ReportOptions {
  /** How many similar images to keep per picture. Default 5. */
  readonly perPicture?: number;
  /** Called as each picture is done, for progress output. */
  readonly onPicture?: (result: PictureResult, index: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export const buildReport = async (
  client: ShutterstockClient,
  folder: string,
  options: ReportOptions = {},
): Promise<Report> => {
  const perPicture = options.perPicture ?? 5;
  const files = await listPictures(folder);
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const pictures: PictureResult[] = [];
  for (const [index, file] of files.entries()) {
    let result: PictureResult;
    try {
      const uploadId = await uploadImageFile(client, `${folder}/${file}`, signal);
      const found = await client.send(
        getSimilarImages,
        { asset_id: uploadId, per_page: perPicture, view: "full" },
        signal,
      );
      const similar = found.data.slice(0, perPicture).map((image, rank) => ({
        rank: rank + 1,
        id: image.id,
        description: image.description,
        previewUrl: image.assets?.preview?.url,
      }));
      result = { file, uploadId, similar };
    } catch (error) {
      const reason = perPictureError(error);
      if (reason === undefined) throw error;
      result = { file, similar: [], error: reason };
    }
    pictures.push(result);
    options.onPicture?.(result, index, files.length);
  }
  return {
    generatedAt: new Date().toISOString(),
    api: client.config.baseUrl.origin,
    folder,
    perPicture,
    pictures,
  };
};

export const toJson = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;

const CSV_COLUMNS = ["file", "upload_id", "rank", "image_id", "description", "preview_url", "error"] as const;

// RFC 4180: quote fields with commas, quotes or line breaks, doubling inner quotes. A leading
// formula character is neutralised so spreadsheets do not evaluate catalog text.
const csvField = (value: string | number | undefined): string => {
  if (value === undefined) return "";
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** One row per similar image; a picture without results has one row carrying its error. */
export const toCsv = (report: Report): string => {
  const rows = report.pictures.flatMap((picture) =>
    picture.similar.length === 0
      ? [[picture.file, picture.uploadId, undefined, undefined, undefined, undefined, picture.error]]
      : picture.similar.map((image) => [
          picture.file,
          picture.uploadId,
          image.rank,
          image.id,
          image.description,
          image.previewUrl,
          undefined,
        ]),
  );
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
};
