import type { PictureSpec } from "../imaging/picture.ts";
import { renderPicture } from "../imaging/render.ts";
import { fitWithin } from "../imaging/resize.ts";
import { describeVisual, type VisualDescriptor, WORKING_SIZE } from "./descriptor.ts";

/** The render size whose descriptor matches that of the full-size picture (the analysis size). */
export const pictureWorkingSize = (spec: PictureSpec): { width: number; height: number } =>
  fitWithin(spec.width, spec.height, WORKING_SIZE);

/** Descriptor of a generated picture, rendered straight at the analysis size (fast: no resize). */
export const describePictureVisual = (spec: PictureSpec): VisualDescriptor => {
  const { width, height } = pictureWorkingSize(spec);
  return describeVisual(renderPicture(spec, width, height));
};
