import { describe, expect, it } from "vitest";
import { encodeJpeg, encodePng } from "../../src/imaging/codec.ts";
import { COLORS } from "../../src/imaging/palette.ts";
import { makePicture, type PictureSpec, type RgbaImage, SHAPE_KINDS } from "../../src/imaging/picture.ts";
import { renderPicture, renderVideoFrames } from "../../src/imaging/render.ts";
import { makeRng } from "../../src/random.ts";

const pixel = (img: RgbaImage, x: number, y: number): string => {
  const p = (y * img.width + x) * 4;
  return [img.data[p]!, img.data[p + 1]!, img.data[p + 2]!]
    .map((v) => v.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
};

const base: PictureSpec = {
  version: 1,
  orientation: "horizontal",
  width: 3000,
  height: 2000,
  background: { kind: "solid", color: "white" },
  shapes: [{ kind: "circle", color: "red", x: 0.5, y: 0.5, size: 0.5, rotation: 0 }],
};

describe("renderPicture", () => {
  it("draws the subject over the backdrop where the spec puts it", () => {
    const img = renderPicture(base, 300, 200);
    expect(img.width).toBe(300);
    expect(img.height).toBe(200);
    expect(img.data.length).toBe(300 * 200 * 4);
    expect(pixel(img, 150, 100)).toBe(COLORS.red);
    expect(pixel(img, 5, 5)).toBe(COLORS.white);
    // Radius is a quarter of the shorter side: 50 px.
    expect(pixel(img, 150 + 45, 100)).toBe(COLORS.red);
    expect(pixel(img, 150 + 55, 100)).toBe(COLORS.white);
    for (let i = 3; i < img.data.length; i += 4) expect(img.data[i]).toBe(255);
  });

  it("renders every shape kind and background kind with the named colours", () => {
    for (const kind of SHAPE_KINDS) {
      const img = renderPicture({ ...base, shapes: [{ ...base.shapes[0]!, kind, color: "blue" }] }, 120, 80);
      let blue = 0;
      for (let y = 0; y < 80; y++) for (let x = 0; x < 120; x++) if (pixel(img, x, y) === COLORS.blue) blue++;
      expect(blue, kind).toBeGreaterThan(300);
    }
    const checker = renderPicture(
      { ...base, background: { kind: "checker", color: "black", alt: "white", cells: 4 }, shapes: [] },
      80,
      80,
    );
    expect(pixel(checker, 5, 5)).toBe(COLORS.black);
    expect(pixel(checker, 25, 5)).toBe(COLORS.white);
    const gradient = renderPicture(
      { ...base, background: { kind: "linear", from: "black", to: "white", angle: 0 }, shapes: [] },
      100,
      10,
    );
    expect(gradient.data[0]!).toBeLessThan(gradient.data[50 * 4]!);
    expect(gradient.data[50 * 4]!).toBeLessThan(gradient.data[99 * 4]!);
  });

  it("is deterministic: same seed, same pixels, same encoded bytes", () => {
    for (let i = 0; i < 12; i++) {
      const a = makePicture(makeRng(`det-${i}`));
      const b = makePicture(makeRng(`det-${i}`));
      const ia = renderPicture(a, 180, 120);
      const ib = renderPicture(b, 180, 120);
      expect(ia.data).toEqual(ib.data);
      expect(encodePng(ia)).toEqual(encodePng(ib));
      expect(encodeJpeg(ia, 80)).toEqual(encodeJpeg(ib, 80));
    }
  });

  it("rejects impossible sizes", () => {
    expect(() => renderPicture(base, 0, 10)).toThrow(RangeError);
    expect(() => renderPicture(base, 10.5, 10)).toThrow(RangeError);
  });
});

describe("renderVideoFrames", () => {
  it("starts from the still, moves the shapes between frames, and is deterministic", () => {
    const spec = makePicture(makeRng("video"));
    const frames = renderVideoFrames(spec, 4, 160, 100);
    expect(frames).toHaveLength(4);
    expect(frames[0]!.data).toEqual(renderPicture(spec, 160, 100).data);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.data).not.toEqual(frames[i - 1]!.data);
    expect(renderVideoFrames(spec, 4, 160, 100).map((f) => f.data)).toEqual(frames.map((f) => f.data));
    expect(() => renderVideoFrames(spec, 0, 10, 10)).toThrow(RangeError);
  });
});
