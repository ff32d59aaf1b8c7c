// JPEG encoding at the sizes the sandbox serves (thumbnails to preview_1500), the hand-written
// baseline encoder against jpeg-js's: median ms per picture over several rounds. Prints figures only.
//   node bench/jpeg-encode.ts
import jpeg from "jpeg-js";
import { encodeBaselineJpeg } from "../src/imaging/jpeg-encoder.ts";
import { makePicture } from "../src/imaging/picture.ts";
import { renderPicture } from "../src/imaging/render.ts";
import { makeRng } from "../src/random.ts";

const SIZES: ReadonlyArray<readonly [string, number, number]> = [
  ["small_thumb 100x67", 100, 67],
  ["large_thumb 150x100", 150, 100],
  ["preview 450x300", 450, 300],
  ["preview_1000 1000x667", 1000, 667],
  ["upload 1024x768", 1024, 768],
  ["preview_1500 1500x1000", 1500, 1000],
];
const ROUNDS = 15;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const time = (run: () => unknown): number => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

const spec = makePicture(makeRng("jpeg-bench"));
console.log("| size | hand-written (ms) | jpeg-js (ms) | jpeg-js / hand-written |");
console.log("|---|---:|---:|---:|");
for (const [name, width, height] of SIZES) {
  const image = renderPicture(spec, width, height);
  const pixels = { width, height, data: image.data };
  for (let warm = 0; warm < 3; warm++) {
    encodeBaselineJpeg(image, 85);
    jpeg.encode(pixels, 85);
  }
  const own: number[] = [];
  const library: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    own.push(time(() => encodeBaselineJpeg(image, 85)));
    library.push(time(() => jpeg.encode(pixels, 85)));
  }
  const a = median(own);
  const b = median(library);
  console.log(`| ${name} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(2)}x |`);
}
