import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type DownloadFailure,
  type DownloadFileSystem,
  type DownloadOptions,
  makeDownloadToFile,
} from "../src/wire/index.ts";

class Failed extends Error {
  readonly failure: DownloadFailure;
  constructor(failure: DownloadFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

const codeError = (code: string) => Object.assign(new Error(code), { code });

interface Faults {
  /** Fails the write that would take the file past this many bytes. */
  readonly diskFullAt?: number;
  readonly renameFails?: boolean;
  /** Another writer creates the target between the existence check and the link. */
  readonly targetAppearsBeforeLink?: boolean;
}

/** A file system in a Map, recording the operations in order. */
const memoryFiles = (initial: Record<string, string>, faults: Faults = {}) => {
  const contents = new Map(
    Object.entries(initial).map(([path, text]) => [path, new TextEncoder().encode(text)]),
  );
  const directories = new Set(["/", "/work"]);
  const log: Array<string> = [];
  const files: DownloadFileSystem<string> = {
    isDirectory: async (path) => directories.has(posix.resolve("/work", path)),
    exists: async (path) => contents.has(path) || directories.has(path),
    resolve: (...segments) => posix.resolve("/work", ...segments),
    dirname: posix.dirname,
    basename: posix.basename,
    makeDirectory: async (path) => {
      for (let at = path; at !== "/"; at = posix.dirname(at)) directories.add(at);
    },
    createNew: async (path) => {
      if (contents.has(path)) throw codeError("EEXIST");
      contents.set(path, new Uint8Array());
      log.push(`create ${posix.basename(path).replace(/\.\w{8}\.part$/, ".part")}`);
      return path;
    },
    write: async (path, chunk) => {
      const before = contents.get(path) ?? new Uint8Array();
      if (faults.diskFullAt !== undefined && before.length + chunk.length > faults.diskFullAt)
        throw codeError("ENOSPC");
      // At most 1000 bytes a call, so partial writes are exercised.
      const taken = chunk.subarray(0, 1000);
      const after = new Uint8Array(before.length + taken.length);
      after.set(before);
      after.set(taken, before.length);
      contents.set(path, after);
      return taken.length;
    },
    sync: async () => void log.push("sync"),
    close: async () => void log.push("close"),
    rename: async (from, to) => {
      if (faults.renameFails === true) throw codeError("EXDEV");
      contents.set(to, contents.get(from) ?? new Uint8Array());
      contents.delete(from);
      log.push("rename");
    },
    link: async (from, to) => {
      if (faults.targetAppearsBeforeLink === true) contents.set(to, new TextEncoder().encode("theirs"));
      if (contents.has(to)) throw codeError("EEXIST");
      contents.set(to, contents.get(from) ?? new Uint8Array());
      log.push("link");
    },
    remove: async (path) => {
      if (!contents.delete(path)) throw codeError("ENOENT");
      log.push(`remove ${posix.basename(path).replace(/\.\w{8}\.part$/, ".part")}`);
    },
  };
  const text = (path: string) => new TextDecoder().decode(contents.get(path));
  return { files, log, text, paths: () => [...contents.keys()].sort() };
};

const payload = "x".repeat(2500);

/** A body that sends `first` and then fails as a reset connection would. */
const breakingBody = (first: string) =>
  new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode(first)),
    pull: (controller) => controller.error(codeError("ECONNRESET")),
  });

/** A body that sends `first` and then never another byte nor its end. */
const stalledBody = (first: string) =>
  new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode(first)),
  });

interface Case {
  readonly name: string;
  readonly existing?: Record<string, string>;
  readonly faults?: Faults;
  readonly target?: string;
  readonly response?: () => Response;
  readonly options?: (controller: AbortController) => DownloadOptions;
  /** The failure's reason, or the saved file's path. */
  readonly outcome: { readonly reason: DownloadFailure["reason"] } | { readonly saved: string };
  /** The files afterwards, by path and text. */
  readonly after: Record<string, string>;
  readonly operations?: ReadonlyArray<string>;
}

const ok =
  (headers: Record<string, string> = {}) =>
  () =>
    new Response(payload, { headers: { "content-length": String(payload.length), ...headers } });

const cases: ReadonlyArray<Case> = [
  {
    name: "writes a temporary file, flushes it, then renames it to the target",
    outcome: { saved: "/work/a.jpg" },
    after: { "/work/a.jpg": payload },
    operations: ["create .a.jpg.part", "sync", "close", "rename"],
  },
  {
    name: "replaces an existing target by default",
    existing: { "/work/a.jpg": "old" },
    outcome: { saved: "/work/a.jpg" },
    after: { "/work/a.jpg": payload },
  },
  {
    name: "into a directory, takes the name from Content-Disposition and creates the folder",
    target: "out/",
    response: ok({ "content-disposition": 'attachment; filename="../shutterstock_42.jpg"' }),
    outcome: { saved: "/work/out/shutterstock_42.jpg" },
    after: { "/work/out/shutterstock_42.jpg": payload },
  },
  {
    name: "a body that breaks mid-stream leaves no temporary file and keeps the old target",
    existing: { "/work/a.jpg": "old" },
    response: () => new Response(breakingBody("half"), { headers: { "content-length": "9999" } }),
    outcome: { reason: "Network" },
    after: { "/work/a.jpg": "old" },
    operations: ["create .a.jpg.part", "close", "remove .a.jpg.part"],
  },
  {
    name: "a body that breaks mid-stream leaves no target where there was none",
    response: () => new Response(breakingBody("half")),
    outcome: { reason: "Network" },
    after: {},
  },
  {
    name: "a failing rename is WriteFailed and removes the temporary file",
    existing: { "/work/a.jpg": "old" },
    faults: { renameFails: true },
    outcome: { reason: "WriteFailed" },
    after: { "/work/a.jpg": "old" },
  },
  {
    name: "a full disk is WriteFailed, not Network",
    faults: { diskFullAt: 1500 },
    outcome: { reason: "WriteFailed" },
    after: {},
  },
  {
    name: "overwrite: false refuses an existing target before any request",
    existing: { "/work/a.jpg": "mine" },
    response: () => {
      throw new Error("no request should be sent");
    },
    options: () => ({ overwrite: false }),
    outcome: { reason: "TargetExists" },
    after: { "/work/a.jpg": "mine" },
  },
  {
    name: "overwrite: false links instead of renaming, so a target that appears meanwhile survives",
    faults: { targetAppearsBeforeLink: true },
    options: () => ({ overwrite: false }),
    outcome: { reason: "TargetExists" },
    after: { "/work/a.jpg": "theirs" },
  },
  {
    name: "overwrite: false links the new file and removes the temporary name",
    options: () => ({ overwrite: false }),
    outcome: { saved: "/work/a.jpg" },
    after: { "/work/a.jpg": payload },
    operations: ["create .a.jpg.part", "sync", "close", "link", "remove .a.jpg.part"],
  },
  {
    name: "a body shorter than Content-Length is SizeMismatch",
    response: () => new Response("short", { headers: { "content-length": "999" } }),
    outcome: { reason: "SizeMismatch" },
    after: {},
  },
  {
    name: "an error status writes nothing",
    response: () => new Response("gone", { status: 404 }),
    outcome: { reason: "HttpStatus" },
    after: {},
  },
  {
    name: "a success without a body writes nothing",
    response: () => new Response(null, { status: 204 }),
    outcome: { reason: "HttpStatus" },
    after: {},
  },
  {
    name: "an abort mid-stream ends the read even when fetch ignores the signal",
    response: () => new Response(stalledBody("first")),
    options: (controller) => ({
      onProgress: (received) => {
        if (received > 0) controller.abort();
      },
    }),
    outcome: { reason: "Aborted" },
    after: {},
  },
];

describe("makeDownloadToFile", () => {
  it.each(cases)("$name", async (test) => {
    const memory = memoryFiles(test.existing ?? {}, test.faults);
    const downloadToFile = makeDownloadToFile({
      files: memory.files,
      fetch: async () => (test.response ?? ok())(),
      error: (failure) => new Failed(failure),
    });
    const controller = new AbortController();
    const options = { signal: controller.signal, ...test.options?.(controller) };
    const outcome = await downloadToFile(
      "https://assets.example/a.jpg?token=secret",
      test.target ?? "a.jpg",
      options,
    )
      .then((result) => ({ saved: result.path }))
      .catch((error: unknown) => {
        if (!(error instanceof Failed)) throw error;
        expect(error.failure.url).toBe("https://assets.example/a.jpg");
        return { reason: error.failure.reason };
      });
    expect(outcome).toEqual(test.outcome);
    expect(Object.fromEntries(memory.paths().map((path) => [path, memory.text(path)]))).toEqual(test.after);
    if (test.operations !== undefined) expect(memory.log).toEqual(test.operations);
  });

  it("reports the bytes written and where, and progress in order", async () => {
    const memory = memoryFiles({});
    const progress: Array<number> = [];
    const result = await makeDownloadToFile({
      files: memory.files,
      fetch: async () => new Response(payload, { headers: { "content-type": "image/jpeg" } }),
      error: (failure) => new Failed(failure),
    })("https://assets.example/a.jpg", "/work/a.jpg", { onProgress: (received) => progress.push(received) });
    expect(result).toEqual({ path: "/work/a.jpg", bytes: payload.length, contentType: "image/jpeg" });
    expect(progress.at(0)).toBe(0);
    expect(progress.at(-1)).toBe(payload.length);
  });

  it("rejects URLs it cannot download before touching anything", async () => {
    const memory = memoryFiles({});
    const downloadToFile = makeDownloadToFile({
      files: memory.files,
      fetch: async () => ok()(),
      error: (failure) => new Failed(failure),
    });
    for (const url of ["not a url", "file:///etc/passwd"])
      await expect(downloadToFile(url, "a.jpg")).rejects.toMatchObject({ failure: { reason: "InvalidUrl" } });
    expect(memory.paths()).toEqual([]);
  });
});
