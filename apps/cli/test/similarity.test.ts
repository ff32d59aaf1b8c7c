import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { encodeJpeg, encodePng, imageFromPixels } from "@shutterkit/sandbox/imaging";
import { describe, expect, it } from "vitest";
import { colourLayout, decodePicture, layoutSimilarity, type Rgba } from "../src/similarity.ts";

const SAMPLE = readFileSync(fileURLToPath(new URL("../assets/red-circle.png", import.meta.url)));

const circle = (size: number, colour: readonly [number, number, number]): Rgba => {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size * 0.32) ** 2;
      data.set([...(inside ? colour : ([255, 255, 255] as const)), 255], (y * size + x) * 4);
    }
  return { width: size, height: size, data };
};

describe("similarity", () => {
  it("decodes the bundled PNG sample", () => {
    const image = decodePicture(SAMPLE);
    expect(image).toMatchObject({ width: 256, height: 256 });
    const centre = (128 * 256 + 128) * 4;
    expect(Array.from(image?.data ?? []).slice(centre, centre + 4)).toEqual([220, 30, 40, 255]);
    expect(Array.from(image?.data ?? []).slice(0, 4)).toEqual([255, 255, 255, 255]);
  });

  it("decodes a JPEG and ignores what is not an image", () => {
    const encoded = encodeJpeg(
      imageFromPixels(32, 32, (x, y) =>
        (x - 16) ** 2 + (y - 16) ** 2 < 100 ? [220, 30, 40] : [255, 255, 255],
      ),
      90,
    );
    expect(decodePicture(encoded)).toMatchObject({ width: 32, height: 32 });
    expect(decodePicture(new TextEncoder().encode("not a picture"))).toBeUndefined();
  });

  it("scores the same picture 1 and ranks a same-shape, same-colour picture above others", () => {
    const sample = colourLayout(decodePicture(SAMPLE)!);
    expect(layoutSimilarity(sample, sample)).toBeCloseTo(1, 10);
    const redSmall = layoutSimilarity(sample, colourLayout(circle(64, [220, 30, 40])));
    const blue = layoutSimilarity(sample, colourLayout(circle(64, [30, 40, 220])));
    const black = layoutSimilarity(
      sample,
      colourLayout(decodePicture(encodePng(imageFromPixels(16, 16, () => [0, 0, 0])))!),
    );
    expect(redSmall).toBeGreaterThan(0.95);
    expect(blue).toBeLessThan(redSmall);
    expect(black).toBeLessThan(blue);
  });
});
