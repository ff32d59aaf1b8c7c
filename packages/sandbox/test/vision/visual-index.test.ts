import { describe, expect, it } from "vitest";
import { makePicture } from "../../src/imaging/picture.ts";
import { makeRng } from "../../src/random.ts";
import {
  DESCRIPTOR_BLOCKS,
  DESCRIPTOR_LENGTH,
  describePictureVisual,
  VisualIndex,
} from "../../src/vision/index.ts";

const randomUnit = (rng: ReturnType<typeof makeRng>): Float32Array => {
  const v = new Float32Array(DESCRIPTOR_LENGTH);
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = rng.next();
    n += v[i]! * v[i]!;
  }
  for (let i = 0; i < v.length; i++) v[i]! /= Math.sqrt(n);
  return v;
};

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("VisualIndex", () => {
  it("matches a brute-force ranking, grows past its initial capacity, and keeps copies", () => {
    const rng = makeRng("index");
    const index = new VisualIndex(4);
    const vectors = new Map<string, Float32Array>();
    for (let i = 0; i < 300; i++) {
      const v = randomUnit(rng);
      vectors.set(`id-${i}`, v);
      index.add(`id-${i}`, v);
    }
    expect(index.size).toBe(300);
    const query = randomUnit(rng);
    const expected = [...vectors]
      .map(([id, v]) => ({ id, score: dot(v, query) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 25);
    const got = index.nearest(query, 25);
    expect(got.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    got.forEach((r, i) => {
      expect(r.score).toBeCloseTo(expected[i]!.score, 5);
    });

    const stored = index.descriptorOf("id-7")!;
    expect(stored).toEqual(vectors.get("id-7"));
    stored[0] = 99;
    expect(index.descriptorOf("id-7")![0]).not.toBe(99);
    expect(index.descriptorOf("missing")).toBeUndefined();
  });

  it("replaces on re-add, filters with accept, orders ties by id, and bounds k", () => {
    const index = new VisualIndex();
    const a = new Float32Array(DESCRIPTOR_LENGTH);
    a[0] = 1;
    const b = new Float32Array(DESCRIPTOR_LENGTH);
    b[1] = 1;
    for (const id of ["c", "a", "b"]) index.add(id, a);
    index.add("z", b);
    expect(index.nearest(a, 10).map((r) => r.id)).toEqual(["a", "b", "c", "z"]);
    expect(index.nearest(a, 2).map((r) => r.id)).toEqual(["a", "b"]);
    expect(index.nearest(a, 2, (id) => id !== "a").map((r) => r.id)).toEqual(["b", "c"]);
    expect(index.nearest(a, 0)).toEqual([]);
    index.add("a", b);
    expect(index.size).toBe(4);
    expect(index.nearest(a, 2).map((r) => r.id)).toEqual(["b", "c"]);
    expect(index.nearest(b, 1)).toEqual([{ id: "a", score: 1 }]);
    expect(() => index.add("bad", new Float32Array(3))).toThrow(RangeError);
    expect(() => index.nearest(new Float32Array(3), 1)).toThrow(RangeError);
    expect(new VisualIndex().nearest(a, 5)).toEqual([]);
  });
});

describe("VisualIndex with signed vectors", () => {
  it("orders rows whose scores clamp to 0 by id, as a plain scan does", () => {
    const rng = makeRng("signed");
    const signed = () => {
      const v = randomUnit(rng);
      for (let i = 0; i < v.length; i++) if (rng.next() < 0.5) v[i] = -v[i]!;
      return v;
    };
    const index = new VisualIndex(8);
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: `r${String(i).padStart(3, "0")}`,
      v: signed(),
    }));
    for (const { id, v } of rows) index.add(id, v);
    const query = signed();
    const expected = rows
      .map(({ id, v }) => {
        let score = 0;
        for (let j = 0; j < query.length; j++) {
          if (query[j] !== 0) score = Math.fround(score + query[j]! * v[j]!);
        }
        return { id, score: score < 0 ? 0 : Math.min(score, 1) };
      })
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, 200);
    expect(expected.at(-1)?.score).toBe(0);
    expect(index.nearest(query, 200)).toEqual(expected);
  });
});

describe("VisualIndex over a seeded catalog", () => {
  const rng = makeRng("index-reference");
  const catalog = Array.from({ length: 1500 }, (_, i) => ({
    id: `img-${String(i).padStart(4, "0")}`,
    descriptor: describePictureVisual(makePicture(rng.fork(`p${i}`))),
  }));
  const index = new VisualIndex(64);
  for (const { id, descriptor } of catalog) index.add(id, descriptor);

  /** A plain scan: every row scored over the query's non-zero entries in order, then sorted. */
  const reference = (query: Float32Array, k: number, accept?: (id: string) => boolean) =>
    catalog
      .filter(({ id }) => accept === undefined || accept(id))
      .map(({ id, descriptor }) => {
        let score = 0;
        for (let j = 0; j < query.length; j++) {
          if (query[j] !== 0) score = Math.fround(score + query[j]! * descriptor[j]!);
        }
        return { id, score: score < 0 ? 0 : Math.min(score, 1) };
      })
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, k);

  const withoutObject = (descriptor: Float32Array): Float32Array => {
    // The screening blocks (shape kind, object colour) empty, as for a picture with no object found.
    const out = Float32Array.from(descriptor);
    for (const block of DESCRIPTOR_BLOCKS.slice(0, 2)) out.fill(0, block.offset, block.offset + block.length);
    return out;
  };

  const queries = [
    ...catalog.slice(0, 6).map(({ descriptor }) => descriptor),
    ...Array.from({ length: 4 }, (_, i) => describePictureVisual(makePicture(rng.fork(`query${i}`)))),
    withoutObject(catalog[7]!.descriptor),
  ];
  const oddOnly = (id: string) => Number(id.slice(4)) % 2 === 1;

  it("returns exactly the plain scan's top k, scores and order included, with and without a filter", () => {
    for (const query of queries) {
      for (const k of [1, 5, 50, 200, 2000]) {
        expect(index.nearest(query, k)).toEqual(reference(query, k));
        expect(index.nearest(query, k, oddOnly)).toEqual(reference(query, k, oddOnly));
      }
    }
  });

  it("keeps the plain scan's results after descriptors are replaced", () => {
    const replaced = new VisualIndex(16);
    for (const { id, descriptor } of catalog) replaced.add(id, descriptor);
    // Every row first holds another row's descriptor, then its own again.
    for (const [i, { id }] of catalog.entries())
      replaced.add(id, catalog[(i + 1) % catalog.length]!.descriptor);
    for (const { id, descriptor } of catalog) replaced.add(id, descriptor);
    for (const query of queries) expect(replaced.nearest(query, 50)).toEqual(reference(query, 50));
  });
});
