// Real sandbox processes (the CLI) on one --data directory: concurrent writers lose nothing, and a
// process killed with SIGKILL mid-burst keeps exactly what it acknowledged.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../src/bin.ts", import.meta.url));

interface Running {
  readonly url: string;
  readonly token: string;
  readonly child: ChildProcess;
  readonly exited: Promise<unknown>;
}

const running: Running[] = [];
const dirs: string[] = [];

const start = (dataDir: string): Promise<Running> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "--port", "0", "--json", "--seed", "7", "--data", dataDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise((done) => child.on("exit", done));
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes("\n")) return;
      const line = JSON.parse(output.split("\n")[0] ?? "") as {
        url: string;
        credentials: { accessToken: string };
      };
      const process = { url: line.url, token: line.credentials.accessToken, child, exited };
      running.push(process);
      resolve(process);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited (${code}) before listening: ${output}`)));
  });

const stop = async (process: Running, signal: NodeJS.Signals = "SIGTERM") => {
  if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill(signal);
  await process.exited;
};

const call = async <T>(
  process: Running,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${process.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${process.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as T };
};

/** Every page of a list endpoint. */
const all = async <T>(process: Running, path: string): Promise<T[]> => {
  const out: T[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await call<{ data: T[]; total_count: number }>(
      process,
      `${path}?per_page=100&page=${page}`,
    );
    expect(answer.status).toBe(200);
    out.push(...answer.body.data);
    if (answer.body.data.length === 0 || out.length >= answer.body.total_count) return out;
  }
};

const dataDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "shutterkit-sandbox-processes-"));
  dirs.push(dir);
  return dir;
};

afterEach(async () => {
  await Promise.all(running.splice(0).map((process) => stop(process, "SIGKILL")));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("sandbox processes sharing one --data directory", () => {
  it("keeps all of 500 concurrent collection adds split between two processes, seen from both", async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const second = await start(dir);
    const created = await call<{ id: string }>(first, "/v2/images/collections", { name: "Shared" });
    expect(created.status).toBe(201);
    const search = await call<{ data: Array<{ id: string }> }>(first, "/v2/images/search?per_page=500");
    const images = search.body.data.map((image) => image.id);
    expect(images).toHaveLength(500);
    const answers = await Promise.all(
      images.map((id, index) =>
        call(index % 2 === 0 ? first : second, `/v2/images/collections/${created.body.id}/items`, {
          items: [{ id }],
        }),
      ),
    );
    expect(answers.filter((answer) => answer.status !== 204)).toEqual([]);
    for (const process of [first, second]) {
      const items = await all<{ id: string }>(process, `/v2/images/collections/${created.body.id}/items`);
      expect(items.map((item) => item.id).sort()).toEqual([...images].sort());
    }
  }, 120_000);

  it("keeps every acknowledged licence and no other after a SIGKILL during a burst of 1,000", async () => {
    const dir = await dataDir();
    const victim = await start(dir);
    const image = (await call<{ data: Array<{ id: string }> }>(victim, "/v2/images/search?per_page=1")).body
      .data[0]?.id;
    const acknowledged = new Map<string, string>();
    const requested = new Set<string>();
    let sent = 0;
    const worker = async () => {
      while (sent < 1000) {
        const request = `r${sent}`;
        sent += 1;
        requested.add(request);
        try {
          const answer = await call<{ data: Array<{ license_id?: string }> }>(victim, "/v2/images/licenses", {
            images: [{ image_id: image, size: "small", metadata: { request } }],
          });
          const id = answer.body.data[0]?.license_id;
          if (answer.status === 200 && id !== undefined) acknowledged.set(request, id);
        } catch {
          // The connection died with the process: not acknowledged.
        }
      }
    };
    const killer = (async () => {
      while (acknowledged.size < 300) await new Promise((resolve) => setTimeout(resolve, 5));
      victim.child.kill("SIGKILL");
    })();
    await Promise.all([...Array.from({ length: 32 }, worker), killer]);
    await victim.exited;
    expect(acknowledged.size).toBeGreaterThanOrEqual(300);
    expect(acknowledged.size).toBeLessThan(1000);

    const after = await start(dir);
    const history = await all<{ id: string; metadata?: { request?: string } }>(after, "/v2/images/licenses");
    const byRequest = new Map(history.map((entry) => [entry.metadata?.request ?? "", entry.id]));
    expect(byRequest.size).toBe(history.length);
    for (const [request, id] of acknowledged) expect(byRequest.get(request)).toBe(id);
    for (const request of byRequest.keys()) expect(requested.has(request)).toBe(true);
  }, 120_000);
});
