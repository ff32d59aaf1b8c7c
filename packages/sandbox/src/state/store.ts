// Where the state lives between mutations. The sandbox keeps the live copy in memory; a store only
// loads it once and saves each committed version, so any key-value or file backend fits.
import type { SandboxState } from "./model.ts";

export interface SandboxStore {
  load(): Promise<SandboxState | undefined>;
  save(state: SandboxState): Promise<void>;
}

/** Keeps nothing beyond the process: the default. */
export const memoryStore = (): SandboxStore => {
  let saved: string | undefined;
  return {
    load: async () => (saved === undefined ? undefined : (JSON.parse(saved) as SandboxState)),
    save: async (state) => {
      saved = JSON.stringify(state);
    },
  };
};

/**
 * Serialises every mutation through one queue: each runs on a copy of the latest committed state and
 * is committed only after the store saved it, so concurrent requests never lose an update and a
 * failed save leaves the previous state in place.
 */
export class StateQueue {
  private current: SandboxState;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly store: SandboxStore;

  constructor(initial: SandboxState, store: SandboxStore) {
    this.current = initial;
    this.store = store;
  }

  /** The committed state; callers must not modify it. */
  get state(): SandboxState {
    return this.current;
  }

  mutate<T>(change: (draft: SandboxState) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.current);
      const result = change(draft);
      await this.store.save(draft);
      this.current = draft;
      return result;
    };
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Replaces the whole state, in turn with other mutations. */
  replace(next: SandboxState): Promise<void> {
    return this.mutate((draft) => {
      Object.assign(draft, structuredClone(next));
    });
  }

  /** Waits until every queued mutation has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
