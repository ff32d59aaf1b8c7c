// The Node server's upload decoder (sharp): the same pixels as the portable decoder, within the
// rounding of two IDCT implementations, and the same refusals.
import { describe, expect, it } from "vitest";
import {
  type DecodeLimits,
  decodeImage,
  encodeJpeg,
  encodePng,
  ImageDecodeError,
  type ImageDecoder,
} from "../../src/imaging/codec.ts";
import { makePicture } from "../../src/imaging/picture.ts";
import { renderPicture } from "../../src/imaging/render.ts";
import { loadSharpDecoder } from "../../src/imaging/sharp-decoder.ts";
import { makeRng } from "../../src/random.ts";

const picture = (seed: string, width: number, height: number) =>
  renderPicture(makePicture(makeRng(seed)), width, height);

const sharpDecoder = async (): Promise<ImageDecoder> => {
  const decoder = await loadSharpDecoder();
  if (decoder === undefined)
    throw new Error("sharp (an optional dependency of the sandbox) is not installed");
  return decoder;
};

const failure = async (decoder: ImageDecoder, bytes: Uint8Array, limits?: DecodeLimits) => {
  try {
    await decoder(bytes, limits);
  } catch (error) {
    if (error instanceof ImageDecodeError) return error.reason;
    throw error;
  }
  return "decoded";
};

const meanDifference = (a: Uint8ClampedArray, b: Uint8ClampedArray): number => {
  let total = 0;
  for (let index = 0; index < a.length; index++) total += Math.abs((a[index] ?? 0) - (b[index] ?? 0));
  return total / a.length;
};

describe("sharp upload decoder", () => {
  it("decodes PNG exactly and JPEG within rounding of the portable decoder", async () => {
    const decode = await sharpDecoder();
    const image = picture("sharp", 320, 240);
    const png = encodePng(image);
    const fromPng = await decode(png);
    expect(fromPng).toMatchObject({ width: 320, height: 240 });
    expect(fromPng.data).toEqual(decodeImage(png).data);
    const jpeg = encodeJpeg(image, 85);
    const fromJpeg = await decode(jpeg);
    expect(fromJpeg).toMatchObject({ width: 320, height: 240 });
    expect(meanDifference(fromJpeg.data, decodeImage(jpeg).data)).toBeLessThan(1.5);
  });

  it("refuses what the portable decoder refuses, with the same reasons", async () => {
    const decode = await sharpDecoder();
    const image = picture("refusals", 120, 80);
    const png = encodePng(image);
    const jpeg = encodeJpeg(image, 80);
    const cases: Array<[Uint8Array, DecodeLimits | undefined]> = [
      [new TextEncoder().encode("GIF89a and more bytes"), undefined],
      [png, { maxBytes: png.length - 1 }],
      [png, { maxPixels: 9_599 }],
      [png.slice(0, png.length - 20), undefined],
      [jpeg.slice(0, Math.floor(jpeg.length / 2)), undefined],
      [jpeg.slice(0, 100), undefined],
    ];
    for (const [bytes, limits] of cases) {
      const portable = await failure(decodeImage, bytes, limits);
      expect(portable).not.toBe("decoded");
      expect(await failure(decode, bytes, limits)).toBe(portable);
    }
  });
});
