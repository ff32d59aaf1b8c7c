import { deltaE, type Lab, rgbToLab } from "./color.ts";

/** Every colour a generated picture may use, with the name its metadata calls it. */
export const COLORS = {
  red: "D62828",
  orange: "F77F00",
  yellow: "FCCF14",
  green: "2E9E44",
  teal: "1A9E96",
  blue: "1E63D6",
  purple: "7B3FB5",
  pink: "F06EAA",
  brown: "8B5A2B",
  black: "151515",
  white: "FFFFFF",
  gray: "8C8C8C",
  "light gray": "DADADA",
  beige: "EFE3C8",
  "light blue": "C7E0F4",
  "light pink": "F8D7E3",
  "light green": "D4EDD0",
  "light yellow": "FFF4C2",
  navy: "14213D",
  "dark gray": "3A3A3A",
} as const satisfies Record<string, string>;

export type ColorName = keyof typeof COLORS;

/** Colours a foreground shape may take: the basic, clearly nameable ones. */
export const SHAPE_COLORS = [
  "red",
  "orange",
  "yellow",
  "green",
  "teal",
  "blue",
  "purple",
  "pink",
  "brown",
  "black",
  "white",
  "gray",
] as const satisfies readonly ColorName[];

export type ShapeColorName = (typeof SHAPE_COLORS)[number];

/** Light colours: "isolated on a light background" is what stock pictures mostly look like. */
export const LIGHT_COLORS: ReadonlySet<ColorName> = new Set<ColorName>([
  "white",
  "light gray",
  "beige",
  "light blue",
  "light pink",
  "light green",
  "light yellow",
]);

export const DARK_COLORS: ReadonlySet<ColorName> = new Set<ColorName>(["black", "navy", "dark gray"]);

export const colorHex = (name: ColorName): string => COLORS[name];

export const colorRgb = (name: ColorName): readonly [number, number, number] => {
  const hex = COLORS[name];
  return [
    Number.parseInt(hex.slice(0, 2), 16),
    Number.parseInt(hex.slice(2, 4), 16),
    Number.parseInt(hex.slice(4, 6), 16),
  ];
};

const labCache = new Map<ColorName, Lab>();

export const colorLab = (name: ColorName): Lab => {
  let lab = labCache.get(name);
  if (lab === undefined) {
    const [r, g, b] = colorRgb(name);
    lab = rgbToLab(r, g, b);
    labCache.set(name, lab);
  }
  return lab;
};

export const colorDistance = (p: ColorName, q: ColorName): number => deltaE(colorLab(p), colorLab(q));

/** Lab of the sRGB midpoint of two palette colours (what the middle of a gradient between them shows). */
export const midpointLab = (p: ColorName, q: ColorName): Lab => {
  const a = colorRgb(p);
  const b = colorRgb(q);
  return rgbToLab((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2);
};
