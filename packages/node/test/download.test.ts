import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect, Exit, Fiber } from "effect";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DownloadError, downloadToFile, Files } from "../src/index.ts";

const payload = Buffer.alloc(256 * 1024, 7);

// Routes: /file.jpg (whole), /cut (announces the full length, sends half, then resets),
// /slow (sends a first chunk and then waits), /missing (404), /named (Content-Disposition),
// /signed (302 to /named).
let server: Server;
let base: string;
const sockets = new Set<import("node:net").Socket>();
beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? "/";
    if (url.startsWith("/file.jpg") || url.startsWith("/named")) {
      const headers: Record<string, string | number> = {
        "content-type": "image/jpeg",
        "content-length": payload.length,
      };
      if (url.startsWith("/named"))
        headers["content-disposition"] = 'attachment; filename="shutterstock_42.jpg"';
      response.writeHead(200, headers);
      // Several writes so progress is reported more than once.
      for (let offset = 0; offset < payload.length; offset += 64 * 1024)
        response.write(payload.subarray(offset, offset + 64 * 1024));
      response.end();
    } else if (url.startsWith("/signed")) {
      // Signed asset URLs may bounce to the host that holds the bytes.
      response.writeHead(302, { location: "/named/abc" });
      response.end();
    } else if (url.startsWith("/cut")) {
      response.writeHead(200, { "content-length": payload.length });
      response.write(payload.subarray(0, payload.length / 2), () => {
        setTimeout(() => request.socket.destroy(), 20);
      });
    } else if (url.startsWith("/slow")) {
      response.writeHead(200, { "content-length": payload.length });
      response.write(payload.subarray(0, 1024));
    } else {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "shutterkit-download-"));
  return () => rm(dir, { recursive: true, force: true });
});

const failure = async (promise: Promise<unknown>): Promise<DownloadError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DownloadError);
    return error as DownloadError;
  }
  throw new Error("expected a rejection");
};

describe("downloadToFile", () => {
  it("streams to the target, reports progress and leaves only the final file", async () => {
    const progress: Array<[number, number | undefined]> = [];
    const target = join(dir, "asset.jpg");
    const result = await downloadToFile(`${base}/file.jpg?token=secret`, target, {
      onProgress: (received, total) => progress.push([received, total]),
    });
    expect(result).toEqual({ path: target, bytes: payload.length, contentType: "image/jpeg" });
    expect(Buffer.compare(await readFile(target), payload)).toBe(0);
    expect(await readdir(dir)).toEqual(["asset.jpg"]);
    expect(progress[0]).toEqual([0, payload.length]);
    expect(progress.at(-1)).toEqual([payload.length, payload.length]);
    expect(progress.length).toBeGreaterThan(2);
    const received = progress.map(([bytes]) => bytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
  });

  it("names the file from Content-Disposition or the URL when the target is a directory", async () => {
    const named = await downloadToFile(`${base}/named/abc`, dir);
    expect(named.path).toBe(join(dir, "shutterstock_42.jpg"));
    const fromUrl = await downloadToFile(`${base}/file.jpg`, `${dir}/`);
    expect(fromUrl.path).toBe(join(dir, "file.jpg"));
  });

  it("follows a redirect to the file, naming it from the final response", async () => {
    const result = await downloadToFile(`${base}/signed?sig=secret`, dir);
    expect(result.path).toBe(join(dir, "shutterstock_42.jpg"));
    expect(Buffer.compare(await readFile(result.path), payload)).toBe(0);
  });

  it("creates missing folders for a file target and for a folder target", async () => {
    const nested = await downloadToFile(`${base}/file.jpg`, join(dir, "a", "b", "asset.jpg"));
    expect(Buffer.compare(await readFile(nested.path), payload)).toBe(0);
    const folder = await downloadToFile(`${base}/file.jpg`, `${join(dir, "new-folder")}/`);
    expect(folder.path).toBe(join(dir, "new-folder", "file.jpg"));
  });

  it("leaves no file when the connection breaks mid-way, and keeps an older file intact", async () => {
    const target = join(dir, "asset.jpg");
    await writeFile(target, "previous version");
    const error = await failure(downloadToFile(`${base}/cut?sig=secret`, target));
    expect(error.reason).toBe("Network");
    expect(error.expected).toBe(payload.length);
    expect(error.url).toBe(`${base}/cut`);
    expect(error.message).not.toContain("secret");
    expect(await readdir(dir)).toEqual(["asset.jpg"]);
    expect(await readFile(target, "utf8")).toBe("previous version");
  });

  it("cleans up when aborted mid-way", async () => {
    const controller = new AbortController();
    const target = join(dir, "slow.jpg");
    const error = await failure(
      downloadToFile(`${base}/slow`, target, {
        signal: controller.signal,
        onProgress: (received) => {
          if (received > 0) controller.abort();
        },
      }),
    );
    expect(error.reason).toBe("Aborted");
    expect(await readdir(dir)).toEqual([]);
  });

  it("interrupting the Effect form aborts and cleans up", async () => {
    let started!: () => void;
    const firstBytes = new Promise<void>((resolve) => {
      started = resolve;
    });
    const fiber = Effect.runFork(
      Files.download(`${base}/slow`, join(dir, "slow.jpg"), {
        onProgress: (received) => {
          if (received > 0) started();
        },
      }),
    );
    await firstBytes;
    const exit = await Effect.runPromise(Fiber.interrupt(fiber).pipe(Effect.andThen(Fiber.await(fiber))));
    expect(Exit.isFailure(exit)).toBe(true);
    // The cleanup runs in the aborted promise, which settles after the fiber has ended.
    await vi.waitFor(async () => expect(await readdir(dir)).toEqual([]));
  });

  it("rejects a body whose length differs from Content-Length", async () => {
    const target = join(dir, "short.jpg");
    const fetch: typeof globalThis.fetch = async () =>
      new Response(new Uint8Array(10), { headers: { "content-length": "999" } });
    const error = await failure(downloadToFile(`${base}/whatever`, target, { fetch }));
    expect(error.reason).toBe("SizeMismatch");
    expect(error).toMatchObject({ received: 10, expected: 999 });
    expect(await readdir(dir)).toEqual([]);
  });

  it("maps HTTP errors, bad URLs and existing targets to typed reasons", async () => {
    expect((await failure(downloadToFile(`${base}/missing`, join(dir, "x.jpg")))).status).toBe(404);
    expect((await failure(downloadToFile("not a url", join(dir, "x.jpg")))).reason).toBe("InvalidUrl");
    expect((await failure(downloadToFile("file:///etc/passwd", join(dir, "x.jpg")))).reason).toBe(
      "InvalidUrl",
    );
    const target = join(dir, "kept.jpg");
    await writeFile(target, "keep me");
    const exists = await failure(downloadToFile(`${base}/file.jpg`, target, { overwrite: false }));
    expect(exists.reason).toBe("TargetExists");
    expect(await readFile(target, "utf8")).toBe("keep me");
    expect(await readdir(dir)).toEqual(["kept.jpg"]);
  });
});
