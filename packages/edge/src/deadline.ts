// A bound on the deployer's code and the counters the proxy waits for before proxying: a caller
// check or a limiter that never answers must not hold the request forever.

/** `work`'s outcome, or `onTimeout()`'s error once `ms` have passed; the timer never outlives it. */
export const within = <T>(work: () => T | Promise<T>, ms: number, onTimeout: () => Error): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([Promise.resolve().then(work), timeout]).finally(() => clearTimeout(timer));
};
