// Finds the most similar Shutterstock catalog images for every picture in a folder.
//
//   deno run --allow-env --allow-net --allow-read=<folder> --allow-write=<report dir> \
//     main.ts <folder> [--out report.json|report.csv] [--per-picture 5]
//
// Credentials come from SHUTTERSTOCK_API_TOKEN (or SHUTTERSTOCK_API_KEY + SHUTTERSTOCK_API_SECRET),
// and SHUTTERSTOCK_BASE_URL points it at the sandbox; see README.md.
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { createClientFromEnv, EnvironmentError, MissingPermission } from "@shutterkit/deno";
import { buildReport, toCsv, toJson } from "./src/report.ts";

const usage = "usage: main.ts <folder> [--out report.json|report.csv] [--per-picture N]";

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "report.json" },
      "per-picture": { type: "string", default: "5" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [folder] = positionals;
  const perPicture = Number(values["per-picture"]);
  if (values.help || folder === undefined || !Number.isInteger(perPicture) || perPicture < 1) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  const out = values.out;
  const format = out.toLowerCase().endsWith(".csv") ? "csv" : "json";

  const client = createClientFromEnv();
  console.log(`Finding similar images for the pictures in ${folder} (API ${client.config.baseUrl.origin})`);
  const report = await buildReport(client, folder, {
    perPicture,
    onPicture: (picture, index, total) => {
      const outcome =
        picture.error ?? `${picture.similar.length} similar: ${picture.similar.map((s) => s.id).join(", ")}`;
      console.log(`  [${index + 1}/${total}] ${picture.file} → ${outcome}`);
    },
  });
  await Deno.mkdir(dirname(out), { recursive: true });
  await Deno.writeTextFile(out, format === "csv" ? toCsv(report) : toJson(report));
  const failed = report.pictures.filter((picture) => picture.error !== undefined).length;
  console.log(`Wrote ${out} (${report.pictures.length} pictures, ${failed} skipped)`);
  return report.pictures.length === 0 ? 1 : 0;
};

try {
  Deno.exitCode = await main();
} catch (error) {
  // Configuration and permission problems are the user's to fix: one clear line, no stack.
  if (error instanceof EnvironmentError || error instanceof MissingPermission) {
    console.error(`error: ${error.message}`);
    Deno.exitCode = 1;
  } else {
    throw error;
  }
}
