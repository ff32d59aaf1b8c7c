import { describe, expect, it } from "vitest";
import { makeRng } from "../../src/random.ts";
import { DESCRIPTOR_LENGTH, VisualIndex } from "../../src/vision/index.ts";

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
