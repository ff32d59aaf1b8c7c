// The compiled accept path (src/guard.ts) against Schema.decodeUnknownExit on search pages of 20 and
// 500 images. Prints figures only: run with `node bench/guard.ts` from packages/core under Node 24.
import { Exit, Schema } from "effect";
import { ImageSearchResults } from "../src/generated/schemas.ts";
import { compileGuard } from "../src/guard.ts";
import { searchPageJson } from "./sample.ts";

const page = (size: number): unknown => JSON.parse(searchPageJson(size));

const compileStart = performance.now();
const guard = compileGuard(ImageSearchResults);
const compileMs = performance.now() - compileStart;
if (guard === undefined) throw new Error("ImageSearchResults has no guard");
const decode = Schema.decodeUnknownExit(ImageSearchResults);

// Best of several rounds: the machine is shared, and the minimum is the least disturbed figure.
const time = (run: () => boolean, iterations: number): number => {
  for (let index = 0; index < Math.max(50, iterations / 10); index++) run();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    let ok = true;
    for (let index = 0; index < iterations; index++) ok = run() && ok;
    best = Math.min(best, ((performance.now() - start) * 1000) / iterations);
    if (!ok) throw new Error("a run rejected the page");
  }
  return best;
};

console.log(`compileGuard(ImageSearchResults): ${compileMs.toFixed(2)} ms (first call, then memoized)`);
for (const size of [20, 500]) {
  const json = page(size);
  const iterations = size === 20 ? 5_000 : 200;
  const guarded = time(() => guard(json), iterations);
  const decoded = time(() => Exit.isSuccess(decode(json)), iterations);
  console.log(
    `${String(size).padStart(3)} images: guard ${guarded.toFixed(1)} µs (${(guarded / size).toFixed(3)} µs/image)` +
      `, decodeUnknownExit ${decoded.toFixed(1)} µs (${(decoded / size).toFixed(2)} µs/image)` +
      `, ${(decoded / guarded).toFixed(0)}x`,
  );
}
