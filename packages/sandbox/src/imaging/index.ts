export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_PIXELS,
  type DecodeLimits,
  decodeImage,
  encodeJpeg,
  encodePng,
  ImageDecodeError,
  type ImageDecodeFailure,
  type ImageDecoder,
  type ImageFormat,
  type ImageHeader,
  inspectImage,
  sniffImageFormat,
} from "./codec.ts";
export { deltaE, type Lab, rgbToLab } from "./color.ts";
export { COLORS, type ColorName, colorHex, colorRgb, SHAPE_COLORS, type ShapeColorName } from "./palette.ts";
export {
  BACKGROUND_KINDS,
  type Background,
  type BackgroundKind,
  backgroundColors,
  backgroundPhrase,
  describePicture,
  dominantColorsOf,
  makePicture,
  type Orientation,
  type PictureDescription,
  type PictureSpec,
  pictureColorHex,
  type RgbaImage,
  SHAPE_KINDS,
  type ShapeKind,
  type ShapeSpec,
} from "./picture.ts";
export { imageFromPixels } from "./pixels.ts";
export { renderPicture, renderVideoFrames, shapesAt } from "./render.ts";
export { fitWithin, resizeImage } from "./resize.ts";
