import type { RgbaImage } from "./picture.ts";

/** An opaque image from a colour function, for hand-made test pictures. */
export const imageFromPixels = (
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number],
): RgbaImage => {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return { width, height, data };
};
