// One timer for every in-flight attempt of a client. A timer per attempt costs more than the rest of
// an attempt's bookkeeping under concurrency (in Node each one is a tracked async resource), while
// attempts rarely time out. The timer is armed for the earliest deadline and never keeps an idle
// process alive, nor trips Deno's test sanitizers:
// - where timers can be unreferenced (Node, Bun), the timer is, and stays armed while the client is
//   idle, so back-to-back calls reuse it instead of setting and clearing one each; it fires at most
//   once more, finding nothing to do. It need not hold the process open: an attempt in flight holds
//   its connection, which does;
// - elsewhere (Deno, browsers, workers) the timer is cleared as soon as no attempt is left.

export interface Deadlines {
  /** Runs `onExpire` once `at` (in `Date.now()` time) has passed, unless the returned cancel runs first. */
  readonly add: (at: number, onExpire: () => void) => () => void;
}

interface Entry {
  readonly at: number;
  readonly onExpire: () => void;
}

type Timer = ReturnType<typeof setTimeout>;

interface Unreferenceable {
  unref(): unknown;
}

const canUnreference = (timer: Timer): timer is Timer & Unreferenceable =>
  typeof timer === "object" &&
  timer !== null &&
  typeof (timer as Partial<Unreferenceable>).unref === "function";

export const makeDeadlines = (): Deadlines => {
  const pending = new Set<Entry>();
  let timer: Timer | undefined;
  let armedAt = Number.POSITIVE_INFINITY;
  let unreferenced = false;

  const disarm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
  };
  const arm = (at: number) => {
    disarm();
    armedAt = at;
    const armed = setTimeout(expire, Math.max(0, at - Date.now()));
    unreferenced = false;
    if (canUnreference(armed)) {
      armed.unref();
      unreferenced = true;
    }
    timer = armed;
  };
  const idle = () => {
    if (!unreferenced) disarm();
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
        if (pending.delete(entry) && pending.size === 0) idle();
      };
    },
  };
};
