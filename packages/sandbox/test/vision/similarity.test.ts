import { beforeAll, describe, expect, it } from "vitest";
import { decodeImage, encodeJpeg } from "../../src/imaging/codec.ts";
import { DARK_COLORS, LIGHT_COLORS } from "../../src/imaging/palette.ts";
import {
  backgroundColors,
  makePicture,
  type PictureSpec,
  type ShapeSpec,
} from "../../src/imaging/picture.ts";
import { renderPicture, renderVideoFrames } from "../../src/imaging/render.ts";
import { fitWithin } from "../../src/imaging/resize.ts";
import { makeRng } from "../../src/random.ts";
import {
  describePictureVisual,
  describeVisual,
  similarity,
  VisualIndex,
  WORKING_SIZE,
} from "../../src/vision/index.ts";

const CATALOG_SIZE = 2000;

const catalog = new Map<string, PictureSpec>();
const index = new VisualIndex();

beforeAll(() => {
  const rng = makeRng("vision-catalog");
  for (let i = 0; i < CATALOG_SIZE; i++) {
    const id = `img-${i}`;
    const spec = makePicture(rng.fork(id));
    catalog.set(id, spec);
    index.add(id, describePictureVisual(spec));
  }
}, 30_000);

const horizontal = (background: PictureSpec["background"], shape: ShapeSpec): PictureSpec => ({
  version: 1,
  orientation: "horizontal",
  width: 4500,
  height: 3000,
  background,
  shapes: [shape],
});

/** What a client uploading the picture sends: a large JPEG. */
const uploadDescriptor = (spec: PictureSpec, width: number, quality: number) => {
  const height = Math.round((width * spec.height) / spec.width);
  return describeVisual(decodeImage(encodeJpeg(renderPicture(spec, width, height), quality)));
};

const specOf = (id: string): PictureSpec => catalog.get(id)!;

const expectNew = (shape: ShapeSpec): void => {
  for (const spec of catalog.values()) {
    const same = spec.shapes.some((s) => s.size === shape.size && s.x === shape.x && s.y === shape.y);
    expect(same).toBe(false);
  }
};

describe("visual similarity over a generated catalog", () => {
  it("finds red circles for a new red circle on white, a light backdrop first", () => {
    const shape: ShapeSpec = {
      kind: "circle",
      color: "red",
      x: 0.4123,
      y: 0.4678,
      size: 0.5611,
      rotation: 0,
    };
    expectNew(shape);
    const query = uploadDescriptor(horizontal({ kind: "solid", color: "white" }, shape), 1024, 85);
    const top = index.nearest(query, 5);
    expect(top).toHaveLength(5);
    for (const { id } of top) {
      const main = specOf(id).shapes[0]!;
      expect(`${main.color} ${main.kind}`, id).toBe("red circle");
    }
    const first = specOf(top[0]!.id);
    expect(backgroundColors(first.background).every((c) => LIGHT_COLORS.has(c))).toBe(true);
    for (let i = 1; i < top.length; i++) expect(top[i]!.score).toBeLessThanOrEqual(top[i - 1]!.score);
  });

  it("finds blue squares for a new blue square on black, a dark backdrop first", () => {
    const shape: ShapeSpec = {
      kind: "square",
      color: "blue",
      x: 0.5832,
      y: 0.5311,
      size: 0.4723,
      rotation: 6,
    };
    expectNew(shape);
    const query = uploadDescriptor(horizontal({ kind: "solid", color: "black" }, shape), 1200, 80);
    const top = index.nearest(query, 5);
    for (const { id } of top) {
      const main = specOf(id).shapes[0]!;
      expect(`${main.color} ${main.kind}`, id).toBe("blue square");
    }
    const first = specOf(top[0]!.id);
    expect(backgroundColors(first.background).every((c) => DARK_COLORS.has(c))).toBe(true);
  });

  it("finds a catalog picture itself first from a quality-70 JPEG of it", () => {
    for (let i = 0; i < 16; i++) {
      const id = `img-${(i * 127) % CATALOG_SIZE}`;
      const top = index.nearest(uploadDescriptor(specOf(id), 720, 70), 3);
      expect(top[0]!.id).toBe(id);
      expect(top[0]!.score).toBeGreaterThan(0.95);
    }
  }, 30_000);

  it("mostly agrees on the subject's shape and colour for arbitrary new pictures", () => {
    const rng = makeRng("vision-queries");
    let agree = 0;
    let total = 0;
    for (let i = 0; i < 30; i++) {
      const spec = makePicture(rng.fork(`q${i}`));
      for (const { id } of index.nearest(uploadDescriptor(spec, 480, 85), 5)) {
        const a = spec.shapes[0]!;
        const b = specOf(id).shapes[0]!;
        if (a.kind === b.kind && a.color === b.color) agree++;
        total++;
      }
    }
    expect(agree / total).toBeGreaterThan(0.9);
  }, 30_000);
});

describe("video key frames", () => {
  it("differ from one another yet stay close to the still", () => {
    const rng = makeRng("vision-video");
    for (let v = 0; v < 6; v++) {
      const spec = makePicture(rng.fork(`v${v}`));
      const { width, height } = fitWithin(spec.width, spec.height, WORKING_SIZE * 4);
      const frames = renderVideoFrames(spec, 4, width, height).map(describeVisual);
      const still = describePictureVisual(spec);
      for (let i = 1; i < frames.length; i++) {
        expect(frames[i]).not.toEqual(frames[i - 1]);
        expect(similarity(frames[i]!, still)).toBeGreaterThan(0.9);
      }
      // Closer to its own still than to any other picture's.
      const top = index.nearest(frames[frames.length - 1]!, 1)[0]!;
      expect(similarity(frames[frames.length - 1]!, still)).toBeGreaterThan(top.score - 0.05);
    }
  });
});
