// Download URLs are signed like a CDN's: an HMAC-SHA256 of the path and expiry with a per-sandbox
// secret, so a URL cannot be forged or extended. Web Crypto only, for every runtime.

const encoder = new TextEncoder();

const toHex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");

export class UrlSigner {
  private readonly key: Promise<CryptoKey>;

  constructor(secret: string) {
    this.key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
  }

  async signature(path: string, expires: number): Promise<string> {
    const mac = await crypto.subtle.sign("HMAC", await this.key, encoder.encode(`${path}\n${expires}`));
    return toHex(mac);
  }

  /** `path?expires=<unix seconds>&signature=<hex>`. */
  async sign(path: string, expires: number): Promise<string> {
    return `${path}?expires=${expires}&signature=${await this.signature(path, expires)}`;
  }

  /** Checks the signature in constant time; expiry is the caller's call (it owns the clock). */
  async verify(path: string, expires: number, signature: string): Promise<boolean> {
    const expected = await this.signature(path, expires);
    if (expected.length !== signature.length) return false;
    let difference = 0;
    for (let index = 0; index < expected.length; index++) {
      difference |= expected.charCodeAt(index) ^ signature.charCodeAt(index);
    }
    return difference === 0;
  }
}
