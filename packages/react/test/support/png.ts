import { encodePng, imageFromPixels } from "@shutterkit/sandbox/imaging";

export type Rgb = readonly [number, number, number];

/** A filled disc of `color` centred on a `background`, `size` pixels square. */
export const discPng = (size: number, color: Rgb, background: Rgb): Uint8Array<ArrayBuffer> => {
  const centre = (size - 1) / 2;
  const radius = size * 0.35;
  const png = encodePng(
    imageFromPixels(size, size, (x, y) =>
      (x - centre) ** 2 + (y - centre) ** 2 <= radius ** 2 ? color : background,
    ),
  );
  return new Uint8Array(png);
};
