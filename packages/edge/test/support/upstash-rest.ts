// Upstash's REST protocol on 127.0.0.1 in front of a real redis-server, as Upstash's own local
// stand-in (serverless-redis-http) does, so that the real `@upstash/redis` and `@upstash/ratelimit`
// clients run against Redis. The protocol: a bearer token; POST `/` with one command as a JSON
// array, `/pipeline` and `/multi-exec` with an array of them; answers `{ result }` or `{ error }`,
// strings base64-encoded when the client sends `Upstash-Encoding: base64` (its default). Upstash's
// Redis also knows a script flag of its own, `allow-key-locking` (`@upstash/ratelimit`'s scripts
// carry it), which Redis refuses: the bridge drops it, as a flag that only widens what Upstash
// may run in parallel, and sends EVALSHA of such a script under the hash Redis knows it by.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";

export interface UpstashRest {
  readonly url: string;
  readonly token: string;
  /** The keys in the Redis behind it that match `pattern`: what the clients wrote. */
  keys(pattern: string): Promise<string[]>;
  close(): Promise<void>;
}

type Reply = { result: unknown } | { error: string };

const encoded = (value: unknown, base64: boolean): unknown => {
  if (!base64) return value;
  if (typeof value === "string") return Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map((item) => encoded(item, base64));
  return value;
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

const readJson = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
};

const isCommand = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0;
const argsOf = (command: unknown[]) =>
  command.map((part) => (typeof part === "string" ? part : JSON.stringify(part)));

const UPSTASH_FLAG = /^(#!lua[^\n]*?)\bflags=([^\n]*)/;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** A script as Redis takes it: Upstash's own flag dropped from its shebang. */
const forRedis = (script: string): string =>
  script.replace(UPSTASH_FLAG, (_, start: string, flags: string) => {
    const kept = flags
      .split(",")
      .map((flag) => flag.trim())
      .filter((flag) => flag !== "" && flag !== "allow-key-locking");
    return kept.length === 0 ? start.trimEnd() : `${start}flags=${kept.join(",")}`;
  });

const send = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

export const startUpstashRest = async (redisUrl: string): Promise<UpstashRest> => {
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  const token = `test-token-${process.pid}`;
  // The client's hash of a script (over Upstash's text) to the hash of the script Redis was given.
  const hashes = new Map<string, string>();
  const translated = (command: ReadonlyArray<string>): string[] => {
    const [name = "", first = "", ...rest] = command;
    const lower = name.toLowerCase();
    if (lower === "eval" || lower === "eval_ro") {
      const script = forRedis(first);
      if (script !== first) hashes.set(sha1(first), sha1(script));
      return [name, script, ...rest];
    }
    if (lower === "evalsha" || lower === "evalsha_ro") return [name, hashes.get(first) ?? first, ...rest];
    if (lower === "script" && first.toLowerCase() === "load" && rest[0] !== undefined) {
      const script = forRedis(rest[0]);
      if (script !== rest[0]) hashes.set(sha1(rest[0]), sha1(script));
      return [name, first, script];
    }
    return [...command];
  };
  const run = (command: unknown[]) => redis.sendCommand(translated(argsOf(command)));

  const server = createServer(async (request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`)
      return send(response, 401, { error: "Unauthorized" });
    const base64 = String(request.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const reply = async (run: () => Promise<unknown>): Promise<Reply> => {
      try {
        return { result: encoded(await run(), base64) };
      } catch (error) {
        return { error: errorText(error) };
      }
    };
    try {
      const body = await readJson(request);
      const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      if (path === "/") {
        if (!isCommand(body)) return send(response, 400, { error: "a command array expected" });
        const answer = await reply(() => run(body));
        return send(response, "error" in answer ? 400 : 200, answer);
      }
      if (path === "/pipeline" || path === "/multi-exec") {
        if (!Array.isArray(body) || !body.every(isCommand))
          return send(response, 400, { error: "an array of command arrays expected" });
        if (path === "/pipeline") {
          const answers: Reply[] = [];
          for (const command of body) answers.push(await reply(() => run(command)));
          return send(response, 200, answers);
        }
        const transaction = redis.multi();
        for (const command of body) transaction.addCommand(translated(argsOf(command)));
        const results = await transaction.exec();
        return send(
          response,
          200,
          results.map((result) =>
            result instanceof Error ? { error: result.message } : { result: encoded(result, base64) },
          ),
        );
      }
      return send(response, 404, { error: `no such endpoint: ${path}` });
    } catch (error) {
      return send(response, 400, { error: errorText(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    keys: (pattern) => redis.keys(pattern),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await redis.close();
    },
  };
};
