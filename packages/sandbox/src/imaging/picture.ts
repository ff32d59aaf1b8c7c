import type { Rng } from "../random.ts";
import { deltaE, type Lab } from "./color.ts";
import {
  type ColorName,
  colorHex,
  colorLab,
  DARK_COLORS,
  LIGHT_COLORS,
  midpointLab,
  SHAPE_COLORS,
  type ShapeColorName,
} from "./palette.ts";

export type { ColorName, ShapeColorName } from "./palette.ts";

/** An RGBA (8 bits per channel), row-major image. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export type Orientation = "horizontal" | "vertical" | "square";

export const SHAPE_KINDS = [
  "circle",
  "square",
  "triangle",
  "star",
  "ring",
  "diamond",
  "hexagon",
  "heart",
  "cross",
  "crescent",
] as const;

export type ShapeKind = (typeof SHAPE_KINDS)[number];

export const BACKGROUND_KINDS = ["solid", "linear", "radial", "grain", "checker", "stripes"] as const;

export type BackgroundKind = (typeof BACKGROUND_KINDS)[number];

/** Angles are in degrees; `linear.angle` 0 runs from left (`from`) to right (`to`), 90 from top to bottom. */
export type Background =
  | { readonly kind: "solid"; readonly color: ColorName }
  | { readonly kind: "linear"; readonly from: ColorName; readonly to: ColorName; readonly angle: number }
  | { readonly kind: "radial"; readonly inner: ColorName; readonly outer: ColorName }
  | { readonly kind: "grain"; readonly color: ColorName; readonly amount: number; readonly seed: number }
  | { readonly kind: "checker"; readonly color: ColorName; readonly alt: ColorName; readonly cells: number }
  | {
      readonly kind: "stripes";
      readonly color: ColorName;
      readonly alt: ColorName;
      readonly count: number;
      readonly angle: number;
    };

/**
 * One foreground shape. `x`/`y` is the centre as a fraction of the width/height, `size` the diameter of
 * the shape's enclosing circle as a fraction of the picture's shorter side, `rotation` in degrees
 * (clockwise).
 */
export interface ShapeSpec {
  readonly kind: ShapeKind;
  readonly color: ShapeColorName;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly rotation: number;
}

/**
 * A JSON-serialisable description of a generated picture. `shapes[0]` is the subject (the largest shape,
 * drawn on top); the others are smaller companions.
 */
export interface PictureSpec {
  readonly version: 1;
  readonly orientation: Orientation;
  /** Nominal full size in pixels (what the catalog reports; renders are made at any size). */
  readonly width: number;
  readonly height: number;
  readonly background: Background;
  readonly shapes: readonly ShapeSpec[];
}

/** Area of each shape relative to the square of its enclosing circle's radius (for dominance ordering). */
export const SHAPE_AREA_FACTOR: Readonly<Record<ShapeKind, number>> = {
  circle: Math.PI,
  square: 2,
  triangle: 1.299,
  star: 1.32,
  ring: 2.01,
  diamond: 1.24,
  hexagon: 2.598,
  heart: 2.18,
  cross: 1.91,
  crescent: 1.37,
};

// Pairs that read as one backdrop; checker/stripe pairs are gentle except the classic black and white.
const GRADIENT_PAIRS: ReadonlyArray<readonly [ColorName, ColorName]> = [
  ["white", "light gray"],
  ["white", "light blue"],
  ["light pink", "light blue"],
  ["light yellow", "light pink"],
  ["light green", "light blue"],
  ["beige", "white"],
  ["yellow", "orange"],
  ["orange", "pink"],
  ["pink", "purple"],
  ["purple", "blue"],
  ["blue", "teal"],
  ["teal", "green"],
  ["navy", "black"],
  ["dark gray", "black"],
  ["navy", "purple"],
];

// Radial gradients stay subtle (a vignette): a strong centre colour would read as a shape of its own.
const RADIAL_PAIRS: ReadonlyArray<readonly [ColorName, ColorName]> = [
  ["white", "light gray"],
  ["white", "light blue"],
  ["white", "beige"],
  ["light yellow", "beige"],
  ["white", "light pink"],
  ["light green", "light gray"],
  ["dark gray", "black"],
  ["navy", "black"],
];

const PATTERN_PAIRS: ReadonlyArray<readonly [ColorName, ColorName]> = [
  ["white", "light gray"],
  ["white", "light blue"],
  ["white", "light pink"],
  ["beige", "white"],
  ["light yellow", "white"],
  ["light green", "white"],
  ["black", "dark gray"],
  ["black", "white"],
  ["navy", "dark gray"],
];

const SOLID_WEIGHTS: ReadonlyArray<readonly [ColorName, number]> = [
  ["white", 30],
  ["light gray", 8],
  ["beige", 7],
  ["light blue", 7],
  ["light pink", 6],
  ["light green", 5],
  ["light yellow", 5],
  ["black", 8],
  ["navy", 5],
  ["dark gray", 5],
  ["yellow", 2],
  ["orange", 2],
  ["teal", 2],
  ["blue", 2],
  ["purple", 2],
  ["pink", 2],
  ["green", 2],
  ["red", 2],
  ["gray", 2],
];

const GRAIN_COLORS: readonly ColorName[] = [
  "white",
  "light gray",
  "beige",
  "light blue",
  "light pink",
  "dark gray",
  "navy",
  "black",
];

const BACKGROUND_WEIGHTS: ReadonlyArray<readonly [BackgroundKind, number]> = [
  ["solid", 46],
  ["linear", 12],
  ["radial", 10],
  ["grain", 12],
  ["checker", 10],
  ["stripes", 10],
];

/** A shape must differ from every backdrop colour at least this much (CIE76 ΔE) to stand out and be named. */
const MIN_CONTRAST = 32;
const MIN_SHAPE_TO_SHAPE = 25;

const weighted = <T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T => {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
};

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** The colours (Lab) a background shows, including the middle of gradients. */
export const backgroundLabs = (bg: Background): Lab[] => {
  switch (bg.kind) {
    case "solid":
    case "grain":
      return [colorLab(bg.color)];
    case "linear":
      return [colorLab(bg.from), colorLab(bg.to), midpointLab(bg.from, bg.to)];
    case "radial":
      return [colorLab(bg.inner), colorLab(bg.outer), midpointLab(bg.inner, bg.outer)];
    case "checker":
    case "stripes":
      return [colorLab(bg.color), colorLab(bg.alt)];
  }
};

/** Background colour names, most area first. */
export const backgroundColors = (bg: Background): ColorName[] => {
  switch (bg.kind) {
    case "solid":
    case "grain":
      return [bg.color];
    case "linear":
      return [bg.from, bg.to];
    case "radial":
      return [bg.outer, bg.inner];
    case "checker":
    case "stripes":
      return [bg.color, bg.alt];
  }
};

const contrasts = (color: ShapeColorName, bgLabs: readonly Lab[]): boolean =>
  bgLabs.every((lab) => deltaE(colorLab(color), lab) >= MIN_CONTRAST);

const makeBackground = (rng: Rng): Background => {
  const kind = weighted(rng, BACKGROUND_WEIGHTS);
  switch (kind) {
    case "solid":
      return { kind, color: weighted(rng, SOLID_WEIGHTS) };
    case "linear": {
      const [a, b] = rng.pick(GRADIENT_PAIRS);
      const flip = rng.chance(0.5);
      return {
        kind,
        from: flip ? b : a,
        to: flip ? a : b,
        angle: rng.pick([0, 45, 90, 135, 180, 225, 270, 315]),
      };
    }
    case "radial": {
      const [inner, outer] = rng.pick(RADIAL_PAIRS);
      return { kind, inner, outer };
    }
    case "grain":
      return {
        kind,
        color: rng.pick(GRAIN_COLORS),
        amount: round(0.35 + rng.next() * 0.4, 2),
        seed: rng.int(1, 1e6),
      };
    case "checker": {
      const [color, alt] = rng.pick(PATTERN_PAIRS);
      return { kind, color, alt, cells: rng.int(4, 10) };
    }
    case "stripes": {
      const [color, alt] = rng.pick(PATTERN_PAIRS);
      return { kind, color, alt, count: rng.int(6, 16), angle: rng.pick([0, 45, 90, 135]) };
    }
  }
};

const ORIENTATION_SIZES: Readonly<Record<Orientation, ReadonlyArray<readonly [number, number]>>> = {
  horizontal: [
    [5000, 3333],
    [6000, 4000],
    [4500, 3000],
    [5472, 3648],
  ],
  vertical: [
    [3333, 5000],
    [4000, 6000],
    [3000, 4500],
    [3648, 5472],
  ],
  square: [
    [4000, 4000],
    [5000, 5000],
    [3000, 3000],
  ],
};

interface Placed {
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

/**
 * Places a shape of radius `r` (in units of the shorter side) inside a `w` x `h` frame (also in units of
 * the shorter side), keeping clear of the edges and of `others`.
 */
const place = (
  rng: Rng,
  w: number,
  h: number,
  r: number,
  others: readonly Placed[],
  composition: "centered" | "thirds" | "free",
): Placed | undefined => {
  const margin = 0.06;
  const minX = r + margin;
  const maxX = w - r - margin;
  const minY = r + margin;
  const maxY = h - r - margin;
  if (minX > maxX || minY > maxY) return undefined;
  for (let attempt = 0; attempt < 40; attempt++) {
    let x: number;
    let y: number;
    if (composition === "centered") {
      x = w / 2 + (rng.next() - 0.5) * 0.08 * w;
      y = h / 2 + (rng.next() - 0.5) * 0.08 * h;
    } else if (composition === "thirds") {
      const alongWidth = w >= h;
      const third = rng.chance(0.5) ? 1 / 3 : 2 / 3;
      x = alongWidth ? w * third : w / 2 + (rng.next() - 0.5) * 0.1 * w;
      y = alongWidth ? h / 2 + (rng.next() - 0.5) * 0.1 * h : h * third;
    } else {
      x = minX + rng.next() * (maxX - minX);
      y = minY + rng.next() * (maxY - minY);
    }
    x = Math.min(maxX, Math.max(minX, x));
    y = Math.min(maxY, Math.max(minY, y));
    if (others.every((o) => Math.hypot(o.x - x, o.y - y) >= (o.r + r) * 1.08)) return { x, y, r };
  }
  return undefined;
};

/** Generates a varied picture: every shape kind is equally likely as the subject, and every shape colour. */
export const makePicture = (rng: Rng): PictureSpec => {
  const orientation: Orientation = weighted(rng, [
    ["horizontal", 55],
    ["vertical", 25],
    ["square", 20],
  ] as const);
  const [width, height] = rng.pick(ORIENTATION_SIZES[orientation]);
  const short = Math.min(width, height);
  const w = width / short;
  const h = height / short;

  const mainKind = rng.pick(SHAPE_KINDS);
  const mainColor = rng.pick(SHAPE_COLORS);
  let background = makeBackground(rng);
  for (let i = 0; i < 50 && !contrasts(mainColor, backgroundLabs(background)); i++)
    background = makeBackground(rng);
  if (!contrasts(mainColor, backgroundLabs(background))) {
    background = { kind: "solid", color: contrasts(mainColor, [colorLab("white")]) ? "white" : "black" };
  }
  const bgLabs = backgroundLabs(background);

  const companionCount = weighted(rng, [
    [0, 55],
    [1, 30],
    [2, 15],
  ] as const);
  const composition = weighted(rng, [
    ["centered", 45],
    ["thirds", 35],
    ["free", 20],
  ] as const);

  const mainSize = companionCount === 0 ? 0.38 + rng.next() * 0.34 : 0.3 + rng.next() * 0.22;
  const mainPlaced = place(rng, w, h, mainSize / 2, [], composition) ?? {
    x: w / 2,
    y: h / 2,
    r: mainSize / 2,
  };
  const placed: Placed[] = [mainPlaced];
  const shapes: ShapeSpec[] = [];
  const rotationFor = (kind: ShapeKind): number =>
    kind === "circle" || kind === "ring" ? 0 : kind === "square" ? rng.int(-20, 20) : rng.int(-25, 25);
  shapes.push({
    kind: mainKind,
    color: mainColor,
    x: round(mainPlaced.x / w, 4),
    y: round(mainPlaced.y / h, 4),
    size: round(mainSize, 4),
    rotation: rotationFor(mainKind),
  });

  const used: ShapeColorName[] = [mainColor];
  for (let i = 0; i < companionCount; i++) {
    const kind = rng.pick(SHAPE_KINDS);
    const options = SHAPE_COLORS.filter(
      (c) =>
        contrasts(c, bgLabs) && used.every((u) => deltaE(colorLab(u), colorLab(c)) >= MIN_SHAPE_TO_SHAPE),
    );
    if (options.length === 0) break;
    const color = rng.pick(options);
    const size = 0.12 + rng.next() * Math.min(0.13, mainSize * 0.55 - 0.12);
    const spot = place(rng, w, h, size / 2, placed, "free");
    if (spot === undefined) continue;
    placed.push(spot);
    used.push(color);
    shapes.push({
      kind,
      color,
      x: round(spot.x / w, 4),
      y: round(spot.y / h, 4),
      size: round(size, 4),
      rotation: rotationFor(kind),
    });
  }
  return { version: 1, orientation, width, height, background, shapes };
};

// ---------------------------------------------------------------------------------------------------
// Truthful metadata

const article = (word: string): string => (/^[aeiou]/i.test(word) ? "an" : "a");

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The background as a noun phrase without article, e.g. "white to light gray gradient background". */
export const backgroundPhrase = (bg: Background): string => {
  switch (bg.kind) {
    case "solid":
      return `${bg.color} background`;
    case "linear":
      return `${bg.from} to ${bg.to} gradient background`;
    case "radial":
      return `${bg.inner} to ${bg.outer} radial gradient background`;
    case "grain":
      return `grainy ${bg.color} textured background`;
    case "checker":
      return `${bg.color} and ${bg.alt} checkered background`;
    case "stripes":
      return `${bg.color} and ${bg.alt} striped background`;
  }
};

const BACKGROUND_KEYWORDS: Readonly<Record<BackgroundKind, readonly string[]>> = {
  solid: ["plain", "solid color"],
  linear: ["gradient", "color gradient"],
  radial: ["gradient", "radial gradient", "vignette"],
  grain: ["grain", "grainy", "texture", "textured"],
  checker: ["checkered", "checkerboard", "pattern"],
  stripes: ["stripes", "striped", "pattern"],
};

const SHAPE_KEYWORDS: Readonly<Record<ShapeKind, readonly string[]>> = {
  circle: ["circle", "round", "disc"],
  square: ["square"],
  triangle: ["triangle"],
  star: ["star"],
  ring: ["ring", "round"],
  diamond: ["diamond", "rhombus"],
  hexagon: ["hexagon"],
  heart: ["heart", "love"],
  cross: ["cross", "plus"],
  crescent: ["crescent", "moon"],
};

type Placement = "centered" | string;

/** Where the shape's centre sits, e.g. "centered", "on the left", "in the upper right". */
const placementOf = (shape: ShapeSpec): Placement => {
  const dx = shape.x - 0.5;
  const dy = shape.y - 0.5;
  const horizontal = dx <= -0.1 ? "left" : dx >= 0.1 ? "right" : "";
  const vertical = dy <= -0.1 ? "upper" : dy >= 0.1 ? "lower" : "";
  if (horizontal === "" && vertical === "") return "centered";
  if (vertical === "") return `on the ${horizontal}`;
  if (horizontal === "") return vertical === "upper" ? "at the top" : "at the bottom";
  return `in the ${vertical} ${horizontal}`;
};

const isMinimal = (spec: PictureSpec): boolean =>
  spec.shapes.length === 1 && (spec.background.kind === "solid" || spec.background.kind === "linear");

const hasCopySpace = (spec: PictureSpec): boolean => {
  const main = spec.shapes[0];
  return main !== undefined && (main.size <= 0.45 || placementOf(main) !== "centered");
};

/** Flat backdrops render like vector art; gradients and grain read as a photographed studio backdrop. */
const isFlat = (bg: Background): boolean =>
  bg.kind === "solid" || bg.kind === "checker" || bg.kind === "stripes";

const listPhrase = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

export interface PictureDescription {
  title: string;
  description: string;
  keywords: string[];
  dominantColors: Array<{ name: string; hex: string }>;
  isIllustration: boolean;
}

const shapeArea = (shape: ShapeSpec, spec: PictureSpec): number => {
  const short = Math.min(spec.width, spec.height);
  const r = (shape.size * short) / 2;
  return (SHAPE_AREA_FACTOR[shape.kind] * r * r) / (spec.width * spec.height);
};

/** Colours by the share of the picture they cover, largest first (the same name is merged). */
export const dominantColorsOf = (
  spec: PictureSpec,
): Array<{ name: ColorName; hex: string; share: number }> => {
  const shares = new Map<ColorName, number>();
  const add = (name: ColorName, share: number) => shares.set(name, (shares.get(name) ?? 0) + share);
  let shapesShare = 0;
  for (const shape of spec.shapes) {
    const share = shapeArea(shape, spec);
    shapesShare += share;
    add(shape.color, share);
  }
  const bgColors = backgroundColors(spec.background);
  const bgShare = Math.max(0, 1 - shapesShare);
  // A radial gradient's outer colour covers more area than its centre.
  const split = spec.background.kind === "radial" ? [0.6, 0.4] : bgColors.length === 2 ? [0.5, 0.5] : [1];
  bgColors.forEach((name, i) => {
    add(name, bgShare * (split[i] ?? 0));
  });
  return [...shares.entries()]
    .map(([name, share]) => ({ name, hex: colorHex(name), share }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
};

/** Title, description and keywords that say only what the picture shows. */
export const describePicture = (spec: PictureSpec): PictureDescription => {
  const [main, ...companions] = spec.shapes;
  if (main === undefined) throw new RangeError("describePicture: a picture needs at least one shape");
  const bg = backgroundPhrase(spec.background);
  const companionPhrases = companions.map((s) => `${s.color} ${s.kind}`);
  const withPart =
    companions.length === 0 ? "" : ` with ${listPhrase(companionPhrases.map((p) => `a small ${p}`))}`;
  const title = capitalise(`${main.color} ${main.kind}${withPart} on ${article(bg)} ${bg}`);

  const placement = placementOf(main);
  const tilt = main.rotation !== 0 && Math.abs(main.rotation) >= 8 ? `, slightly tilted` : "";
  const sentences: string[] = [];
  sentences.push(
    `${capitalise(article(main.color))} ${main.color} ${main.kind}${tilt}, ${placement}, on ${article(bg)} ${bg}.`,
  );
  if (companions.length > 0) {
    sentences.push(
      `Also shown: ${listPhrase(companions.map((s) => `${article(s.color)} smaller ${s.color} ${s.kind} ${placementOf(s)}`))}.`,
    );
  }
  const flat = isFlat(spec.background);
  const style = [
    isMinimal(spec) ? "Minimal" : "Simple",
    flat ? "flat geometric illustration" : "geometric composition on a soft backdrop",
  ].join(" ");
  sentences.push(`${style}${hasCopySpace(spec) ? " with copy space" : ""}.`);

  const keywords = new Set<string>();
  const addAll = (words: Iterable<string>) => {
    for (const w of words) keywords.add(w);
  };
  keywords.add(main.color);
  addAll(SHAPE_KEYWORDS[main.kind]);
  for (const s of companions) {
    keywords.add(s.color);
    addAll(SHAPE_KEYWORDS[s.kind]);
  }
  if (companions.length > 0) keywords.add("shapes");
  addAll(backgroundColors(spec.background));
  keywords.add("background");
  addAll(BACKGROUND_KEYWORDS[spec.background.kind]);
  if (spec.background.kind === "solid" && spec.background.color === "white") keywords.add("isolated");
  if (spec.background.kind === "solid" || spec.background.kind === "grain") {
    if (LIGHT_COLORS.has(spec.background.color)) keywords.add("light");
    if (DARK_COLORS.has(spec.background.color)) keywords.add("dark");
  }
  keywords.add(placement === "centered" ? "centered" : "off-center");
  if (isMinimal(spec)) addAll(["minimal", "simple"]);
  if (hasCopySpace(spec)) keywords.add("copy space");
  addAll(["geometric", "shape", "abstract", "graphic", "design"]);
  if (flat) addAll(["illustration", "flat"]);
  if (spec.orientation !== "square") keywords.add(spec.orientation);

  return {
    title,
    description: sentences.join(" "),
    keywords: [...keywords],
    dominantColors: dominantColorsOf(spec).map(({ name, hex }) => ({ name, hex })),
    isIllustration: flat,
  };
};

/** The subject's colour (what a colour search should match), as `RRGGBB`. */
export const pictureColorHex = (spec: PictureSpec): string => colorHex(spec.shapes[0]?.color ?? "white");
