/**
 * Reads a record by a key that came from a request. State records are plain objects, so a key like
 * `toString` or `constructor` would otherwise find Object.prototype's members instead of nothing.
 */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
