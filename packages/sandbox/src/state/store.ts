// Where the sandbox's state lives. Handlers read the latest committed state and change it only
// through `mutate`, which runs the change on a draft and commits it as one transaction of the store:
// a change that throws, or a commit that fails, leaves the previous state in place.
import type { SandboxState } from "./model.ts";

/**
 * A transactional home for the state. `write` runs synchronously from start to commit, so a store
 * that several processes share (SQLite) can hold its write lock for exactly one change.
 */
export interface SandboxStore {
  /** Where the state is kept (a file path), for error messages. */
  readonly location: string;
  /** The stored state, or `initial()` committed as the first version when the store is empty. */
  open(initial: () => SandboxState): SandboxState;
  /** The latest committed state, including other writers' commits. Callers must not modify it. */
  read(): SandboxState;
  /** Runs `change` on a draft of the latest committed state and commits the draft. */
  write<T>(change: (draft: SandboxState) => T): T;
  /** Where catalog descriptors persist, if the store keeps them. */
  readonly descriptors?: DescriptorStore;
  /** Releases the store; later calls fail. */
  close(): void;
}

/**
 * Computed visual descriptors of the catalog, kept beside the state so a restart does not recompute
 * them. Each named set (`images`, `videos`) is stored under a `fingerprint` that names the catalog and
 * the descriptor algorithm it was computed with; `load` gives nothing for another fingerprint.
 */
export interface DescriptorStore {
  load(name: string, fingerprint: string): Map<string, Float32Array>;
  /** Replaces the named set with `entries` (the other sets stay). */
  save(name: string, fingerprint: string, entries: ReadonlyArray<readonly [string, Float32Array]>): void;
}

/** Keeps nothing beyond the process: the default, and the only store outside Node. */
export const memoryStore = (): SandboxStore => {
  let current: SandboxState | undefined;
  const latest = (): SandboxState => {
    if (current === undefined) throw new Error("the sandbox store is not open");
    return current;
  };
  return {
    location: "(memory)",
    open: (initial) => {
      current ??= initial();
      return current;
    },
    read: latest,
    write: (change) => {
      const draft = structuredClone(latest());
      const result = change(draft);
      current = draft;
      return result;
    },
    close: () => {
      current = undefined;
    },
  };
};

/** The handlers' view of the store: reads, and mutations that settle in the order they were asked. */
export class StateQueue {
  private readonly store: SandboxStore;

  constructor(store: SandboxStore) {
    this.store = store;
  }

  /** The committed state; callers must not modify it. */
  get state(): SandboxState {
    return this.store.read();
  }

  mutate<T>(change: (draft: SandboxState) => T): Promise<T> {
    try {
      return Promise.resolve(this.store.write(change));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Replaces the whole state in one transaction. */
  replace(next: SandboxState): Promise<void> {
    return this.mutate((draft) => {
      Object.assign(draft, structuredClone(next));
    });
  }
}
