// Decoding uploads: the portable decoder (jpeg-js) against sharp, on JPEGs of upload sizes: median ms
// over several rounds. Prints figures only.   node bench/jpeg-decode.ts
import { decodeImage, encodeJpeg } from "../src/imaging/codec.ts";
import { makePicture } from "../src/imaging/picture.ts";
import { renderPicture } from "../src/imaging/render.ts";
import { loadSharpDecoder } from "../src/imaging/sharp-decoder.ts";
import { makeRng } from "../src/random.ts";

const SIZES: ReadonlyArray<readonly [number, number]> = [
  [640, 480],
  [1024, 768],
  [1500, 1000],
  [3000, 2000],
];
const ROUNDS = 15;

const sharp = await loadSharpDecoder();
if (sharp === undefined) throw new Error("sharp is not installed");
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const time = async (run: () => unknown): Promise<number> => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

const spec = makePicture(makeRng("decode-bench"));
console.log("| JPEG | KiB | jpeg-js (ms) | sharp (ms) | jpeg-js / sharp |");
console.log("|---|---:|---:|---:|---:|");
for (const [width, height] of SIZES) {
  const bytes = encodeJpeg(renderPicture(spec, width, height), 85);
  for (let warm = 0; warm < 3; warm++) {
    decodeImage(bytes, { maxBytes: 50 * 1024 * 1024 });
    await sharp(bytes);
  }
  const portable: number[] = [];
  const native: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    portable.push(await time(() => decodeImage(bytes)));
    native.push(await time(() => sharp(bytes)));
  }
  const a = median(portable);
  const b = median(native);
  console.log(
    `| ${width}x${height} | ${(bytes.byteLength / 1024).toFixed(0)} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(a / b).toFixed(1)}x |`,
  );
}
