// Visual similarity figures: index build, nearest-neighbour query latency, and the full upload path
// (decode a 1024x768 JPEG, describe it, query). Prints figures only.
//   node bench/similarity.ts [pictures=10000] [queries=200]
import { decodeImage, encodeJpeg } from "../src/imaging/codec.ts";
import { makePicture } from "../src/imaging/picture.ts";
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
