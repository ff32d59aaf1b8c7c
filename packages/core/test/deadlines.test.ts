import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Deadline, makeDeadlines as makeDeadlineList } from "../src/deadlines.ts";

class Expiry extends Deadline {
  readonly at: number;
  readonly expire: () => void;
  constructor(at: number, expire: () => void) {
    super();
    this.at = at;
    this.expire = expire;
  }
}

/** The list with the shape these tests use: add a deadline, get its cancel. */
const makeDeadlines = () => {
  const deadlines = makeDeadlineList();
  return {
    add: (at: number, expire: () => void) => {
      const deadline = new Expiry(at, expire);
      deadlines.add(deadline);
      return () => deadlines.remove(deadline);
    },
  };
};

interface NodeTimer {
  hasRef(): boolean;
}

/** Every timer set since the fake clock was installed, as its setTimeout returned it. */
const timersSet: Array<unknown> = [];

/**
 * Runs each test twice: with Node's timers (objects that can be unreferenced) and with numeric ids,
 * as Deno, browsers and workers return them.
 */
for (const kind of ["node", "numeric"] as const) {
  describe(`makeDeadlines (${kind} timers)`, () => {
    beforeEach(() => {
      vi.useFakeTimers({ now: 1_000_000 });
      timersSet.length = 0;
      const fakeSetTimeout = globalThis.setTimeout;
      vi.spyOn(globalThis, "setTimeout").mockImplementation(((handler: () => void, ms?: number) => {
        const timer = fakeSetTimeout(handler, ms);
        const returned = kind === "node" ? timer : Number(timer);
        timersSet.push(returned);
        return returned;
      }) as typeof setTimeout);
    });
    afterEach(() => {
      vi.restoreAllMocks();
      vi.useRealTimers();
    });

    /** Timers that would keep a process alive: Node's is never referenced; elsewhere, any pending. */
    const referencedTimers = () =>
      kind === "node"
        ? timersSet.filter((timer) => (timer as NodeTimer).hasRef()).length
        : vi.getTimerCount();

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

    it("never runs a cancelled expiry, and holds no referenced timer once nothing is pending", () => {
      const deadlines = makeDeadlines();
      const fired: string[] = [];
      const cancelFirst = deadlines.add(Date.now() + 10, () => fired.push("first"));
      const cancelSecond = deadlines.add(Date.now() + 20, () => fired.push("second"));
      cancelFirst();
      vi.advanceTimersByTime(15);
      expect(fired).toEqual([]);
      expect(vi.getTimerCount()).toBe(1);
      cancelSecond();
      expect(referencedTimers()).toBe(0);
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

    it("keeps its order whatever is cancelled, even by an expiry running at the same moment", () => {
      const deadlines = makeDeadlines();
      const fired: number[] = [];
      const cancels: Array<() => void> = [];
      for (let index = 0; index < 8; index++)
        cancels.push(
          deadlines.add(Date.now() + 10, () => {
            fired.push(index);
            // The first to expire cancels one due at the same moment: it must not run.
            if (index === 0) cancels[5]?.();
          }),
        );
      for (const index of [6, 1, 3]) cancels[index]?.();
      cancels[3]?.();
      vi.advanceTimersByTime(10);
      expect(fired).toEqual([0, 2, 4, 7]);
      expect(vi.getTimerCount()).toBe(0);
    });

    it("serves one call after another with as few timers as the runtime allows", () => {
      const deadlines = makeDeadlines();
      const fired: number[] = [];
      for (let call = 0; call < 5; call++) {
        const cancel = deadlines.add(Date.now() + 1_000, () => fired.push(call));
        expect(vi.getTimerCount()).toBe(1);
        expect(referencedTimers()).toBe(kind === "node" ? 0 : 1);
        vi.advanceTimersByTime(10);
        cancel();
        expect(referencedTimers()).toBe(0);
      }
      // Node: the first call's timer, unreferenced and kept between calls; elsewhere one per call.
      expect(timersSet).toHaveLength(kind === "node" ? 1 : 5);
      // A call still pending when the kept timer fires is re-armed for, and expires on time.
      deadlines.add(Date.now() + 1_000, () => fired.push(99));
      vi.advanceTimersByTime(999);
      expect(fired).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(fired).toEqual([99]);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
}
