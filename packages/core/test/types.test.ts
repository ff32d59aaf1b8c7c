// Named types and what hover shows: every operation's input and result, and every component schema,
// is a named export; the generated source carries the contract's facts as JSDoc on each field.
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { ImageSearchResults } from "../src/generated/schemas.ts";
import type {
  GetSimilarImagesInput,
  GetSimilarImagesResult,
  getSimilarImages,
  InputOf,
  LicenseImagesBody,
  ResultOf,
} from "../src/index.ts";

describe("named types", () => {
  it("name each operation's input, body and result", () => {
    expectTypeOf<GetSimilarImagesInput>().toEqualTypeOf<InputOf<typeof getSimilarImages>>();
    expectTypeOf<GetSimilarImagesResult>().toEqualTypeOf<ResultOf<typeof getSimilarImages>>();
    expectTypeOf<GetSimilarImagesInput["asset_id"]>().toEqualTypeOf<string>();
    expectTypeOf<GetSimilarImagesResult>().toEqualTypeOf<ImageSearchResults>();
    expectTypeOf<LicenseImagesBody["images"][number]["image_id"]>().toEqualTypeOf<string>();
  });
});

describe("hover facts in the generated source", () => {
  const source = (file: string) => readFileSync(new URL(`../src/generated/${file}`, import.meta.url), "utf8");

  it("document a parameter with its type, place, range, default and link", () => {
    const text = source("operations/computer-vision.ts");
    const perPage = text.slice(
      text.indexOf("getSimilarImages = "),
      text.indexOf("export type GetSimilarImagesInput"),
    );
    expect(perPage).toMatch(
      /`integer` · in query · optional\n\s+\* at least 1, at most 500\.\n\s+\* @defaultValue `20` \(the API's default\)\n\s+\* @see \{@link https:\/\/api-reference\.shutterstock\.com\/#computer_vision-getSimilarImages \| API reference\}\n\s+\*\/\n\s+per_page:/,
    );
  });

  it("document an operation with its method, path, access, scopes and whether it is a purchase", () => {
    const text = source("operations/images.ts");
    expect(text).toMatch(
      /\* License images\n\s+\*\n\s+\* `POST \/v2\/images\/licenses` · \*\*purchase\*\*: licenses content and may charge the account; never retried once sent\n\s+\*\n\s+\* Auth: an OAuth token; scopes `licenses\.create`, `purchases\.view`\./,
    );
  });

  it("mark deprecated operations and fields", () => {
    expect(source("operations/computer-vision.ts")).toMatch(
      /@deprecated[\s\S]*export const uploadEphemeralImage/,
    );
  });
});
