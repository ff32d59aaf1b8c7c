// The bridge from generated pictures to catalog facts: truthful text from describePicture, plus the
// stock-photo classifications the API exposes (image type, categories).
import { describePicture, makePicture, type PictureSpec } from "../imaging/picture.ts";
import type { Rng } from "../random.ts";
import { hexToRgb, type Rgb } from "../search/common.ts";
import type { CategoryRef, PictureFacts } from "./types.ts";
import { IMAGE_CATEGORIES, VIDEO_CATEGORIES } from "./vocab.ts";

export const pictureFacts = (spec: PictureSpec): PictureFacts => {
  const described = describePicture(spec);
  return {
    spec,
    title: described.title,
    description: described.description,
    keywords: described.keywords,
    colors: described.dominantColors.map((color) => ({
      name: color.name,
      hex: color.hex,
      rgb: hexToRgb(color.hex) ?? ([0, 0, 0] as Rgb),
    })),
    isIllustration: described.isIllustration,
    width: spec.width,
    height: spec.height,
  };
};

export const generatePicture = (rng: Rng): PictureFacts => pictureFacts(makePicture(rng));

/** Flat pictures are illustrations, and those on a plain backdrop also ship as vectors. */
export const imageTypeOf = (facts: PictureFacts): "photo" | "illustration" | "vector" =>
  !facts.isIllustration ? "photo" : facts.spec.background.kind === "solid" ? "vector" : "illustration";

const SYMBOLS = new Set(["heart", "star", "cross", "crescent"]);

const byName = (list: ReadonlyArray<CategoryRef>, name: string): CategoryRef =>
  list.find((category) => category.name === name) ?? { id: "0", name };

/** Categories that describe what the picture shows: every picture is abstract; some are more. */
export const categoriesOf = (facts: PictureFacts, kind: "image" | "video"): CategoryRef[] => {
  const list: ReadonlyArray<CategoryRef> = kind === "image" ? IMAGE_CATEGORIES : VIDEO_CATEGORIES;
  const out = [byName(list, "Abstract")];
  const background = facts.spec.background.kind;
  if (
    background === "grain" ||
    background === "checker" ||
    background === "stripes" ||
    facts.spec.shapes.length === 1
  ) {
    out.push(byName(list, "Backgrounds/Textures"));
  }
  const subject = facts.spec.shapes[0]?.kind;
  if (subject !== undefined && SYMBOLS.has(subject)) out.push(byName(list, "Signs/Symbols"));
  return out;
};
