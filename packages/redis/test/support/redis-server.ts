// A real redis-server for the tests: started on 127.0.0.1 on a free port, with no persistence and a
// throwaway directory, and stopped after. A missing binary fails loudly: these tests claim Redis.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

const findBinary = (name: string): string | undefined => {
  for (const directory of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  for (const candidate of [`/usr/bin/${name}`, `/usr/sbin/${name}`, `/usr/local/bin/${name}`]) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
};

export const redisServerBinary = (): string => {
  const binary = findBinary("redis-server");
  if (binary === undefined)
    throw new Error(
      "redis-server is not installed, and these tests run against a real Redis. " +
        "Install it (Debian/Ubuntu: `apt-get install -y redis-server`) and run the tests again.",
    );
  return binary;
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const launch = (binary: string, port: number, directory: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not get ready within 10 s:\n${output}`));
    }, 10_000);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners("data");
        child.stdout?.resume();
        resolve(child);
      }
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited before it was ready (${signal ?? code}):\n${output}`));
    });
  });

const ended = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });

export const startRedisServer = async (): Promise<RedisServer> => {
  const binary = redisServerBinary();
  const directory = mkdtempSync(join(tmpdir(), "shutterkit-redis-"));
  const port = await freePort();
  let child = await launch(binary, port, directory);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => ended(child, "SIGKILL"),
    pause: () => {
      child.kill("SIGSTOP");
    },
    resume: () => {
      child.kill("SIGCONT");
    },
    restart: async () => {
      await ended(child, "SIGKILL");
      child = await launch(binary, port, directory);
    },
    stop: async () => {
      child.kill("SIGCONT");
      await ended(child, "SIGTERM");
      rmSync(directory, { recursive: true, force: true });
    },
  };
};
