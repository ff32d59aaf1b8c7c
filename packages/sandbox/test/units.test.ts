// Units under the HTTP layer: route matching, query parsing, fault headers, the state queue, the LRU.

import type { OperationDescriptor } from "@shutterkit/core";
import { operations } from "@shutterkit/core/generated";
import { describe, expect, it } from "vitest";
import { faultMatches, parseFaultHeader } from "../src/faults/faults.ts";
import { makePicture } from "../src/imaging/picture.ts";
import { decodeBase64, encodeBase64 } from "../src/media/base64.ts";
import { MediaRenderer } from "../src/media/renderer.ts";
import { UrlSigner } from "../src/media/signing.ts";
import { makeRng } from "../src/random.ts";
import { parseQuery, stem, TextIndex } from "../src/search/text.ts";
import { Router } from "../src/server/router.ts";
import type { SandboxState } from "../src/state/model.ts";
import { memoryStore, StateQueue } from "../src/state/store.ts";

describe("router", () => {
  const router = new Router<OperationDescriptor>(Object.values(operations));
  const id = (method: string, path: string) => {
    const match = router.match(method, path);
    return match.kind === "match" ? match.descriptor.operationId : match.kind;
  };

  it("prefers literal segments over parameters", () => {
    expect(id("GET", "/v2/images/search")).toBe("searchImages");
    expect(id("GET", "/v2/images/123")).toBe("getImage");
    expect(id("GET", "/v2/images/collections/featured")).toBe("getFeaturedImageCollectionList");
    expect(id("GET", "/v2/images/collections/77")).toBe("getImageCollection");
    expect(id("GET", "/v2/editorial/images/search")).toBe("searchEditorialImages");
    expect(id("GET", "/v2/editorial/abc")).toBe("getEditorial");
  });

  it("tells a wrong method from an unknown path and decodes parameters", () => {
    expect(router.match("PUT", "/v2/images/collections")).toEqual({
      kind: "method-not-allowed",
      allow: ["GET", "POST"],
    });
    expect(id("GET", "/v2/nope")).toBe("not-found");
    const match = router.match("GET", "/v2/editorial/livefeeds/a%20b");
    expect(match.kind === "match" && match.pathParams).toEqual({ id: "a b" });
  });
});

describe("text search", () => {
  it("parses AND, OR, NOT and quotes", () => {
    expect(parseQuery('red OR blue "star shape" -dark NOT light')).toEqual({
      groups: [["red", "blue"], ["star"], ["shape"]],
      excluded: ["dark", "light"],
    });
    expect(stem("cities")).toBe("city");
    expect(stem("boxes")).toBe("box");
    expect(stem("glass")).toBe("glass");
  });

  it("ranks the document with more, rarer matches first", () => {
    const index = new TextIndex([
      [{ text: "red circle", weight: 3 }],
      [{ text: "red star", weight: 3 }],
      [{ text: "blue star on red", weight: 1 }],
    ]);
    const scores = index.search("red star");
    expect([...(scores?.keys() ?? [])].sort()).toEqual([1, 2]);
    expect((scores?.get(1) ?? 0) > (scores?.get(2) ?? 0)).toBe(true);
    expect(index.search("")).toBeUndefined();
  });
});

describe("faults", () => {
  it("parses the header form", () => {
    expect(parseFaultHeader("kind=status; status=503; retry-after=2; count=3")).toEqual({
      kind: "status",
      status: 503,
      retryAfter: 2,
      count: 3,
    });
    expect(parseFaultHeader("kind=delay;ms=250")).toEqual({ kind: "delay", ms: 250 });
    expect(() => parseFaultHeader("kind=status;status=99")).toThrow();
  });

  it("matches operation ids and path globs", () => {
    const target = { operationId: "licenseImages", method: "POST", pathname: "/v2/images/licenses" };
    expect(faultMatches({ kind: "reset", route: "license*" }, target)).toBe(true);
    expect(faultMatches({ kind: "reset", route: "/v2/images/*" }, target)).toBe(true);
    expect(faultMatches({ kind: "reset", route: "/v2/*" }, target)).toBe(false);
    expect(faultMatches({ kind: "reset", route: "/v2/**" }, target)).toBe(true);
    expect(faultMatches({ kind: "reset", method: "get" }, target)).toBe(false);
  });
});

describe("state queue", () => {
  const initial = { counter: 0 } as unknown as SandboxState;

  it("applies concurrent mutations in order", async () => {
    const store = memoryStore();
    store.open(() => structuredClone(initial));
    const queue = new StateQueue(store);
    const seen = await Promise.all(
      Array.from({ length: 30 }, () => queue.mutate((state) => (state.counter += 1))),
    );
    expect(queue.state.counter).toBe(30);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
  });

  it("keeps the previous state when a change fails", async () => {
    const store = memoryStore();
    store.open(() => structuredClone(initial));
    const queue = new StateQueue(store);
    await queue.mutate((state) => (state.counter = 1));
    await expect(
      queue.mutate((state) => {
        state.counter = 99;
        throw new Error("bad change");
      }),
    ).rejects.toThrow("bad change");
    expect(queue.state.counter).toBe(1);
    await queue.mutate((state) => (state.counter += 1));
    expect(queue.state.counter).toBe(2);
  });
});

describe("small pieces", () => {
  it("renders a picture once for concurrent requests and keeps the cache within its byte budget", async () => {
    const renderer = new MediaRenderer(64 * 1024);
    const spec = makePicture(makeRng("lru"));
    const size = { width: 64, height: 48 };
    const [first, second] = await Promise.all([
      renderer.picture("p", spec, size),
      renderer.picture("p", spec, size),
    ]);
    expect(second).toBe(first);
    for (let index = 0; index < 200; index++) await renderer.picture(`p${index}`, spec, size);
    expect(renderer.cachedEntries).toBeGreaterThan(0);
    expect(renderer.cachedEntries).toBeLessThan(200);
  });

  it("round-trips base64 and signs URLs", async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, index) => (index * 37) % 256);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    expect(decodeBase64("data:image/png;base64,AQID")).toEqual(new Uint8Array([1, 2, 3]));
    expect(decodeBase64("a")).toBeUndefined();
    expect(decodeBase64("AQ!D")).toBeUndefined();
    expect(decodeBase64("-_8")).toEqual(new Uint8Array([251, 255]));
    const large = Uint8Array.from({ length: 3_000_000 }, (_, index) => index % 251);
    expect(decodeBase64(encodeBase64(large))).toEqual(large);
    const signer = new UrlSigner("secret");
    const signed = await signer.sign("/sandbox/downloads/x", 100);
    const signature = new URL(signed, "http://x").searchParams.get("signature") ?? "";
    expect(await signer.verify("/sandbox/downloads/x", 100, signature)).toBe(true);
    expect(await signer.verify("/sandbox/downloads/y", 100, signature)).toBe(false);
    expect(await new UrlSigner("other").verify("/sandbox/downloads/x", 100, signature)).toBe(false);
  });
});
