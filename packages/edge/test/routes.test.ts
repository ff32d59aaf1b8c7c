import { operations } from "@shutterkit/core";
import { getImage, routeTable, searchImages } from "@shutterkit/core/routes";
import { describe, expect, it } from "vitest";
import { ProxyConfigError } from "../src/index.ts";
import { accessOf, buildRouteTable, unsafePathValue } from "../src/routes.ts";

const all = Object.values(operations);

describe("access classes", () => {
  it("lists as purchases every non-GET operation needing licenses.create, and every POST to a /licenses route", () => {
    for (const descriptor of all) {
      const scopes = descriptor.security.flatMap((requirement) => requirement.scopes);
      if (descriptor.method !== "GET" && scopes.includes("licenses.create"))
        expect(accessOf(descriptor), descriptor.operationId).toBe("purchase");
    }
    expect(accessOf(operations.licenseImages)).toBe("purchase");
    expect(accessOf(operations.licensesSFX)).toBe("purchase");
  });

  it("takes a descriptor's own access field over the derivation, once core's descriptors carry it", () => {
    expect(accessOf({ ...operations.uploadImage, access: "purchase" })).toBe("purchase");
    expect(accessOf({ ...operations.licenseImages, access: "write" })).toBe("write");
  });

  it("counts GETs as reads, even where the contract asks for licenses.create, and other methods as writes", () => {
    expect(accessOf(operations.getImageList)).toBe("read");
    for (const descriptor of all) {
      const access = accessOf(descriptor);
      if (access !== "purchase") expect(access).toBe(descriptor.method === "GET" ? "read" : "write");
      else expect(descriptor.method).not.toBe("GET");
    }
  });
});

describe("route table", () => {
  const table = buildRouteTable([
    operations.getImage,
    operations.searchImages,
    operations.getImageCollection,
    operations.getImageCollectionList,
  ]);

  it("prefers literal segments over placeholders, whatever the allowlist order", () => {
    const match = table.find("GET", "/v2/images/search");
    expect(match.kind === "found" && match.route.descriptor.operationId).toBe("searchImages");
    const collections = table.find("GET", "/v2/images/collections");
    expect(collections.kind === "found" && collections.route.descriptor.operationId).toBe(
      "getImageCollectionList",
    );
    const byId = table.find("GET", "/v2/images/123");
    expect(byId.kind === "found" && byId.route.descriptor.operationId).toBe("getImage");
    expect(byId.kind === "found" && byId.pathValues).toEqual({ id: "123" });
  });

  it("tells a wrong method from an unknown path, and survives malformed escapes", () => {
    expect(table.find("POST", "/v2/images/search")).toEqual({ kind: "method", methods: ["GET"] });
    expect(table.find("GET", "/v2/videos/search")).toEqual({ kind: "none" });
    expect(table.find("GET", "/v2/images/%E0%A4%A")).toEqual({ kind: "none" });
  });

  it("lists only permitted methods for preflights", () => {
    const withWrites = buildRouteTable([
      operations.getImageCollection,
      operations.deleteImageCollection,
      { operation: operations.renameImageCollection, write: true },
    ]);
    expect(withWrites.methodsAt("/v2/images/collections/42")).toEqual(["GET", "POST"]);
  });

  it("refuses to proxy operations that hand out credentials", () => {
    expect(() => buildRouteTable([operations.createAccessToken])).toThrow(ProxyConfigError);
    expect(() => buildRouteTable([operations.getAccessToken])).toThrow(ProxyConfigError);
    expect(() => buildRouteTable([operations.authorize])).toThrow(ProxyConfigError);
  });

  it("takes core's schema-free route descriptors and its full operation descriptors alike", () => {
    expect(routeTable.map((route) => route.operationId).sort()).toEqual(Object.keys(operations).sort());
    for (const route of routeTable)
      expect(accessOf(route), route.operationId).toBe(accessOf(operations[route.operationId]));
    const mixed = buildRouteTable([getImage, { operation: searchImages }, operations.getImageCollectionList]);
    const found = mixed.find("GET", "/v2/images/search");
    expect(found.kind === "found" && found.route.descriptor).toBe(searchImages);
    expect(mixed.find("GET", "/v2/images/collections").kind).toBe("found");
  });

  it("checks cache TTLs", () => {
    expect(() => buildRouteTable([{ operation: operations.getImage, cacheTtl: -1 }])).toThrow(/cacheTtl/);
  });
});

describe("path value guard", () => {
  it("covers every literal segment that shares a position with a placeholder in the contract's paths", () => {
    // A value reaches a sibling route when a literal sits where another path has a placeholder,
    // after the same prefix: `/v2/images/licenses` against `/v2/images/{id}`.
    const split = all.map((descriptor) => descriptor.path.split("/"));
    const colliding = new Set<string>();
    for (const templated of split)
      templated.forEach((part, index) => {
        if (!part.startsWith("{")) return;
        const prefix = templated.slice(0, index).join("/");
        for (const other of split) {
          const literal = other[index];
          if (literal !== undefined && !literal.startsWith("{") && other.slice(0, index).join("/") === prefix)
            colliding.add(literal);
        }
      });
    expect(colliding.size).toBeGreaterThan(10);
    for (const literal of colliding) expect(unsafePathValue({ id: literal }), literal).toBe("id");
  });

  it("lets the contract's example identifiers through and stops dot segments", () => {
    for (const value of [
      "465011609",
      "126351027",
      "e123",
      "9926131a",
      "Uabc123",
      "2018/10/15/Awards, London",
    ])
      expect(unsafePathValue({ id: value }), value).toBeUndefined();
    expect(unsafePathValue({ id: ".." })).toBe("id");
    expect(unsafePathValue({ id: "." })).toBe("id");
  });
});
