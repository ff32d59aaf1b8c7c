// A PNG built by hand (stored deflate blocks, no compression library) so the upload scenario has a
// real picture in every runtime, without Buffer, zlib or CompressionStream.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const crc32 = (bytes: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

const adler32 = (bytes: Uint8Array): number => {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
};

const u32 = (value: number): number[] => [
  (value >>> 24) & 255,
  (value >>> 16) & 255,
  (value >>> 8) & 255,
  value & 255,
];

const chunk = (type: string, data: Uint8Array): number[] => {
  const typed = new Uint8Array(4 + data.length);
  for (let index = 0; index < 4; index++) typed[index] = type.charCodeAt(index);
  typed.set(data, 4);
  return [...u32(data.length), ...typed, ...u32(crc32(typed))];
};

/** zlib stream of stored (uncompressed) blocks of at most 65,535 bytes each. */
const stored = (raw: Uint8Array): Uint8Array => {
  const out: number[] = [0x78, 0x01];
  for (let offset = 0; offset < raw.length || offset === 0; offset += 65_535) {
    const block = raw.subarray(offset, Math.min(raw.length, offset + 65_535));
    const last = offset + 65_535 >= raw.length ? 1 : 0;
    out.push(last, block.length & 255, block.length >>> 8, ~block.length & 255, (~block.length >>> 8) & 255);
    for (const byte of block) out.push(byte);
    if (raw.length === 0) break;
  }
  out.push(...u32(adler32(raw)));
  return new Uint8Array(out);
};

/** A `size`×`size` RGB PNG: a red disc on a white ground. */
export const discPng = (size: number): Uint8Array => {
  const stride = size * 3 + 1;
  const raw = new Uint8Array(stride * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size * 0.3) ** 2;
      raw.set(inside ? [220, 30, 40] : [255, 255, 255], y * stride + 1 + x * 3);
    }
  const header = new Uint8Array([...u32(size), ...u32(size), 8, 2, 0, 0, 0]);
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk("IHDR", header),
    ...chunk("IDAT", stored(raw)),
    ...chunk("IEND", new Uint8Array(0)),
  ]);
};

export const toBase64 = (bytes: Uint8Array): string => {
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
};
