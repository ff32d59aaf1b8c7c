// One timer for every in-flight attempt of a client. A timer per attempt costs more than the rest of
// an attempt's bookkeeping under concurrency (in Node each one is a tracked async resource), while
// attempts rarely time out. The timer is armed for the earliest deadline and never keeps an idle
// process alive, nor trips Deno's test sanitizers:
// - where timers can be unreferenced (Node, Bun), the timer is, and stays armed while the client is
//   idle, so back-to-back calls reuse it instead of setting and clearing one each; it fires at most
//   once more, finding nothing to do. It need not hold the process open: an attempt in flight holds
//   its connection, which does;
// - elsewhere (Deno, browsers, workers) the timer is cleared as soon as no attempt is left.

/**
 * A deadline: `expire` runs once `at` (in `Date.now()` time) has passed, unless it is removed first.
 * The links are the list's own: an attempt is its deadline, so adding one allocates nothing.
 */
export abstract class Deadline {
  abstract readonly at: number;
  abstract expire(): void;
  previous: Deadline | undefined = undefined;
  next: Deadline | undefined = undefined;
  linked = false;
}

export interface Deadlines {
  readonly add: (deadline: Deadline) => void;
  /** Removes a pending deadline; a no-op for one expired or removed already. */
  readonly remove: (deadline: Deadline) => void;
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
  // A linked list rather than a Set: adding and removing touch only the entry and its neighbours,
  // where a Set's table is rebuilt as calls come and go, which under concurrency kept finished
  // attempts reachable long enough for V8 to promote them.
  let head: Deadline | undefined;
  let tail: Deadline | undefined;
  let timer: Timer | undefined;
  let armedAt = Number.POSITIVE_INFINITY;
  let unreferenced = false;

  const link = (entry: Deadline) => {
    entry.linked = true;
    entry.previous = tail;
    if (tail === undefined) head = entry;
    else tail.next = entry;
    tail = entry;
  };
  const unlink = (entry: Deadline): boolean => {
    if (!entry.linked) return false;
    entry.linked = false;
    if (entry.previous === undefined) head = entry.next;
    else entry.previous.next = entry.next;
    if (entry.next === undefined) tail = entry.previous;
    else entry.next.previous = entry.previous;
    entry.previous = undefined;
    entry.next = undefined;
    return true;
  };
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
  const expire = () => {
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    const expired: Deadline[] = [];
    for (let entry = head; entry !== undefined; entry = entry.next) {
      if (entry.at <= now) expired.push(entry);
      else if (entry.at < next) next = entry.at;
    }
    // Collected first: an expiry may remove or add other deadlines.
    for (const entry of expired) if (unlink(entry)) entry.expire();
    // An expiry may have added a deadline (and armed the timer) already.
    if (next < armedAt) arm(next);
  };

  return {
    add: (deadline) => {
      link(deadline);
      if (deadline.at < armedAt) arm(deadline.at);
    },
    remove: (deadline) => {
      if (unlink(deadline) && head === undefined && !unreferenced) disarm();
    },
  };
};
