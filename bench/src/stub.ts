// Starts stub-server.ts in a child process and stops it again.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface Stub {
  readonly url: string;
  readonly close: () => Promise<void>;
}

export const startStub = (env: Readonly<Record<string, string>> = {}): Promise<Stub> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL("./stub-server.ts", import.meta.url))], {
      stdio: ["ignore", "pipe", "inherit", "ipc"],
      env: { ...process.env, ...env },
    });
    child.once("error", reject);
    child.stdout?.once("data", (chunk: Buffer) => {
      const { url } = JSON.parse(chunk.toString().split("\n")[0] ?? "{}") as { url: string };
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
