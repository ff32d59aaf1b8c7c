// Renders assets/red-circle.png, the demo's sample picture: a red circle on white, anti-aliased.
// Run with Node 24: node scripts/make-sample-image.ts
import { writeFileSync } from "node:fs";
import { encodePng, imageFromPixels } from "@shutterkit/sandbox/imaging";

const SIZE = 256;
const RADIUS = SIZE * 0.32;
const RED = [220, 30, 40] as const;
const SAMPLES = 4;

const png = encodePng(
  imageFromPixels(SIZE, SIZE, (x, y) => {
    let inside = 0;
    for (let sy = 0; sy < SAMPLES; sy++)
      for (let sx = 0; sx < SAMPLES; sx++) {
        const dx = x + (sx + 0.5) / SAMPLES - SIZE / 2;
        const dy = y + (sy + 0.5) / SAMPLES - SIZE / 2;
        if (dx * dx + dy * dy <= RADIUS * RADIUS) inside++;
      }
    const coverage = inside / (SAMPLES * SAMPLES);
    const mix = (channel: number) => Math.round(255 + (channel - 255) * coverage);
    return [mix(RED[0]), mix(RED[1]), mix(RED[2])];
  }),
);
writeFileSync(new URL("../assets/red-circle.png", import.meta.url), png);
console.log(`assets/red-circle.png: ${png.length} bytes`);
