import { describe, expect, it } from "vitest";
import {
  announcedLength,
  detectImageType,
  fileNameFromDisposition,
  fileNameFromUrl,
  imageSize,
  publicUrl,
  safeFileName,
} from "../src/wire/index.ts";

const png = (width: number, height: number) => {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return bytes;
};

// SOI, an APP0 segment to skip, then a baseline start-of-frame with height 480 and width 640.
const jpeg = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03,
]);

describe("image facts from the first bytes", () => {
  it("recognises JPEG and PNG and nothing else", () => {
    expect(detectImageType(jpeg)).toBe("jpeg");
    expect(detectImageType(png(1, 1))).toBe("png");
    expect(detectImageType(new TextEncoder().encode("GIF89a"))).toBeUndefined();
    expect(detectImageType(new Uint8Array())).toBeUndefined();
  });

  it("reads the pixel size from the header", () => {
    expect(imageSize(png(4000, 3000), "png")).toEqual({ width: 4000, height: 3000 });
    expect(imageSize(jpeg, "jpeg")).toEqual({ width: 640, height: 480 });
    expect(imageSize(jpeg.slice(0, 10), "jpeg")).toBeUndefined();
  });
});

describe("download naming", () => {
  it("prefers the encoded file name, then the plain one, then the URL", () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''caf%C3%A9.jpg; filename="cafe.jpg"`)).toBe(
      "café.jpg",
    );
    expect(fileNameFromDisposition('attachment; filename="shutterstock_42.jpg"')).toBe("shutterstock_42.jpg");
    expect(fileNameFromDisposition(null)).toBeUndefined();
    expect(fileNameFromUrl(new URL("https://x.test/a/b%20c.jpg?sig=1"))).toBe("b c.jpg");
    expect(safeFileName("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(safeFileName("...")).toBe("download");
  });

  it("keeps signatures out of reported URLs and trusts Content-Length only without an encoding", () => {
    expect(publicUrl(new URL("https://x.test/file.jpg?signature=secret"))).toBe("https://x.test/file.jpg");
    expect(announcedLength(new Headers({ "content-length": "42" }))).toBe(42);
    expect(
      announcedLength(new Headers({ "content-length": "42", "content-encoding": "gzip" })),
    ).toBeUndefined();
  });
});
