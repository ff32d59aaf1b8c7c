import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeDeadlines } from "../src/deadlines.ts";

describe("makeDeadlines", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs each expiry at its deadline, earliest first, on one timer", () => {
    const deadlines = makeDeadlines();
    const fired: string[] = [];
    deadlines.add(Date.now() + 100, () => fired.push("late"));
    deadlines.add(Date.now() + 50, () => fired.push("early"));
    deadlines.add(Date.now() + 100, () => fired.push("late too"));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(49);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(["early"]);
    vi.advanceTimersByTime(50);
    expect(fired).toEqual(["early", "late", "late too"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("never runs a cancelled expiry, and holds no timer once nothing is pending", () => {
    const deadlines = makeDeadlines();
    const fired: string[] = [];
    const cancelFirst = deadlines.add(Date.now() + 10, () => fired.push("first"));
    const cancelSecond = deadlines.add(Date.now() + 20, () => fired.push("second"));
    cancelFirst();
    vi.advanceTimersByTime(15);
    expect(fired).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    cancelSecond();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([]);
    cancelSecond();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("re-arms for an earlier deadline added later, and for deadlines added while expiring", () => {
    const deadlines = makeDeadlines();
    const fired: string[] = [];
    deadlines.add(Date.now() + 1_000, () => fired.push("slow"));
    deadlines.add(Date.now() + 10, () => {
      fired.push("fast");
      deadlines.add(Date.now() + 5, () => fired.push("follow-up"));
    });
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(["fast"]);
    vi.advanceTimersByTime(5);
    expect(fired).toEqual(["fast", "follow-up"]);
    vi.advanceTimersByTime(985);
    expect(fired).toEqual(["fast", "follow-up", "slow"]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
