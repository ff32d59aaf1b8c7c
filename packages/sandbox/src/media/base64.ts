// Base64 on the platform's `atob`/`btoa` (every runtime the sandbox runs in has them), accepting what
// clients send: URL-safe letters, whitespace, missing padding and a `data:` prefix.

/** Decodes standard or URL-safe base64 (whitespace and a `data:` prefix allowed); undefined when invalid. */
export const decodeBase64 = (input: string): Uint8Array | undefined => {
  const comma = input.startsWith("data:") ? input.indexOf(",") : -1;
  const text = (comma >= 0 ? input.slice(comma + 1) : input).replace(/[\s=]+/g, "");
  if (text.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*$/.test(text)) return undefined;
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const out = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) out[index] = binary.charCodeAt(index);
  return out;
};

const CHUNK = 0x8000;

export const encodeBase64 = (bytes: Uint8Array): string => {
  let binary = "";
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
};
