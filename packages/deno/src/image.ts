// Recognises the two formats the computer-vision endpoints accept from their first bytes, and reads
// their pixel size from the header, so a bad file is rejected before any request.

export type ImageType = "jpeg" | "png";

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format from the magic bytes, or undefined for anything but JPEG and PNG. */
export const detectImageType = (bytes: Uint8Array): ImageType | undefined => {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    return "png";
  }
  return undefined;
};

const uint16 = (bytes: Uint8Array, at: number): number => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
const uint32 = (bytes: Uint8Array, at: number): number => uint16(bytes, at) * 0x10000 + uint16(bytes, at + 2);

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

const jpegSize = (bytes: Uint8Array): ImageSize | undefined => {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes and standalone markers (TEM, RSTn) have no length field.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (isStartOfFrame(marker)) {
      return at + 9 > bytes.length
        ? undefined
        : { height: uint16(bytes, at + 5), width: uint16(bytes, at + 7) };
    }
    const length = uint16(bytes, at + 2);
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
};

/** The pixel size from the PNG IHDR chunk or the JPEG start-of-frame segment, when readable. */
export const imageSize = (bytes: Uint8Array, type: ImageType): ImageSize | undefined => {
  if (type === "jpeg") return jpegSize(bytes);
  // IHDR is always the first chunk: length (4), "IHDR" (4), width (4), height (4).
  return bytes.length < 24 ? undefined : { width: uint32(bytes, 16), height: uint32(bytes, 20) };
};
