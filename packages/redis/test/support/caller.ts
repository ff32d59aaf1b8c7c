// One process of a shared quota: it connects its own limiter to Redis, says "ready", waits for
// "go" on stdin, sends its calls through a client limited by that limiter, reports, and closes.
// Run by the tests as `node caller.ts '<json settings>'`.
import { createClient, getImage, NetworkError, rateLimit } from "@shutterkit/core";
import { redisRateLimiter } from "../../src/index.ts";

interface Settings {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly key: string;
  readonly apiUrl: string;
  readonly perSecond: number;
  readonly burst: number;
  readonly calls: number;
}

const settings = JSON.parse(process.argv[2] ?? "{}") as Settings;
const { limiter, close } = await redisRateLimiter({ url: settings.redisUrl, prefix: settings.prefix });
const client = createClient({
  baseUrl: settings.apiUrl,
  retry: false,
  rateLimit: rateLimit({ perSecond: settings.perSecond, burst: settings.burst, key: settings.key, limiter }),
});

process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
process.stdin.pause();

const outcomes = await Promise.all(
  Array.from({ length: settings.calls }, () =>
    client.send(getImage, { id: "1" }).then(
      () => "ok",
      (error: unknown) => (error instanceof NetworkError ? `NetworkError:${error.code}` : String(error)),
    ),
  ),
);
process.stdout.write(`${JSON.stringify({ outcomes })}\n`);
// Nothing else holds the event loop: once the connection is closed the process ends by itself.
await close();
