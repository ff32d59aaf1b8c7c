// Against the sandbox started by packages/deno's runtime test runner (SHUTTERSTOCK_* variables).
import assert from "node:assert/strict";
import { createClientFromEnv } from "@shutterkit/deno";
import { buildReport, listPictures, type Report, toCsv, toJson } from "../src/report.ts";

const samples = new URL("../samples/", import.meta.url);
const main = new URL("../main.ts", import.meta.url).pathname;
const config = new URL("../deno.json", import.meta.url).pathname;

/** A temp folder with the bundled samples plus a file that only looks like a picture. */
const withPictures = async (fn: (folder: string) => Promise<void>) => {
  const folder = await Deno.makeTempDir({ prefix: "shutterkit-deno-script-" });
  try {
    for (const name of await listPictures(samples.pathname))
      await Deno.copyFile(new URL(name, samples), `${folder}/${name}`);
    await Deno.writeTextFile(`${folder}/broken.jpg`, "not a picture");
    await Deno.writeTextFile(`${folder}/notes.txt`, "ignored: not a picture extension");
    await fn(folder);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
};

Deno.test("the bundled samples are 2-3 small JPEG/PNG pictures", async () => {
  const names = await listPictures(samples.pathname);
  assert.ok(names.length >= 2 && names.length <= 3, names.join(", "));
  for (const name of names) assert.ok((await Deno.stat(new URL(name, samples))).size < 50_000);
});

Deno.test("every picture gets its similar images; a broken file is reported, not fatal", async () => {
  const client = createClientFromEnv({ retry: false });
  await withPictures(async (folder) => {
    const seen: string[] = [];
    const report = await buildReport(client, folder, {
      perPicture: 3,
      onPicture: (picture) => seen.push(picture.file),
    });
    assert.deepEqual(seen, ["broken.jpg", ...(await listPictures(samples.pathname))].sort());
    const broken = report.pictures.find((picture) => picture.file === "broken.jpg");
    assert.match(broken?.error ?? "", /^UnsupportedType/);
    const good = report.pictures.filter((picture) => picture.file !== "broken.jpg");
    for (const picture of good) {
      assert.equal(picture.error, undefined);
      assert.match(picture.uploadId ?? "", /^U\w+$/);
      assert.ok(picture.similar.length > 0 && picture.similar.length <= 3);
      assert.deepEqual(
        picture.similar.map((image) => image.rank),
        picture.similar.map((_, index) => index + 1),
      );
    }
    const parsed = JSON.parse(toJson(report)) as Report;
    assert.equal(parsed.pictures.length, report.pictures.length);
    const csv = toCsv(report).trimEnd().split("\r\n");
    assert.equal(csv[0], "file,upload_id,rank,image_id,description,preview_url,error");
    const similarCount = good.reduce((sum, picture) => sum + picture.similar.length, 0);
    assert.equal(csv.length, 1 + similarCount + 1);
  });
});

Deno.test("CSV fields with commas, quotes and formula characters are escaped", () => {
  const report: Report = {
    generatedAt: "2026-01-01T00:00:00.000Z",
    api: "http://127.0.0.1",
    folder: "x",
    perPicture: 1,
    pictures: [
      {
        file: "a,b.jpg",
        uploadId: "U1",
        similar: [{ rank: 1, id: "7", description: 'say "hi"', previewUrl: undefined }],
      },
      { file: "=cmd.png", similar: [], error: "UnsupportedType: nope" },
    ],
  };
  assert.deepEqual(toCsv(report).trimEnd().split("\r\n").slice(1), [
    '"a,b.jpg",U1,1,7,"say ""hi""",,',
    "'=cmd.png,,,,,,UnsupportedType: nope",
  ]);
});

Deno.test("the documented command writes a CSV report with only the permissions it names", async () => {
  await withPictures(async (folder) => {
    const out = `${folder}/out/report.csv`;
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        "--config",
        config,
        "--allow-env=SHUTTERSTOCK_API_TOKEN,SHUTTERSTOCK_BASE_URL",
        "--allow-net=127.0.0.1",
        `--allow-read=${folder}`,
        `--allow-write=${folder}/out`,
        main,
        folder,
        "--out",
        out,
        "--per-picture",
        "2",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    assert.match(stdout, /Wrote .*report\.csv \(4 pictures, 1 skipped\)/);
    const lines = (await Deno.readTextFile(out)).trimEnd().split("\r\n");
    assert.equal(lines.length, 1 + 3 * 2 + 1);
  });
});
