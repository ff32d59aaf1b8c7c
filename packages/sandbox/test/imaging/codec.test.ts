import { encode as encodePngRaw } from "fast-png";
import jpegJs from "jpeg-js";
import { afterEach, describe, expect, it } from "vitest";
import {
  decodeImage,
  encodeJpeg,
  encodePng,
  ImageDecodeError,
  resizeImage,
  sniffImageFormat,
} from "../../src/imaging/codec.ts";
import { makePicture, type RgbaImage } from "../../src/imaging/picture.ts";
import { renderPicture } from "../../src/imaging/render.ts";
import { makeRng } from "../../src/random.ts";

const picture = (seed: string, width = 200, height = 150): RgbaImage =>
  renderPicture(makePicture(makeRng(seed)), width, height);

const meanAbsDiff = (a: RgbaImage, b: RgbaImage): number => {
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    sum += Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!);
    sum += Math.abs(a.data[i + 2]! - b.data[i + 2]!);
  }
  return sum / ((a.data.length / 4) * 3);
};

const decodeFailure = (bytes: Uint8Array, limits?: { maxBytes?: number; maxPixels?: number }): string => {
  try {
    decodeImage(bytes, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect(error).toBeInstanceOf(Error);
    return (error as ImageDecodeError).reason;
  }
  throw new Error("expected decodeImage to fail");
};

const u32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

describe("PNG", () => {
  it("round-trips RGBA exactly as a tight, plain Uint8Array", () => {
    const img = picture("png");
    const bytes = encodePng(img);
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
    expect(sniffImageFormat(bytes)).toBe("png");
    const back = decodeImage(bytes);
    expect(back.width).toBe(200);
    expect(back.height).toBe(150);
    expect(back.data).toEqual(img.data);
  });

  it("converts every colour type and bit depth to RGBA8", () => {
    const w = 3;
    const h = 2;
    const cases: Array<[string, Parameters<typeof encodePngRaw>[0], number[]]> = [
      [
        "grey 8",
        { width: w, height: h, channels: 1, depth: 8, data: Uint8Array.of(0, 128, 255, 10, 20, 30) },
        [128, 128, 128, 255],
      ],
      [
        "grey 16",
        { width: w, height: h, channels: 1, depth: 16, data: Uint16Array.of(0, 0x8000, 0xffff, 1, 2, 3) },
        [128, 128, 128, 255],
      ],
      [
        "grey+alpha 8",
        {
          width: w,
          height: h,
          channels: 2,
          depth: 8,
          data: Uint8Array.of(0, 0, 200, 100, 255, 255, 1, 1, 2, 2, 3, 3),
        },
        [200, 200, 200, 100],
      ],
      [
        "rgb 8",
        {
          width: w,
          height: h,
          channels: 3,
          depth: 8,
          data: Uint8Array.from({ length: 18 }, (_, i) => i * 10),
        },
        [30, 40, 50, 255],
      ],
      [
        "rgb 16",
        {
          width: w,
          height: h,
          channels: 3,
          depth: 16,
          data: Uint16Array.from({ length: 18 }, (_, i) => i * 2570),
        },
        [30, 40, 50, 255],
      ],
      // 1 bit per pixel, rows padded to a byte: row 0 = 0 1 0, row 1 = 1 1 1.
      [
        "grey 1",
        { width: w, height: h, channels: 1, depth: 1, data: Uint8Array.of(0b0100_0000, 0b1110_0000) },
        [255, 255, 255, 255],
      ],
      [
        "palette 2-bit with alpha",
        {
          width: w,
          height: h,
          channels: 1,
          depth: 2,
          // indices row 0 = 1 0 2, row 1 = 3 3 3. (fast-png's encoder writes tRNS correctly only when the
          // translucent entries come first.)
          data: Uint8Array.of(0b0100_1000, 0b1111_1100),
          palette: [
            [0, 0, 255, 128],
            [255, 0, 0, 255],
            [0, 255, 0, 255],
            [9, 9, 9, 255],
          ],
        },
        [0, 0, 255, 128],
      ],
    ];
    for (const [name, input, secondPixel] of cases) {
      const decoded = decodeImage(encodePngRaw(input));
      expect(decoded.width, name).toBe(w);
      expect(decoded.height, name).toBe(h);
      expect(decoded.data).toBeInstanceOf(Uint8ClampedArray);
      expect(Array.from(decoded.data.subarray(4, 8)), name).toEqual(secondPixel);
    }
  });
});

describe("JPEG", () => {
  const originalBuffer = globalThis.Buffer;
  afterEach(() => {
    globalThis.Buffer = originalBuffer;
  });

  it("round-trips with the same size and close pixels", () => {
    const img = picture("jpeg", 240, 160);
    const bytes = encodeJpeg(img, 90);
    expect(sniffImageFormat(bytes)).toBe("jpeg");
    const back = decodeImage(bytes);
    expect(back.width).toBe(240);
    expect(back.height).toBe(160);
    expect(meanAbsDiff(img, back)).toBeLessThan(4);
    expect(meanAbsDiff(img, decodeImage(encodeJpeg(img, 40)))).toBeLessThan(8);
  });

  it("matches jpeg-js's reference encoder in size and fidelity, at any size and quality", () => {
    const psnr = (a: RgbaImage, b: RgbaImage): number => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < a.data.length; i++) {
        if (i % 4 === 3) continue;
        sum += (a.data[i]! - b.data[i]!) ** 2;
        n++;
      }
      return sum === 0 ? 99 : 10 * Math.log10((255 * 255 * n) / sum);
    };
    for (const [w, h, q] of [
      [1, 1, 50],
      [37, 13, 90],
      [203, 151, 10],
      [240, 160, 70],
      [160, 240, 100],
    ] as const) {
      const img = picture(`ref-${w}`, w, h);
      const ours = encodeJpeg(img, q);
      const reference = new Uint8Array(jpegJs.encode({ width: w, height: h, data: img.data }, q).data);
      expect(Math.abs(ours.length - reference.length) / reference.length).toBeLessThan(0.03);
      expect(psnr(img, decodeImage(ours))).toBeGreaterThan(psnr(img, decodeImage(reference)) - 0.5);
    }
  });

  it("returns a plain Uint8Array, also where no global Buffer exists (workerd, browsers)", () => {
    const img = picture("buffer", 64, 48);
    const withBuffer = encodeJpeg(img, 75);
    expect(Object.getPrototypeOf(withBuffer)).toBe(Uint8Array.prototype);
    Reflect.deleteProperty(globalThis, "Buffer");
    expect(typeof (globalThis as { Buffer?: unknown }).Buffer).toBe("undefined");
    const withoutBuffer = encodeJpeg(img, 75);
    expect(Object.getPrototypeOf(withoutBuffer)).toBe(Uint8Array.prototype);
    expect(withoutBuffer).toEqual(withBuffer);
    // Decoding needs no Buffer either.
    expect(decodeImage(withoutBuffer).width).toBe(64);
  });
});

describe("decodeImage rejections", () => {
  it("sniffs only JPEG and PNG", () => {
    expect(sniffImageFormat(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe("jpeg");
    expect(sniffImageFormat(Uint8Array.from(ascii("GIF89a")))).toBeUndefined();
    expect(sniffImageFormat(new Uint8Array(0))).toBeUndefined();
  });

  it("refuses GIF, WebP, other formats and garbage as unsupported_format", () => {
    const gif = Uint8Array.from([...ascii("GIF89a"), 1, 0, 1, 0, 0, 0, 0, 0x3b]);
    const webp = Uint8Array.from([
      ...ascii("RIFF"),
      26,
      0,
      0,
      0,
      ...ascii("WEBPVP8 "),
      ...new Array(14).fill(0),
    ]);
    const bmp = Uint8Array.from([...ascii("BM"), ...new Array(60).fill(0)]);
    const text = new TextEncoder().encode("definitely not an image");
    for (const bytes of [gif, webp, bmp, text, new Uint8Array(0), Uint8Array.of(0xff, 0xd8)]) {
      expect(decodeFailure(bytes)).toBe("unsupported_format");
    }
  });

  it("refuses a PNG whose header claims 100000x100000 pixels as too_large, before decoding pixels", () => {
    // Signature + IHDR only: no pixel data exists, so only the header check can produce too_large.
    const ihdr = [...u32(13), ...ascii("IHDR"), ...u32(100_000), ...u32(100_000), 8, 6, 0, 0, 0, 0, 0, 0, 0];
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr]);
    expect(decodeFailure(bytes)).toBe("too_large");
  });

  it("refuses a JPEG whose frame header claims 65535x65535 as too_large", () => {
    const sof = [0xff, 0xc0, 0, 17, 8, 0xff, 0xff, 0xff, 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    const bytes = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, ...sof, 0xff, 0xd9]);
    expect(decodeFailure(bytes)).toBe("too_large");
  });

  it("applies the byte and pixel limits", () => {
    const png = encodePng(picture("limits", 100, 100));
    expect(decodeFailure(png, { maxBytes: png.length - 1 })).toBe("too_large");
    expect(decodeFailure(png, { maxPixels: 9_999 })).toBe("too_large");
    expect(decodeImage(png, { maxPixels: 10_000 }).width).toBe(100);
  });

  it("reports truncated or damaged files as corrupt", () => {
    const img = picture("corrupt", 120, 80);
    const png = encodePng(img);
    const jpeg = encodeJpeg(img, 80);
    expect(decodeFailure(png.slice(0, png.length - 20))).toBe("corrupt");
    expect(decodeFailure(png.slice(0, 40))).toBe("corrupt");
    expect(decodeFailure(png.slice(0, 20))).toBe("corrupt");
    expect(decodeFailure(jpeg.slice(0, Math.floor(jpeg.length / 2)))).toBe("corrupt");
    expect(decodeFailure(jpeg.slice(0, 100))).toBe("corrupt");
    const flipped = png.slice();
    flipped[60] = flipped[60]! ^ 0xff;
    expect(decodeFailure(flipped)).toBe("corrupt");
  });
});

describe("resizeImage", () => {
  it("shrinks by area averaging and enlarges bilinearly, keeping flat colours exact", () => {
    const img = picture("resize", 300, 200);
    const small = resizeImage(img, 75, 50);
    expect(small.width).toBe(75);
    expect(small.height).toBe(50);
    expect(small.data.length).toBe(75 * 50 * 4);
    const flat: RgbaImage = { width: 7, height: 5, data: new Uint8ClampedArray(7 * 5 * 4).fill(200) };
    for (const [w, h] of [
      [3, 2],
      [20, 13],
      [7, 5],
    ] as const) {
      const out = resizeImage(flat, w, h);
      expect(out.data.every((v) => v === 200)).toBe(true);
    }
    // Averaging a black/white checkerboard of single pixels gives mid grey.
    const checker = new Uint8ClampedArray(4 * 4 * 4);
    for (let i = 0; i < 16; i++) {
      const v = ((i % 4) + Math.floor(i / 4)) % 2 === 0 ? 0 : 255;
      checker.set([v, v, v, 255], i * 4);
    }
    const grey = resizeImage({ width: 4, height: 4, data: checker }, 2, 2);
    for (let i = 0; i < grey.data.length; i += 4) expect(grey.data[i]).toBe(128);
    expect(() => resizeImage(img, 0, 10)).toThrow(RangeError);
  });
});
