/**
 * Baseline JPEG encoder (JFIF, 8-bit, YCbCr 4:4:4, standard Huffman tables, AAN forward DCT): the
 * algorithm jpeg-js's encoder uses, with typed arrays and tables built once per quality instead of on
 * every call (jpeg-js rebuilds ~65k small arrays per image, a fixed cost of 15-20 ms, and returns a
 * Node Buffer). Pure arithmetic on doubles, so the output is byte-identical on every runtime.
 *
 * Kept instead of jpeg-js's encoder because bench/RESULTS.md, section "Sandbox JPEG encoding" (run by
 * `pnpm --filter @shutterkit/bench run all`, script packages/sandbox/bench/jpeg-encode.ts), measures
 * jpeg-js more than 2x slower on the sizes the sandbox serves most: thumbnails 100x67 and 150x100 and
 * previews 450x300 (10-15x, 10x and 2.6x on a quiet machine); 1.4-1.8x at 1000-1500 px. jpeg-js's
 * encoder also ends in `Buffer.from`, which throws in workerd and browsers.
 */
import type { RgbaImage } from "./picture.ts";

const ZIGZAG = Uint8Array.from([
  0, 1, 5, 6, 14, 15, 27, 28, 2, 4, 7, 13, 16, 26, 29, 42, 3, 8, 12, 17, 25, 30, 41, 43, 9, 11, 18, 24, 31,
  40, 44, 53, 10, 19, 23, 32, 39, 45, 52, 54, 20, 22, 33, 38, 46, 51, 55, 60, 21, 34, 37, 47, 50, 56, 59, 61,
  35, 36, 48, 49, 57, 58, 62, 63,
]);

// Annex K quantisation tables, in natural (row-major) order.
const LUMA_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

// Annex K Huffman tables: code counts per length 1..16, then symbols.
const DC_LUMA_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_LUMA_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const DC_CHROMA_BITS = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const DC_CHROMA_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_LUMA_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_LUMA_VALUES = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71,
  0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72,
  0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37,
  0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
  0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83,
  0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3,
  0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
  0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
  0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];
const AC_CHROMA_BITS = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];
const AC_CHROMA_VALUES = [
  0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22,
  0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1,
  0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36,
  0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58,
  0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a,
  0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a,
  0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba,
  0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
  0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];

interface HuffmanTable {
  readonly code: Uint16Array;
  readonly length: Uint8Array;
}

const buildHuffman = (bits: readonly number[], values: readonly number[]): HuffmanTable => {
  const code = new Uint16Array(256);
  const length = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]!; i++) {
      const symbol = values[k++]!;
      code[symbol] = next++;
      length[symbol] = len;
    }
    next <<= 1;
  }
  return { code, length };
};

const DC_LUMA = buildHuffman(DC_LUMA_BITS, DC_LUMA_VALUES);
const AC_LUMA = buildHuffman(AC_LUMA_BITS, AC_LUMA_VALUES);
const DC_CHROMA = buildHuffman(DC_CHROMA_BITS, DC_CHROMA_VALUES);
const AC_CHROMA = buildHuffman(AC_CHROMA_BITS, AC_CHROMA_VALUES);

const AAN_SCALE = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.5411961, 0.275899379];

interface QuantTables {
  /** Quantiser per coefficient in zigzag order (as written to DQT). */
  readonly lumaZigzag: Uint8Array;
  readonly chromaZigzag: Uint8Array;
  /** Multipliers folding the AAN scale and quantisation, in natural order. */
  readonly lumaScale: Float64Array;
  readonly chromaScale: Float64Array;
}

const quantCache = new Map<number, QuantTables>();

const quantTables = (quality: number): QuantTables => {
  const cached = quantCache.get(quality);
  if (cached !== undefined) return cached;
  const factor = quality < 50 ? Math.floor(5000 / quality) : Math.floor(200 - quality * 2);
  const make = (base: readonly number[]) => {
    const zig = new Uint8Array(64);
    const scale = new Float64Array(64);
    for (let i = 0; i < 64; i++) {
      const q = Math.min(255, Math.max(1, Math.floor((base[i]! * factor + 50) / 100)));
      zig[ZIGZAG[i]!] = q;
    }
    for (let row = 0, i = 0; row < 8; row++) {
      for (let col = 0; col < 8; col++, i++) {
        scale[i] = 1 / (zig[ZIGZAG[i]!]! * AAN_SCALE[row]! * AAN_SCALE[col]! * 8);
      }
    }
    return { zig, scale };
  };
  const luma = make(LUMA_QUANT);
  const chroma = make(CHROMA_QUANT);
  const tables = {
    lumaZigzag: luma.zig,
    chromaZigzag: chroma.zig,
    lumaScale: luma.scale,
    chromaScale: chroma.scale,
  };
  quantCache.set(quality, tables);
  return tables;
};

class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  #bitBuffer = 0;
  #bitCount = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(1024, capacity));
  }

  #ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(v: number): void {
    this.#ensure(1);
    this.bytes[this.length++] = v;
  }

  word(v: number): void {
    this.byte((v >> 8) & 0xff);
    this.byte(v & 0xff);
  }

  array(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.byte(values[i]!);
  }

  /** Entropy-coded bits, MSB first, with 0xFF byte stuffing. */
  bits(code: number, count: number): void {
    this.#bitBuffer = (this.#bitBuffer << count) | (code & ((1 << count) - 1));
    this.#bitCount += count;
    while (this.#bitCount >= 8) {
      const b = (this.#bitBuffer >> (this.#bitCount - 8)) & 0xff;
      this.byte(b);
      if (b === 0xff) this.byte(0);
      this.#bitCount -= 8;
    }
    this.#bitBuffer &= (1 << this.#bitCount) - 1;
  }

  /** Pads the last byte with 1 bits. */
  flushBits(): void {
    if (this.#bitCount > 0) this.bits(0x7f, 8 - this.#bitCount);
  }
}

/** AAN forward DCT in place on 64 natural-order samples, then quantisation to integers. */
const fdctQuantise = (data: Float64Array, scale: Float64Array, out: Int32Array): void => {
  for (let row = 0; row < 64; row += 8) {
    const d0 = data[row]!;
    const d1 = data[row + 1]!;
    const d2 = data[row + 2]!;
    const d3 = data[row + 3]!;
    const d4 = data[row + 4]!;
    const d5 = data[row + 5]!;
    const d6 = data[row + 6]!;
    const d7 = data[row + 7]!;
    const tmp0 = d0 + d7;
    const tmp7 = d0 - d7;
    const tmp1 = d1 + d6;
    const tmp6 = d1 - d6;
    const tmp2 = d2 + d5;
    const tmp5 = d2 - d5;
    const tmp3 = d3 + d4;
    const tmp4 = d3 - d4;
    let tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    let tmp11 = tmp1 + tmp2;
    let tmp12 = tmp1 - tmp2;
    data[row] = tmp10 + tmp11;
    data[row + 4] = tmp10 - tmp11;
    const z1 = (tmp12 + tmp13) * Math.SQRT1_2;
    data[row + 2] = tmp13 + z1;
    data[row + 6] = tmp13 - z1;
    tmp10 = tmp4 + tmp5;
    tmp11 = tmp5 + tmp6;
    tmp12 = tmp6 + tmp7;
    const z5 = (tmp10 - tmp12) * 0.382683433;
    const z2 = 0.5411961 * tmp10 + z5;
    const z4 = 1.306562965 * tmp12 + z5;
    const z3 = tmp11 * Math.SQRT1_2;
    const z11 = tmp7 + z3;
    const z13 = tmp7 - z3;
    data[row + 5] = z13 + z2;
    data[row + 3] = z13 - z2;
    data[row + 1] = z11 + z4;
    data[row + 7] = z11 - z4;
  }
  for (let col = 0; col < 8; col++) {
    const d0 = data[col]!;
    const d1 = data[col + 8]!;
    const d2 = data[col + 16]!;
    const d3 = data[col + 24]!;
    const d4 = data[col + 32]!;
    const d5 = data[col + 40]!;
    const d6 = data[col + 48]!;
    const d7 = data[col + 56]!;
    const tmp0 = d0 + d7;
    const tmp7 = d0 - d7;
    const tmp1 = d1 + d6;
    const tmp6 = d1 - d6;
    const tmp2 = d2 + d5;
    const tmp5 = d2 - d5;
    const tmp3 = d3 + d4;
    const tmp4 = d3 - d4;
    let tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    let tmp11 = tmp1 + tmp2;
    let tmp12 = tmp1 - tmp2;
    data[col] = tmp10 + tmp11;
    data[col + 32] = tmp10 - tmp11;
    const z1 = (tmp12 + tmp13) * Math.SQRT1_2;
    data[col + 16] = tmp13 + z1;
    data[col + 48] = tmp13 - z1;
    tmp10 = tmp4 + tmp5;
    tmp11 = tmp5 + tmp6;
    tmp12 = tmp6 + tmp7;
    const z5 = (tmp10 - tmp12) * 0.382683433;
    const z2 = 0.5411961 * tmp10 + z5;
    const z4 = 1.306562965 * tmp12 + z5;
    const z3 = tmp11 * Math.SQRT1_2;
    const z11 = tmp7 + z3;
    const z13 = tmp7 - z3;
    data[col + 40] = z13 + z2;
    data[col + 24] = z13 - z2;
    data[col + 8] = z11 + z4;
    data[col + 56] = z11 - z4;
  }
  for (let i = 0; i < 64; i++) out[ZIGZAG[i]!] = Math.round(data[i]! * scale[i]!);
};

const magnitudeBits = (v: number): number => 32 - Math.clz32(v < 0 ? -v : v);

/** Huffman-codes one quantised block (zigzag order); returns the new DC predictor. */
const writeBlock = (
  w: ByteWriter,
  zz: Int32Array,
  previousDc: number,
  dc: HuffmanTable,
  ac: HuffmanTable,
): number => {
  const diff = zz[0]! - previousDc;
  const dcSize = magnitudeBits(diff);
  w.bits(dc.code[dcSize]!, dc.length[dcSize]!);
  if (dcSize > 0) w.bits(diff < 0 ? diff + (1 << dcSize) - 1 : diff, dcSize);
  let last = 63;
  while (last > 0 && zz[last] === 0) last--;
  let run = 0;
  for (let i = 1; i <= last; i++) {
    const v = zz[i]!;
    if (v === 0) {
      run++;
      continue;
    }
    while (run >= 16) {
      w.bits(ac.code[0xf0]!, ac.length[0xf0]!);
      run -= 16;
    }
    const size = magnitudeBits(v);
    const symbol = (run << 4) | size;
    w.bits(ac.code[symbol]!, ac.length[symbol]!);
    w.bits(v < 0 ? v + (1 << size) - 1 : v, size);
    run = 0;
  }
  if (last < 63) w.bits(ac.code[0]!, ac.length[0]!);
  return zz[0]!;
};

const writeHuffmanTable = (
  w: ByteWriter,
  classAndId: number,
  bits: readonly number[],
  values: readonly number[],
) => {
  w.byte(classAndId);
  w.array(bits);
  w.array(values);
};

/** Encodes RGBA pixels (alpha ignored) as a baseline JPEG; `quality` 1..100. */
export const encodeBaselineJpeg = (image: RgbaImage, quality: number): Uint8Array => {
  const { width, height, data } = image;
  if (width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new RangeError(`JPEG dimensions must be 1..65535, got ${width}x${height}`);
  }
  const q = quantTables(Math.min(100, Math.max(1, Math.round(quality))));
  const w = new ByteWriter(Math.ceil(width * height * 0.5) + 1024);

  w.word(0xffd8);
  // APP0 JFIF 1.1, no density, no thumbnail.
  w.word(0xffe0);
  w.word(16);
  w.array([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  w.word(0xffdb);
  w.word(132);
  w.byte(0);
  w.array(q.lumaZigzag);
  w.byte(1);
  w.array(q.chromaZigzag);
  w.word(0xffc0);
  w.word(17);
  w.byte(8);
  w.word(height);
  w.word(width);
  w.byte(3);
  w.array([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
  w.word(0xffc4);
  w.word(
    2 +
      4 * 17 +
      DC_LUMA_VALUES.length +
      AC_LUMA_VALUES.length +
      DC_CHROMA_VALUES.length +
      AC_CHROMA_VALUES.length,
  );
  writeHuffmanTable(w, 0x00, DC_LUMA_BITS, DC_LUMA_VALUES);
  writeHuffmanTable(w, 0x10, AC_LUMA_BITS, AC_LUMA_VALUES);
  writeHuffmanTable(w, 0x01, DC_CHROMA_BITS, DC_CHROMA_VALUES);
  writeHuffmanTable(w, 0x11, AC_CHROMA_BITS, AC_CHROMA_VALUES);
  w.word(0xffda);
  w.word(12);
  w.array([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);

  const yBlock = new Float64Array(64);
  const cbBlock = new Float64Array(64);
  const crBlock = new Float64Array(64);
  const quantised = new Int32Array(64);
  let dcY = 0;
  let dcCb = 0;
  let dcCr = 0;
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let i = 0; i < 64; i++) {
        // Blocks past the edge repeat the last row/column.
        const y = Math.min(height - 1, by + (i >> 3));
        const x = Math.min(width - 1, bx + (i & 7));
        const p = (y * width + x) * 4;
        const r = data[p]!;
        const g = data[p + 1]!;
        const b = data[p + 2]!;
        yBlock[i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
        cbBlock[i] = -0.16874 * r - 0.33126 * g + 0.5 * b;
        crBlock[i] = 0.5 * r - 0.41869 * g - 0.08131 * b;
      }
      fdctQuantise(yBlock, q.lumaScale, quantised);
      dcY = writeBlock(w, quantised, dcY, DC_LUMA, AC_LUMA);
      fdctQuantise(cbBlock, q.chromaScale, quantised);
      dcCb = writeBlock(w, quantised, dcCb, DC_CHROMA, AC_CHROMA);
      fdctQuantise(crBlock, q.chromaScale, quantised);
      dcCr = writeBlock(w, quantised, dcCr, DC_CHROMA, AC_CHROMA);
    }
  }
  w.flushBits();
  w.word(0xffd9);
  return w.bytes.slice(0, w.length);
};
