// The upload endpoint takes the picture as base64 in JSON. Chunks keep `String.fromCharCode`
// under the engines' argument-count limit for multi-megabyte photos.
const CHUNK = 0x8000;

export const bytesToBase64 = (bytes: Uint8Array): string => {
  let binary = "";
  for (let start = 0; start < bytes.length; start += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  return btoa(binary);
};

/** A File or Blob (from a drop or an `<input type="file">`) as the bare base64 the API expects. */
export const blobToBase64 = async (blob: Blob): Promise<string> =>
  bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
