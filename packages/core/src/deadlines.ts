// One timer for every in-flight attempt of a client. A timer per attempt costs more than the rest of
// an attempt's bookkeeping under concurrency (in Node each one is a tracked async resource), while
// attempts rarely time out. The timer is armed for the earliest deadline and cleared whenever no
// attempt is left, so an idle client holds no timer: nothing keeps a process alive or trips Deno's
// test sanitizers.

export interface Deadlines {
  /** Runs `onExpire` once `at` (in `Date.now()` time) has passed, unless the returned cancel runs first. */
  readonly add: (at: number, onExpire: () => void) => () => void;
}

interface Entry {
  readonly at: number;
  readonly onExpire: () => void;
}

export const makeDeadlines = (): Deadlines => {
  const pending = new Set<Entry>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = Number.POSITIVE_INFINITY;

  const disarm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
  };
  const arm = (at: number) => {
    disarm();
    armedAt = at;
    timer = setTimeout(expire, Math.max(0, at - Date.now()));
  };
  const expire = () => {
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of pending) {
      if (entry.at <= now) {
        pending.delete(entry);
        entry.onExpire();
      } else if (entry.at < next) next = entry.at;
    }
    // An onExpire may have added an entry (and armed the timer) already.
    if (next < armedAt) arm(next);
  };

  return {
    add: (at, onExpire) => {
      const entry: Entry = { at, onExpire };
      pending.add(entry);
      if (at < armedAt) arm(at);
      return () => {
        if (pending.delete(entry) && pending.size === 0) disarm();
      };
    },
  };
};
