import assert from "node:assert/strict";
import { DownloadError, downloadToFile } from "../mod.ts";
import { listDirectory, serve, truncating } from "./fixtures/servers.ts";

const body = new Uint8Array(256 * 1024).map((_, index) => index % 251);

const withDirectory = async (fn: (directory: string) => Promise<void>) => {
  const directory = await Deno.makeTempDir({ prefix: "shutterkit-deno-" });
  try {
    await fn(directory);
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
};

Deno.test("a download streams to the file with progress and leaves nothing else", async () => {
  await using server = serve(() => new Response(body, { headers: { "content-type": "image/jpeg" } }));
  await withDirectory(async (directory) => {
    const progress: Array<[number, number | undefined]> = [];
    const result = await downloadToFile(`${server.url}/files/a.jpg?signature=secret`, `${directory}/a.jpg`, {
      onProgress: (received, total) => progress.push([received, total]),
    });
    assert.equal(result.bytes, body.length);
    assert.equal(result.contentType, "image/jpeg");
    assert.equal(result.path, `${await Deno.realPath(directory)}/a.jpg`);
    assert.deepEqual(await Deno.readFile(result.path), body);
    assert.deepEqual(progress.at(-1), [body.length, body.length]);
    assert.ok(progress.every(([received], index) => index === 0 || received >= progress[index - 1]![0]));
    assert.deepEqual(listDirectory(directory), ["a.jpg"]);
  });
});

Deno.test("missing folders of the target are created", async () => {
  await using server = serve(() => new Response(body));
  await withDirectory(async (directory) => {
    const nested = await downloadToFile(`${server.url}/files/a.jpg`, `${directory}/x/y/a.jpg`);
    assert.equal(nested.path, `${await Deno.realPath(directory)}/x/y/a.jpg`);
    const folder = await downloadToFile(`${server.url}/files/b.jpg`, `${directory}/z/`);
    assert.equal(folder.path, `${await Deno.realPath(directory)}/z/b.jpg`);
  });
});

Deno.test("into a directory, the file takes the server's name from Content-Disposition", async () => {
  await using server = serve(
    () =>
      new Response(body, {
        headers: { "content-disposition": 'attachment; filename="shutterstock_42.jpg"' },
      }),
  );
  await withDirectory(async (directory) => {
    const result = await downloadToFile(`${server.url}/x`, `${directory}/`);
    assert.equal(result.path, `${await Deno.realPath(directory)}/shutterstock_42.jpg`);
    assert.deepEqual(listDirectory(directory), ["shutterstock_42.jpg"]);
  });
});

Deno.test("a connection that breaks mid-body is a Network DownloadError and leaves no file", async () => {
  await using server = truncating(100_000, 40_000);
  await withDirectory(async (directory) => {
    await Deno.writeTextFile(`${directory}/keep.jpg`, "previous version");
    const error = await downloadToFile(
      `${server.url}/big.jpg?signature=secret`,
      `${directory}/keep.jpg`,
    ).then(
      () => assert.fail("the download should fail"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof DownloadError);
    assert.equal(error.reason, "Network");
    assert.equal(error.expected, 100_000);
    assert.ok((error.received ?? 0) > 0, "the failure came mid-body, after bytes were written");
    assert.equal(error.url, `${server.url}/big.jpg`);
    assert.doesNotMatch(error.message, /secret/);
    // The previous file is untouched and no temporary file is left.
    assert.equal(await Deno.readTextFile(`${directory}/keep.jpg`), "previous version");
    assert.deepEqual(listDirectory(directory), ["keep.jpg"]);
  });
});

Deno.test("aborting mid-download rejects with Aborted and removes the temporary file", async () => {
  // A body that sends one chunk and then waits, so the abort lands mid-stream.
  await using server = serve(() => {
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(body.subarray(0, 1024)),
    });
    return new Response(stream, { headers: { "content-length": String(body.length) } });
  });
  await withDirectory(async (directory) => {
    const controller = new AbortController();
    const error = await downloadToFile(`${server.url}/slow.jpg`, `${directory}/slow.jpg`, {
      signal: controller.signal,
      onProgress: (received) => {
        if (received > 0) controller.abort(new Error("user cancelled"));
      },
    }).then(
      () => assert.fail("the download should be aborted"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof DownloadError);
    assert.equal(error.reason, "Aborted");
    assert.deepEqual(listDirectory(directory), []);
  });
});

Deno.test("an HTTP error status downloads nothing; overwrite: false keeps an existing file", async () => {
  await using server = serve((request) =>
    new URL(request.url).pathname === "/missing" ? new Response("gone", { status: 404 }) : new Response(body),
  );
  await withDirectory(async (directory) => {
    await assert.rejects(
      downloadToFile(`${server.url}/missing`, `${directory}/m.jpg`),
      (error) => error instanceof DownloadError && error.reason === "HttpStatus" && error.status === 404,
    );
    await Deno.writeTextFile(`${directory}/exists.jpg`, "mine");
    await assert.rejects(
      downloadToFile(`${server.url}/ok`, `${directory}/exists.jpg`, { overwrite: false }),
      (error) => error instanceof DownloadError && error.reason === "TargetExists",
    );
    assert.equal(await Deno.readTextFile(`${directory}/exists.jpg`), "mine");
    assert.deepEqual(listDirectory(directory), ["exists.jpg"]);
  });
});

Deno.test("a body that ends short of Content-Length is a SizeMismatch; bad URLs are InvalidUrl", async () => {
  // A fetch whose response ends cleanly but early, as a misbehaving proxy might deliver it.
  const shortFetch: typeof fetch = () =>
    Promise.resolve(new Response(body.subarray(0, 1000), { headers: { "content-length": "5000" } }));
  await withDirectory(async (directory) => {
    await assert.rejects(
      downloadToFile("http://127.0.0.1:9/short.jpg", `${directory}/short.jpg`, { fetch: shortFetch }),
      (error) =>
        error instanceof DownloadError &&
        error.reason === "SizeMismatch" &&
        error.received === 1000 &&
        error.expected === 5000,
    );
    await assert.rejects(
      downloadToFile("ftp://example.com/a.jpg", `${directory}/a.jpg`),
      (error) => error instanceof DownloadError && error.reason === "InvalidUrl",
    );
    assert.deepEqual(listDirectory(directory), []);
  });
});
