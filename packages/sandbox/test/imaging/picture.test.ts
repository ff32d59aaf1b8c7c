import { describe, expect, it } from "vitest";
import { deltaE } from "../../src/imaging/color.ts";
import { COLORS, colorLab, SHAPE_COLORS } from "../../src/imaging/palette.ts";
import {
  BACKGROUND_KINDS,
  backgroundLabs,
  describePicture,
  makePicture,
  type PictureSpec,
  pictureColorHex,
  SHAPE_KINDS,
} from "../../src/imaging/picture.ts";
import { makeRng } from "../../src/random.ts";

const spec = (overrides: Partial<PictureSpec>): PictureSpec => ({
  version: 1,
  orientation: "horizontal",
  width: 5000,
  height: 3333,
  background: { kind: "solid", color: "white" },
  shapes: [{ kind: "circle", color: "red", x: 0.5, y: 0.5, size: 0.5, rotation: 0 }],
  ...overrides,
});

const many = (n: number, seed: string): PictureSpec[] => {
  const rng = makeRng(seed);
  return Array.from({ length: n }, (_, i) => makePicture(rng.fork(`p${i}`)));
};

describe("makePicture", () => {
  it("is deterministic and JSON-serialisable", () => {
    const a = makePicture(makeRng("same"));
    const b = makePicture(makeRng("same"));
    expect(a).toEqual(b);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(makePicture(makeRng("other"))).not.toEqual(a);
  });

  it("covers every shape, colour, background and orientation in a balanced way", () => {
    const pictures = many(2000, "balance");
    const count = <K extends string>(keys: readonly K[], key: (p: PictureSpec) => K) => {
      const counts = new Map<K, number>(keys.map((k) => [k, 0]));
      for (const p of pictures) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
      return counts;
    };
    for (const [, n] of count(SHAPE_KINDS, (p) => p.shapes[0]!.kind)) expect(n).toBeGreaterThan(150);
    for (const [, n] of count(SHAPE_COLORS, (p) => p.shapes[0]!.color)) expect(n).toBeGreaterThan(100);
    for (const [, n] of count(BACKGROUND_KINDS, (p) => p.background.kind)) expect(n).toBeGreaterThan(120);
    for (const [, n] of count(["horizontal", "vertical", "square"] as const, (p) => p.orientation)) {
      expect(n).toBeGreaterThan(250);
    }
    const companions = count(["1", "2", "3"] as const, (p) => String(p.shapes.length) as "1" | "2" | "3");
    for (const [, n] of companions) expect(n).toBeGreaterThan(150);
  });

  it("keeps shapes inside the frame, the subject largest, and every shape distinct from the backdrop", () => {
    for (const p of many(500, "geometry")) {
      const short = Math.min(p.width, p.height);
      const [main, ...rest] = p.shapes;
      expect(main).toBeDefined();
      for (const s of p.shapes) {
        const r = (s.size * short) / 2;
        expect(s.x * p.width - r).toBeGreaterThanOrEqual(0);
        expect(s.x * p.width + r).toBeLessThanOrEqual(p.width);
        expect(s.y * p.height - r).toBeGreaterThanOrEqual(0);
        expect(s.y * p.height + r).toBeLessThanOrEqual(p.height);
        for (const lab of backgroundLabs(p.background))
          expect(deltaE(colorLab(s.color), lab)).toBeGreaterThan(30);
      }
      for (const s of rest) {
        expect(s.size).toBeLessThan(main!.size);
        expect(s.color).not.toBe(main!.color);
      }
    }
  });
});

describe("describePicture", () => {
  it("says what a red circle on a white background is", () => {
    const d = describePicture(spec({}));
    expect(d.title).toBe("Red circle on a white background");
    expect(d.description).toMatch(/^A red circle, centered, on a white background\./);
    for (const word of [
      "red",
      "circle",
      "white",
      "background",
      "centered",
      "minimal",
      "isolated",
      "horizontal",
    ]) {
      expect(d.keywords).toContain(word);
    }
    for (const word of ["blue", "square", "gradient", "stripes", "off-center", "vertical"]) {
      expect(d.keywords).not.toContain(word);
    }
    expect(d.dominantColors).toEqual([
      { name: "white", hex: "FFFFFF" },
      { name: "red", hex: COLORS.red },
    ]);
    expect(d.isIllustration).toBe(true);
    expect(new Set(d.keywords).size).toBe(d.keywords.length);
  });

  it("names companions, gradients, textures, patterns and placement truthfully", () => {
    const d = describePicture(
      spec({
        orientation: "vertical",
        width: 3333,
        height: 5000,
        background: { kind: "linear", from: "white", to: "light blue", angle: 90 },
        shapes: [
          { kind: "star", color: "orange", x: 0.3, y: 0.3, size: 0.4, rotation: 12 },
          { kind: "heart", color: "purple", x: 0.7, y: 0.8, size: 0.15, rotation: 0 },
        ],
      }),
    );
    expect(d.title).toBe(
      "Orange star with a small purple heart on a white to light blue gradient background",
    );
    expect(d.description).toContain("An orange star, slightly tilted, in the upper left");
    expect(d.description).toContain("a smaller purple heart in the lower right");
    for (const word of [
      "orange",
      "star",
      "purple",
      "heart",
      "white",
      "light blue",
      "gradient",
      "off-center",
    ]) {
      expect(d.keywords).toContain(word);
    }
    expect(d.keywords).not.toContain("centered");
    expect(d.keywords).not.toContain("isolated");
    expect(d.isIllustration).toBe(false);

    const checker = describePicture(
      spec({ background: { kind: "checker", color: "black", alt: "white", cells: 6 } }),
    );
    expect(checker.title).toBe("Red circle on a black and white checkered background");
    expect(checker.keywords).toEqual(expect.arrayContaining(["checkered", "pattern", "black", "white"]));

    const grain = describePicture(
      spec({ background: { kind: "grain", color: "beige", amount: 0.5, seed: 1 } }),
    );
    expect(grain.title).toBe("Red circle on a grainy beige textured background");
    expect(grain.keywords).toEqual(expect.arrayContaining(["grain", "texture", "beige", "light"]));

    const stripes = describePicture(
      spec({
        background: { kind: "stripes", color: "navy", alt: "dark gray", count: 8, angle: 45 },
        shapes: [{ kind: "ring", color: "yellow", x: 0.5, y: 0.5, size: 0.5, rotation: 0 }],
      }),
    );
    expect(stripes.title).toBe("Yellow ring on a navy and dark gray striped background");
    expect(stripes.keywords).toEqual(
      expect.arrayContaining(["ring", "yellow", "striped", "navy", "dark gray"]),
    );
  });

  it("uses an/a correctly and lists colours as uppercase hex", () => {
    const d = describePicture(spec({ background: { kind: "solid", color: "orange" } }));
    expect(d.title).toBe("Red circle on an orange background");
    for (const c of d.dominantColors) expect(c.hex).toMatch(/^[0-9A-F]{6}$/);
  });

  it("gives every generated picture a title naming its subject's colour and shape", () => {
    for (const p of many(300, "titles")) {
      const d = describePicture(p);
      const main = p.shapes[0]!;
      expect(d.title.toLowerCase().startsWith(`${main.color} ${main.kind}`)).toBe(true);
      expect(d.keywords).toContain(main.color);
      expect(d.keywords).toContain(main.kind);
      expect(d.dominantColors.map((c) => c.name)).toContain(main.color);
    }
  });
});

describe("pictureColorHex", () => {
  it("is the subject's colour", () => {
    expect(pictureColorHex(spec({}))).toBe(COLORS.red);
    expect(
      pictureColorHex(
        spec({ shapes: [{ kind: "square", color: "teal", x: 0.5, y: 0.5, size: 0.4, rotation: 0 }] }),
      ),
    ).toBe("1A9E96");
  });
});
