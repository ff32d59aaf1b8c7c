import { describe, expect, it } from "vitest";
import { decodeImage, encodePng } from "../../src/imaging/codec.ts";
import { makePicture, type PictureSpec, type RgbaImage } from "../../src/imaging/picture.ts";
import { renderPicture } from "../../src/imaging/render.ts";
import { makeRng } from "../../src/random.ts";
import { analyseObject, DESCRIPTOR_LENGTH, describeVisual, similarity } from "../../src/vision/index.ts";

const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

const solid = (width: number, height: number, rgba: [number, number, number, number]): RgbaImage => {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
};

const on = (shape: PictureSpec["shapes"][number], color: PictureSpec["background"]): PictureSpec => ({
  version: 1,
  orientation: "horizontal",
  width: 3000,
  height: 2000,
  background: color,
  shapes: [shape],
});

describe("describeVisual", () => {
  it("returns a fixed-length, unit-length, non-negative vector, deterministically", () => {
    const img = renderPicture(makePicture(makeRng("descriptor")), 300, 200);
    const a = describeVisual(img);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(DESCRIPTOR_LENGTH);
    expect(norm(a)).toBeCloseTo(1, 5);
    expect(a.every((x) => x >= 0)).toBe(true);
    expect(describeVisual(img)).toEqual(a);
    expect(similarity(a, a)).toBeCloseTo(1, 5);
  });

  it("handles images without an object, tiny images and transparency", () => {
    for (const img of [
      solid(50, 40, [30, 60, 200, 255]),
      solid(1, 1, [0, 0, 0, 255]),
      solid(3, 500, [9, 9, 9, 255]),
    ]) {
      const d = describeVisual(img);
      expect(d.length).toBe(DESCRIPTOR_LENGTH);
      expect(norm(d)).toBeCloseTo(1, 5);
    }
    // A transparent picture is seen as on white.
    const spec = on(
      { kind: "star", color: "green", x: 0.5, y: 0.5, size: 0.6, rotation: 0 },
      { kind: "solid", color: "white" },
    );
    const opaque = renderPicture(spec, 150, 100);
    const transparent = { ...opaque, data: new Uint8ClampedArray(opaque.data) };
    for (let i = 0; i < transparent.data.length; i += 4) {
      if (transparent.data[i] === 255 && transparent.data[i + 1] === 255) transparent.data[i + 3] = 0;
    }
    expect(
      similarity(describeVisual(decodeImage(encodePng(transparent))), describeVisual(opaque)),
    ).toBeGreaterThan(0.98);
  });

  it("sees the subject's colour and shape whatever its size, place and rotation", () => {
    const white = { kind: "solid", color: "white" } as const;
    const red = describeVisual(
      renderPicture(
        on({ kind: "circle", color: "red", x: 0.3, y: 0.4, size: 0.4, rotation: 0 }, white),
        600,
        400,
      ),
    );
    const redMoved = describeVisual(
      renderPicture(
        on({ kind: "circle", color: "red", x: 0.7, y: 0.5, size: 0.7, rotation: 0 }, white),
        300,
        200,
      ),
    );
    const redSquare = describeVisual(
      renderPicture(
        on({ kind: "square", color: "red", x: 0.3, y: 0.4, size: 0.4, rotation: 0 }, white),
        600,
        400,
      ),
    );
    const blue = describeVisual(
      renderPicture(
        on({ kind: "circle", color: "blue", x: 0.3, y: 0.4, size: 0.4, rotation: 0 }, white),
        600,
        400,
      ),
    );
    const onBlack = describeVisual(
      renderPicture(
        on(
          { kind: "circle", color: "red", x: 0.3, y: 0.4, size: 0.4, rotation: 0 },
          { kind: "solid", color: "black" },
        ),
        600,
        400,
      ),
    );
    const sameKind = similarity(red, redMoved);
    expect(sameKind).toBeGreaterThan(similarity(red, redSquare));
    expect(sameKind).toBeGreaterThan(similarity(red, blue));
    expect(sameKind).toBeGreaterThan(similarity(red, onBlack));
    for (const d of [redMoved, redSquare, blue, onBlack]) {
      const s = similarity(red, d);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    const tilted = analyseObject(
      renderPicture(
        on({ kind: "hexagon", color: "teal", x: 0.5, y: 0.5, size: 0.5, rotation: 17 }, white),
        640,
        480,
      ),
    );
    const upright = analyseObject(
      renderPicture(
        on({ kind: "hexagon", color: "teal", x: 0.4, y: 0.6, size: 0.7, rotation: 0 }, white),
        320,
        240,
      ),
    );
    expect(tilted).toBeDefined();
    for (let k = 0; k < tilted!.shape.harmonics.length; k++) {
      expect(Math.abs(tilted!.shape.harmonics[k]! - upright!.shape.harmonics[k]!)).toBeLessThan(0.05);
    }
  });

  it("rejects descriptors of different lengths", () => {
    expect(() => similarity(new Float32Array(3), new Float32Array(4))).toThrow(RangeError);
  });
});
