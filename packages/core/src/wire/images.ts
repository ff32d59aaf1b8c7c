// Which image formats the computer-vision endpoints accept and how large a picture is, read from its
// header, so that a bad file is refused before any request. Pure functions over bytes.

/** Largest image the upload helpers send, in bytes. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Largest width or height the upload helpers send, in pixels. */
export const MAX_UPLOAD_PIXELS = 10_000;

export type ImageType = "jpeg" | "png";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format from the magic bytes, or undefined for anything but JPEG and PNG. */
export const detectImageType = (bytes: Uint8Array): ImageType | undefined => {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte))
    return "png";
  return undefined;
};

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

const readUint16 = (bytes: Uint8Array, offset: number) =>
  ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);

const readUint32 = (bytes: Uint8Array, offset: number) =>
  readUint16(bytes, offset) * 65536 + readUint16(bytes, offset + 2);

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

const jpegSize = (bytes: Uint8Array): ImageSize | undefined => {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    // Fill bytes and standalone markers have no length field.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = readUint16(bytes, offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return undefined;
      return { height: readUint16(bytes, offset + 5), width: readUint16(bytes, offset + 7) };
    }
    if (length < 2) return undefined;
    offset += 2 + length;
  }
  return undefined;
};

/** The pixel size from the PNG IHDR chunk or the JPEG start-of-frame segment, when readable. */
export const imageSize = (bytes: Uint8Array, type: ImageType): ImageSize | undefined => {
  if (type === "png") {
    // The IHDR chunk is always first: length (4), "IHDR" (4), width (4), height (4).
    if (bytes.length < 24) return undefined;
    return { width: readUint32(bytes, 16), height: readUint32(bytes, 20) };
  }
  return jpegSize(bytes);
};

/** Limits the upload helpers check before anything is sent. */
export interface ImageFileOptions {
  /** Largest accepted file, in bytes. Default {@link MAX_UPLOAD_BYTES}. */
  readonly maxBytes?: number;
  /** Largest accepted width or height, in pixels. Default {@link MAX_UPLOAD_PIXELS}. */
  readonly maxPixels?: number;
}

/** An image file read and checked by an adapter's upload helper. */
export interface ImageFile {
  readonly path: string;
  readonly type: ImageType;
  readonly size: number;
  /** Width and height from the header; absent when the header does not say (unusual JPEGs). */
  readonly dimensions: ImageSize | undefined;
  readonly bytes: Uint8Array;
}
