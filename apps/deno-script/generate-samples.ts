// Writes the small sample pictures `deno task start` runs on (they are also committed, so this only
// matters if they are deleted): `deno run --allow-read=samples --allow-write=samples generate-samples.ts`.
import { encode as encodePng } from "fast-png";
import jpeg from "jpeg-js";

type Paint = (x: number, y: number) => readonly [number, number, number];

const WIDTH = 160;
const HEIGHT = 120;

const rgba = (paint: Paint): Uint8Array => {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) data.set([...paint(x, y), 255], (y * WIDTH + x) * 4);
  }
  return data;
};

const samples: ReadonlyArray<{ readonly name: string; readonly paint: Paint }> = [
  // A warm sky over a dark horizon.
  { name: "sunset.jpg", paint: (_x, y) => (y < 80 ? [250, 120 + y, 40 + y / 2] : [40, 25, 30]) },
  // Blue water with lighter stripes of waves.
  {
    name: "sea.png",
    paint: (x, y) => (Math.floor((y + Math.sin(x / 9) * 4) / 10) % 2 ? [30, 90, 190] : [70, 160, 220]),
  },
  // Green leaves: overlapping circles on a dark ground.
  {
    name: "forest.jpg",
    paint: (x, y) => {
      const leaf = Math.hypot((x % 32) - 16, (y % 28) - 14) < 11 !== (x + y) % 64 < 8;
      return leaf ? [40, 150 + (x % 40), 60] : [20, 50, 25];
    },
  },
];

const folder = new URL("./samples/", import.meta.url);
await Deno.mkdir(folder, { recursive: true });
for (const { name, paint } of samples) {
  const data = rgba(paint);
  const bytes = name.endsWith(".png")
    ? encodePng({ width: WIDTH, height: HEIGHT, data, channels: 4, depth: 8 })
    : new Uint8Array(jpeg.encode({ width: WIDTH, height: HEIGHT, data }, 80).data);
  await Deno.writeFile(new URL(name, folder), bytes);
  console.log(`samples/${name} (${bytes.length} bytes)`);
}
