import { describe, expect, it } from "vitest";
import { makeRng } from "../../src/random.ts";

const take = (n: number, next: () => number): number[] => Array.from({ length: n }, next);

describe("makeRng", () => {
  it("repeats the same stream for the same seed, numeric or string", () => {
    expect(take(20, makeRng(42).next)).toEqual(take(20, makeRng(42).next));
    expect(take(20, makeRng("catalog").next)).toEqual(take(20, makeRng("catalog").next));
    expect(take(5, makeRng(42).next)).not.toEqual(take(5, makeRng(43).next));
    expect(take(5, makeRng(42).next)).not.toEqual(take(5, makeRng("42").next));
  });

  it("draws floats in [0, 1) and integers within inclusive bounds, roughly uniformly", () => {
    const rng = makeRng("range");
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 6000; i++) {
      const f = rng.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const k = rng.int(-2, 3);
      expect(Number.isInteger(k)).toBe(true);
      counts[k + 2]++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(rng.int(5, 5)).toBe(5);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
  });

  it("picks every item and honours chance()", () => {
    const rng = makeRng(7);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(rng.pick(["a", "b", "c"]));
    expect([...seen].sort()).toEqual(["a", "b", "c"]);
    expect(() => rng.pick([])).toThrow(RangeError);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rng.chance(0.25)) hits++;
    expect(hits).toBeGreaterThan(2200);
    expect(hits).toBeLessThan(2800);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });

  it("forks streams that depend on the label and seed only, not on what the parent consumed", () => {
    const a = makeRng("seed");
    const b = makeRng("seed");
    take(17, b.next);
    expect(take(10, a.fork("pictures").next)).toEqual(take(10, b.fork("pictures").next));
    expect(take(10, a.fork("pictures").next)).not.toEqual(take(10, a.fork("videos").next));
    expect(take(10, a.fork("x").fork("y").next)).toEqual(take(10, makeRng("seed").fork("x").fork("y").next));
    // A fork does not disturb the parent either.
    const c = makeRng("seed");
    const d = makeRng("seed");
    c.fork("anything").next();
    expect(take(5, c.next)).toEqual(take(5, d.next));
  });
});
