// Every injectable fault against each class of method: a read (GET), an idempotent write (DELETE)
// and a purchase (POST licenseImages). Each call must end in its result or the expected typed
// error, within its total timeout, with no unhandled rejection, and no purchase made twice.
import { type DebugEvent, type GroupedShutterstockClient, isShutterstockError } from "@shutterkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultSpec } from "../src/control.ts";
import { startTestSandbox, type TestSandbox, watchUnhandled } from "./support/sandbox.ts";

// Generous for loopback, so only the injected delay times out on a busy CI machine.
const ATTEMPT_TIMEOUT_MS = 1_000;
const TOTAL_TIMEOUT_MS = 8_000;
const DELAY_MS = 2_500;

type Outcome = "ok" | "DecodeError" | "NetworkError" | "ServerError" | "Timeout";

interface Fault {
  readonly name: string;
  readonly spec: Omit<FaultSpec, "route">;
  /** What a purchase ends in: POST is only retried on 429, since a retry could buy twice. */
  readonly post: Outcome;
  /** Whether the sandbox carried the purchase out although the client saw a failure. */
  readonly purchased: boolean;
  /** What reads and idempotent writes end in: they are retried on everything transient. */
  readonly get: Outcome;
}

const faults: ReadonlyArray<Fault> = [
  {
    name: "429 + Retry-After",
    spec: { kind: "status", status: 429, retryAfter: 1 },
    get: "ok",
    post: "ok",
    purchased: true,
  },
  ...[500, 502, 503, 504].map(
    (status): Fault => ({
      name: String(status),
      spec: { kind: "status", status },
      get: "ok",
      post: "ServerError",
      purchased: false,
    }),
  ),
  {
    name: "delay past the timeout",
    spec: { kind: "delay", ms: DELAY_MS },
    get: "ok",
    post: "Timeout",
    purchased: true,
  },
  { name: "reset connection", spec: { kind: "reset" }, get: "ok", post: "NetworkError", purchased: false },
  {
    name: "reset after handling",
    spec: { kind: "reset", when: "after" },
    get: "ok",
    post: "NetworkError",
    purchased: true,
  },
  { name: "truncated body", spec: { kind: "truncate" }, get: "ok", post: "NetworkError", purchased: true },
  {
    name: "malformed JSON",
    spec: { kind: "malformed-json" },
    get: "DecodeError",
    post: "DecodeError",
    purchased: true,
  },
  {
    name: "wrong content type",
    spec: { kind: "wrong-content-type" },
    get: "DecodeError",
    post: "DecodeError",
    purchased: true,
  },
];

interface Cell {
  readonly method: string;
  readonly fault: string;
  readonly outcome: string;
  readonly attempts: number;
  readonly ms: number;
  readonly licences?: number;
}

let sandbox: TestSandbox;
let subscriptionId: string;
let ids: string[];
const cells: Cell[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ids = await sandbox.imageIds(faults.length * 2 + 1);
  const subscriptions = await sandbox.client().users.getUserSubscriptionList();
  subscriptionId = subscriptions.data?.find((entry) => entry.description === "Annual Subscription")?.id ?? "";
});
afterAll(async () => {
  console.log(
    `fault matrix (${cells.length} calls):\n${cells
      .map(
        (cell) =>
          `  ${cell.method.padEnd(6)} ${cell.fault.padEnd(24)} → ${cell.outcome.padEnd(12)} attempts ${cell.attempts}` +
          `  ${String(cell.ms).padStart(5)} ms${cell.licences === undefined ? "" : `  licences created ${cell.licences}`}`,
      )
      .join("\n")}`,
  );
  await sandbox.close();
});

/** Runs `call` with the fault armed for `route`; returns the outcome, attempts and duration. */
const underFault = async (
  route: string,
  fault: Fault,
  call: (client: GroupedShutterstockClient) => Promise<unknown>,
) => {
  const events: DebugEvent[] = [];
  const client = sandbox.client({
    timeout: ATTEMPT_TIMEOUT_MS,
    totalTimeout: TOTAL_TIMEOUT_MS,
    onDebug: (event) => events.push(event),
  });
  await sandbox.control.clearFaults();
  await sandbox.control.fault({ ...fault.spec, route });
  const started = Date.now();
  let outcome: string;
  let value: unknown;
  try {
    value = await call(client);
    outcome = "ok";
  } catch (error) {
    outcome = isShutterstockError(error) ? error._tag : `untyped: ${String(error)}`;
  }
  const ms = Date.now() - started;
  await sandbox.control.clearFaults();
  return { outcome, value, ms, attempts: events.filter((event) => event.type === "request").length };
};

describe("fault matrix", () => {
  it("GET: retried to success, or a DecodeError for bodies that are not the contract's", async () => {
    const unhandled = watchUnhandled();
    for (const fault of faults) {
      const id = ids[0] ?? "";
      const result = await underFault("getImage", fault, (client) => client.images.getImage({ id }));
      cells.push({ method: "GET", fault: fault.name, ...result });
      expect(result.outcome, fault.name).toBe(fault.get);
      if (result.outcome === "ok") expect((result.value as { id: string }).id).toBe(id);
      expect(result.ms).toBeLessThan(TOTAL_TIMEOUT_MS + 1_000);
    }
    unhandled.stop();
    expect(unhandled.seen).toEqual([]);
  });

  it("DELETE: retried to success, and the change is made", async () => {
    const unhandled = watchUnhandled();
    const client = sandbox.client();
    for (const fault of faults) {
      const id = ids[1] ?? "";
      const collection = await client.images.createImageCollection({ name: `fault ${fault.name}` });
      await client.images.addImageCollectionItems({ items: [{ id }] }, { id: collection.id });
      const result = await underFault("deleteImageCollectionItems", fault, (faulty) =>
        faulty.images.deleteImageCollectionItems({ id: collection.id, item_id: [id] }),
      );
      cells.push({ method: "DELETE", fault: fault.name, ...result });
      // A 204 has no body to be malformed or mistyped, so every fault ends in success here.
      expect(result.outcome, fault.name).toBe("ok");
      const items = await client.images.getImageCollectionItems({ id: collection.id });
      expect(items.data ?? [], fault.name).toEqual([]);
      expect(result.ms).toBeLessThan(TOTAL_TIMEOUT_MS + 1_000);
    }
    unhandled.stop();
    expect(unhandled.seen).toEqual([]);
  });

  it("POST licenseImages: never sent twice, so never bought twice", async () => {
    const unhandled = watchUnhandled();
    let index = 2;
    for (const fault of faults) {
      const imageId = ids[index++] ?? "";
      const before = (await sandbox.control.stats()).licensesCreated;
      const result = await underFault("licenseImages", fault, (client) =>
        client.images.licenseImages(
          { images: [{ image_id: imageId, size: "small", editorial_acknowledgement: true }] },
          { subscription_id: subscriptionId },
        ),
      );
      // A delayed request is still being served after the client gave up: let it land.
      if (fault.spec.kind === "delay") await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 300));
      const licences = (await sandbox.control.stats()).licensesCreated - before;
      cells.push({ method: "POST", fault: fault.name, ...result, licences });
      expect(result.outcome, fault.name).toBe(fault.post);
      if (result.outcome === "ok")
        expect((result.value as { data: Array<{ error?: string }> }).data[0]?.error).toBeUndefined();
      expect(licences, `licences created under ${fault.name}`).toBe(fault.purchased ? 1 : 0);
      expect(result.attempts, `attempts under ${fault.name}`).toBe(fault.spec.status === 429 ? 2 : 1);
      expect(result.ms).toBeLessThan(TOTAL_TIMEOUT_MS + 1_000);
    }
    unhandled.stop();
    expect(unhandled.seen).toEqual([]);
  });
});
