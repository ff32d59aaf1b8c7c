// Base64 without Buffer or giant binary strings, so multi-megabyte uploads decode in any runtime.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Int16Array(256).fill(-1);
for (let index = 0; index < ALPHABET.length; index++) LOOKUP[ALPHABET.charCodeAt(index)] = index;
LOOKUP["-".charCodeAt(0)] = 62;
LOOKUP["_".charCodeAt(0)] = 63;

/** Decodes standard or URL-safe base64 (whitespace and a `data:` prefix allowed); undefined when invalid. */
export const decodeBase64 = (input: string): Uint8Array | undefined => {
  const comma = input.startsWith("data:") ? input.indexOf(",") : -1;
  const text = (comma >= 0 ? input.slice(comma + 1) : input).replace(/[\s=]+/g, "");
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let index = 0; index < text.length; index++) {
    const value = LOOKUP[text.charCodeAt(index)] ?? -1;
    if (value < 0) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 255;
    }
  }
  return out.subarray(0, written);
};

export const encodeBase64 = (bytes: Uint8Array): string => {
  let out = "";
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const value = ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    out +=
      ALPHABET[(value >> 18) & 63]! +
      ALPHABET[(value >> 12) & 63]! +
      ALPHABET[(value >> 6) & 63]! +
      ALPHABET[value & 63]!;
  }
  const rest = bytes.length - index;
  if (rest === 1) {
    const value = (bytes[index] ?? 0) << 16;
    out += `${ALPHABET[(value >> 18) & 63]!}${ALPHABET[(value >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const value = ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8);
    out += `${ALPHABET[(value >> 18) & 63]!}${ALPHABET[(value >> 12) & 63]!}${ALPHABET[(value >> 6) & 63]!}=`;
  }
  return out;
};
