/// <reference types="node" />
// Persists the sandbox state as one JSON file, written atomically (temp file, then rename) so a crash
// mid-write never leaves a torn document behind. Node only: imported by the Node entry points.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SandboxState } from "./model.ts";
import type { SandboxStore } from "./store.ts";

export const STATE_FILE = "sandbox-state.json";

const isMissing = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";

export const fileStore = (dir: string): SandboxStore => {
  const target = join(dir, STATE_FILE);
  let sequence = 0;
  return {
    load: async () => {
      try {
        return JSON.parse(await readFile(target, "utf8")) as SandboxState;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    save: async (state) => {
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.${STATE_FILE}.${process.pid}.${++sequence}.tmp`);
      await writeFile(temp, JSON.stringify(state), "utf8");
      await rename(temp, target);
    },
  };
};
