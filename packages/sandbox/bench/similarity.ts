// Visual similarity figures: index build, nearest-neighbour query latency (the index against a plain
// scan of every row, for catalog-like queries and for uploads unlike the catalog), and the full upload
// path (decode a 1024x768 JPEG, describe it, query). Prints figures only.
//   node bench/similarity.ts [pictures=10000] [queries=200]
import { decodeImage, encodeJpeg } from "../src/imaging/codec.ts";
import { makePicture } from "../src/imaging/picture.ts";
import { imageFromPixels } from "../src/imaging/pixels.ts";
import { renderPicture } from "../src/imaging/render.ts";
import { makeRng } from "../src/random.ts";
import {
  DESCRIPTOR_LENGTH,
  describePictureVisual,
  describeVisual,
  pictureWorkingSize,
  VisualIndex,
} from "../src/vision/index.ts";

const PICTURES = Number(process.argv[2] ?? 10_000);
const QUERIES = Number(process.argv[3] ?? 200);
const UPLOADS = 30;
const K = 50;
// What the similar-images handler asks the index for before paginating.
const HANDLER_K = 200;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const ms = (v: number): string => `${v.toFixed(2)} ms`;
const summary = (times: number[]): string => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${ms(percentile(sorted, 0.5))}  p95 ${ms(percentile(sorted, 0.95))}  max ${ms(sorted[sorted.length - 1]!)}`;
};

const rng = makeRng("bench-catalog");
const specs = Array.from({ length: PICTURES }, (_, i) => makePicture(rng.fork(`p${i}`)));

let renderMs = 0;
let describeMs = 0;
const index = new VisualIndex();
const buildStart = performance.now();
specs.forEach((spec, i) => {
  const t0 = performance.now();
  const { width, height } = pictureWorkingSize(spec);
  const image = renderPicture(spec, width, height);
  const t1 = performance.now();
  const descriptor = describeVisual(image);
  const t2 = performance.now();
  index.add(`p${i}`, descriptor);
  renderMs += t1 - t0;
  describeMs += t2 - t1;
});
const buildMs = performance.now() - buildStart;
console.log(`descriptor length ${DESCRIPTOR_LENGTH} floats`);
console.log(
  `index build: ${PICTURES} pictures in ${buildMs.toFixed(0)} ms ` +
    `(render ${(renderMs / PICTURES).toFixed(3)} ms + describe ${(describeMs / PICTURES).toFixed(3)} ms per picture)`,
);

const queryRng = makeRng("bench-queries");
const queries = Array.from({ length: QUERIES }, (_, i) =>
  describePictureVisual(makePicture(queryRng.fork(`q${i}`))),
);
// Warm-up, so the figures are for steady-state code.
for (const q of queries.slice(0, 10)) index.nearest(q, K);
const nearestTimes = queries.map((q) => {
  const t0 = performance.now();
  index.nearest(q, K);
  return performance.now() - t0;
});
console.log(`nearest(query, ${K}) over ${index.size}: ${summary(nearestTimes)}`);

/** Every row scored over the query's non-zero entries, then a full sort of all: what the index must equal. */
const descriptors = specs.map((_, i) => index.descriptorOf(`p${i}`)!);
const plainScan = (query: Float32Array, k: number) => {
  const scores = descriptors.map((descriptor, i) => {
    let score = 0;
    for (let j = 0; j < query.length; j++) {
      if (query[j] !== 0) score = Math.fround(score + query[j]! * descriptor[j]!);
    }
    return { id: `p${i}`, score };
  });
  return scores.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
};
// A disc of an arbitrary colour on a gradient, as the HTTP bench uploads: some match the catalog
// poorly, which is the index's slow path.
const unlike = Array.from({ length: 20 }, (_, n) => {
  const colour: [number, number, number] = [(n * 71) % 256, (n * 137) % 256, (n * 29) % 256];
  const [cx, cy] = [200 + ((n * 97) % 600), 150 + ((n * 53) % 450)];
  return describeVisual(
    imageFromPixels(1024, 768, (x, y) =>
      (x - cx) ** 2 + (y - cy) ** 2 < 180 ** 2 ? colour : [240 - (y >> 3), 240 - (x >> 4), 230],
    ),
  );
});
const timesOf = (list: Float32Array[], run: (q: Float32Array) => unknown) =>
  list.map((q) => {
    const t0 = performance.now();
    run(q);
    return performance.now() - t0;
  });
for (const [name, list] of [
  ["catalog-like queries", queries],
  ["uploads unlike the catalog", unlike],
] as const) {
  console.log(
    `${name}, k ${HANDLER_K}: index ${summary(timesOf(list, (q) => index.nearest(q, HANDLER_K)))}; ` +
      `naive scan and full sort ${summary(timesOf(list.slice(0, 20), (q) => plainScan(q, HANDLER_K)))}`,
  );
}

const uploads = Array.from({ length: UPLOADS }, (_, i) =>
  encodeJpeg(renderPicture(makePicture(queryRng.fork(`u${i}`)), 1024, 768), 85),
);
const stages = {
  decode: [] as number[],
  describe: [] as number[],
  nearest: [] as number[],
  total: [] as number[],
};
for (const bytes of [...uploads.slice(0, 3), ...uploads]) {
  const t0 = performance.now();
  const image = decodeImage(bytes);
  const t1 = performance.now();
  const descriptor = describeVisual(image);
  const t2 = performance.now();
  index.nearest(descriptor, K);
  const t3 = performance.now();
  stages.decode.push(t1 - t0);
  stages.describe.push(t2 - t1);
  stages.nearest.push(t3 - t2);
  stages.total.push(t3 - t0);
}
// Drop the warm-up runs.
for (const list of Object.values(stages)) list.splice(0, 3);
const median = (times: number[]): string =>
  ms(
    percentile(
      [...times].sort((a, b) => a - b),
      0.5,
    ),
  );
console.log(
  `upload path (1024x768 JPEG, ~${Math.round(uploads.reduce((s, u) => s + u.length, 0) / UPLOADS / 1024)} KiB): ` +
    `median ${median(stages.total)} = decode ${median(stages.decode)} + describe ${median(stages.describe)} + ` +
    `nearest ${median(stages.nearest)}`,
);
