// The conformance suite, written once: every runtime runs exactly these scenarios against the
// sandbox through core's Promise client. Only fetch, AbortController, btoa and timers are used, so
// the module bundles into a single file for Node, Deno, Bun, workerd, edge-runtime and Chromium.
import {
  BadRequest,
  Credentials,
  createShutterstock,
  type DebugEvent,
  DecodeError,
  Forbidden,
  type GroupedShutterstockClient,
  InvalidRequest,
  NetworkError,
  NotFound,
  RateLimited,
  ServerError,
  type ShutterstockConfig,
  Timeout,
  Unauthorized,
} from "@shutterkit/core";
import { check, equal, rejects } from "./assert.ts";
import { type FaultSpec, type SandboxControl, sandboxControl } from "./control.ts";
import { discPng, toBase64 } from "./png.ts";

export interface ScenarioContext {
  /** The sandbox origin; the API is under `/v2`. */
  readonly baseUrl: string;
  /** An OAuth token with every scope. */
  readonly token: string;
  readonly control: SandboxControl;
  /** A fresh client on the sandbox; `overrides` replace the defaults. */
  readonly makeClient: (overrides?: ShutterstockConfig) => GroupedShutterstockClient;
}

export interface Scenario {
  readonly name: string;
  readonly run: (client: GroupedShutterstockClient, context: ScenarioContext) => Promise<void>;
}

export interface ScenarioResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

const QUERY = "star";

/** Arms faults, runs `body`, and clears faults whatever happened, so no fault outlives its scenario. */
const withFaults = async <T>(
  control: SandboxControl,
  specs: ReadonlyArray<FaultSpec>,
  body: () => Promise<T>,
): Promise<T> => {
  await control.clearFaults();
  await control.fault(specs);
  try {
    return await body();
  } finally {
    await control.clearFaults();
  }
};

const firstImageId = async (client: GroupedShutterstockClient): Promise<string> => {
  const page = await client.images.searchImages({ query: QUERY, per_page: 1 });
  const id = page.data?.[0]?.id;
  check(typeof id === "string", "the sandbox search returned no image");
  return id;
};

const debugLog = () => {
  const events: DebugEvent[] = [];
  return { events, onDebug: (event: DebugEvent) => events.push(event) };
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const search: Scenario = {
  name: "search",
  run: async (client) => {
    const page = await client.images.searchImages({ query: QUERY, per_page: 20, orientation: "horizontal" });
    const data = page.data ?? [];
    check(data.length > 0 && data.length <= 20, `expected 1..20 results, got ${data.length}`);
    check(page.total_count > 0, "total_count should be positive");
    for (const image of data) {
      check(typeof image.id === "string" && image.id.length > 0, "every result has an id");
      check((image.aspect ?? 1) > 1, `orientation filter: image ${image.id} has aspect ${image.aspect}`);
    }
    const none = await client.images.searchImages({ query: "zzzqqqxxy" });
    equal(none.total_count, 0, "total_count for a query that matches nothing");
  },
};

const details: Scenario = {
  name: "details",
  run: async (client) => {
    const page = await client.images.searchImages({ query: QUERY, per_page: 2 });
    const ids = (page.data ?? []).map((image) => image.id);
    check(ids.length === 2, "two search results");
    const [first, second] = ids as [string, string];
    const image = await client.images.getImage({ id: first, view: "full" });
    equal(image.id, first, "getImage id");
    check(typeof image.description === "string" && image.description.length > 0, "image has a description");
    check((image.keywords ?? []).length > 0, "full view has keywords");
    const list = await client.images.getImageList({ id: [first, second] });
    const listed = (list.data ?? []).map((entry) => entry.id).sort();
    equal(listed.join(","), [first, second].sort().join(","), "getImageList ids");
  },
};

const pagination: Scenario = {
  name: "pagination",
  run: async (client) => {
    const seen = new Set<string>();
    let count = 0;
    for await (const image of client.images.searchImages.all(
      { query: QUERY, per_page: 20 },
      { maxItems: 50 },
    )) {
      seen.add(image.id);
      count += 1;
    }
    equal(count, 50, "items yielded with maxItems 50");
    equal(seen.size, 50, "distinct ids across pages");
    const pages: number[] = [];
    for await (const page of client.images.searchImages.pages(
      { query: QUERY, per_page: 10 },
      { maxPages: 3 },
    ))
      pages.push(page.page ?? 0);
    equal(pages.join(","), "1,2,3", "page numbers");
  },
};

const uploadAndSimilar: Scenario = {
  name: "upload + similar",
  run: async (client) => {
    const upload = await client.computerVision.uploadImage({ base64_image: toBase64(discPng(64)) });
    check(typeof upload.upload_id === "string" && upload.upload_id.length > 0, "upload_id");
    const similar = await client.computerVision.getSimilarImages({ asset_id: upload.upload_id, per_page: 5 });
    const data = similar.data ?? [];
    check(data.length > 0 && data.length <= 5, `expected 1..5 similar images, got ${data.length}`);
    const keywords = await client.computerVision.getKeywords({ asset_id: upload.upload_id });
    check(Array.isArray(keywords.data) && keywords.data.length > 0, "keywords for the upload");
  },
};

const collections: Scenario = {
  name: "collections",
  run: async (client) => {
    const imageId = await firstImageId(client);
    const created = await client.images.createImageCollection({ name: "conformance" });
    const id = created.id;
    await client.images.addImageCollectionItems({ items: [{ id: imageId }] }, { id });
    const items = await client.images.getImageCollectionItems({ id });
    check(
      (items.data ?? []).some((item) => item.id === imageId),
      "the added image is in the collection",
    );
    await client.images.renameImageCollection({ name: "conformance renamed" }, { id });
    const renamed = await client.images.getImageCollection({ id });
    equal(renamed.name, "conformance renamed", "collection name after rename");
    await client.images.deleteImageCollectionItems({ id, item_id: [imageId] });
    const after = await client.images.getImageCollectionItems({ id });
    equal((after.data ?? []).length, 0, "items after removal");
    await client.images.deleteImageCollection({ id });
    await rejects(client.images.getImageCollection({ id }), NotFound, "collection after deletion");
  },
};

const licensing: Scenario = {
  name: "licensing + download",
  run: async (client, context) => {
    const subscriptions = await client.users.getUserSubscriptionList();
    const subscription = (subscriptions.data ?? []).find(
      (entry) => entry.asset_type === "images" && (entry.allotment?.downloads_left ?? 0) > 10,
    );
    check(subscription?.id !== undefined, "an image subscription with downloads left");
    const imageId = await firstImageId(client);
    const before = await context.control.stats();
    const licensed = await client.images.licenseImages(
      { images: [{ image_id: imageId, size: "small" }] },
      { subscription_id: subscription.id },
    );
    const entry = licensed.data?.[0];
    check(entry !== undefined && entry.error === undefined, `licence error: ${entry?.error}`);
    check(entry.license_id !== undefined && entry.download?.url !== undefined, "licence with a download URL");
    const after = await context.control.stats();
    check(after.licensesCreated - before.licensesCreated <= 1, "at most one licence per call");
    const jpeg = async (url: string) => {
      const response = await fetch(url);
      equal(response.status, 200, "download status");
      const bytes = new Uint8Array(await response.arrayBuffer());
      check(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff, "the download is a JPEG");
    };
    await jpeg(entry.download.url);
    const again = await client.images.downloadImage({ size: "small" }, { id: entry.license_id });
    check(typeof again.url === "string", "redownload URL");
    await jpeg(again.url);
  },
};

/** One scenario per error class, each asserting the class, its status and its call fields. */
const errorScenarios: ReadonlyArray<Scenario> = [
  {
    name: "error: InvalidRequest",
    run: async (_, context) => {
      const log = debugLog();
      const client = context.makeClient({ onDebug: log.onDebug });
      const error = await rejects(
        client.images.searchImages({ query: QUERY, per_page: "twenty" as unknown as number }),
        InvalidRequest,
        "per_page of the wrong type",
      );
      check(
        error.issues.some((issue) => issue.path.includes("per_page")),
        "issue names per_page",
      );
      equal(log.events.length, 0, "requests sent for an invalid call");
    },
  },
  {
    name: "error: BadRequest",
    run: async (client) => {
      const error = await rejects(
        client.images.searchImages({ query: QUERY, color: "reddish" }),
        BadRequest,
        "a colour the API rejects",
      );
      equal(error.status, 400, "status");
      check(
        error.errors.some((detail) => detail.path?.includes("color")),
        "the API's error list names color",
      );
    },
  },
  {
    name: "error: Unauthorized",
    run: async (_, context) => {
      const client = context.makeClient({ credentials: Credentials.oauth("v2/not-a-real-token") });
      const error = await rejects(client.images.getImage({ id: "1" }), Unauthorized, "wrong token");
      equal(error.status, 401, "status");
    },
  },
  {
    name: "error: Forbidden",
    run: async (_, context) => {
      const token = await context.control.token(["user.view"]);
      const client = context.makeClient({ credentials: Credentials.oauth(token) });
      const error = await rejects(
        client.images.createImageCollection({ name: "nope" }),
        Forbidden,
        "token without collections.edit",
      );
      equal(error.status, 403, "status");
      check(error.missingScopes.includes("collections.edit"), "missingScopes names collections.edit");
    },
  },
  {
    name: "error: NotFound",
    run: async (client) => {
      const error = await rejects(client.images.getImage({ id: "999" }), NotFound, "unknown image");
      equal(error.status, 404, "status");
      equal(error.operationId, "getImage", "operationId");
      check(typeof error.requestId === "string", "requestId from the response");
    },
  },
  {
    name: "error: RateLimited",
    run: async (_, context) => {
      const client = context.makeClient({ retry: false });
      const id = await firstImageId(client);
      const error = await withFaults(
        context.control,
        [{ route: "getImage", kind: "status", status: 429, retryAfter: 7 }],
        () => rejects(client.images.getImage({ id }), RateLimited, "injected 429"),
      );
      equal(error.retryAfterMs, 7000, "retryAfterMs from Retry-After");
    },
  },
  {
    name: "error: ServerError",
    run: async (_, context) => {
      const client = context.makeClient({ retry: false });
      const id = await firstImageId(client);
      const error = await withFaults(
        context.control,
        [{ route: "getImage", kind: "status", status: 500 }],
        () => rejects(client.images.getImage({ id }), ServerError, "injected 500"),
      );
      equal(error.status, 500, "status");
    },
  },
  {
    name: "error: Timeout",
    run: async (_, context) => {
      const client = context.makeClient({ retry: false, timeout: 100 });
      const id = await firstImageId(client);
      const error = await withFaults(context.control, [{ route: "getImage", kind: "delay", ms: 1500 }], () =>
        rejects(client.images.getImage({ id }), Timeout, "a response slower than the timeout"),
      );
      equal(error.scope, "attempt", "scope");
    },
  },
  {
    name: "error: NetworkError",
    run: async (_, context) => {
      const client = context.makeClient({ retry: false });
      const id = await firstImageId(client);
      // Deno, Bun and Chromium resend a GET once by themselves when a kept-alive connection drops
      // before the answer, so one reset would go unseen there: several are armed.
      await withFaults(context.control, [{ route: "getImage", kind: "reset", count: 4 }], () =>
        rejects(client.images.getImage({ id }), NetworkError, "connection reset"),
      );
      await withFaults(context.control, [{ route: "getImage", kind: "truncate" }], () =>
        rejects(client.images.getImage({ id }), NetworkError, "truncated body"),
      );
    },
  },
  {
    name: "error: DecodeError",
    run: async (_, context) => {
      const client = context.makeClient({ retry: false });
      const id = await firstImageId(client);
      await withFaults(context.control, [{ route: "getImage", kind: "malformed-json" }], () =>
        rejects(client.images.getImage({ id }), DecodeError, "malformed JSON"),
      );
      await withFaults(context.control, [{ route: "getImage", kind: "wrong-content-type" }], () =>
        rejects(client.images.getImage({ id }), DecodeError, "text/html content type"),
      );
    },
  },
];

const retries: Scenario = {
  name: "retries",
  run: async (client, context) => {
    const id = await firstImageId(client);
    const log = debugLog();
    const retrying = context.makeClient({ onDebug: log.onDebug });
    // GET: two 503s and a 429 with Retry-After 0, then success on the fourth attempt.
    await withFaults(
      context.control,
      [
        { route: "getImage", kind: "status", status: 503, count: 2 },
        { route: "getImage", kind: "status", status: 429, retryAfter: 0 },
      ],
      async () => {
        const image = await retrying.images.getImage({ id });
        equal(image.id, id, "image after retries");
      },
    );
    equal(log.events.filter((event) => event.type === "retry").length, 3, "retries of the GET");

    // DELETE is idempotent: a 502 is retried.
    const created = await client.images.createImageCollection({ name: "retry me" });
    await withFaults(context.control, [{ route: "deleteImageCollection", kind: "status", status: 502 }], () =>
      retrying.images.deleteImageCollection({ id: created.id }),
    );
    await rejects(client.images.getImageCollection({ id: created.id }), NotFound, "deleted collection");

    // POST may be a purchase: a 503 is not retried, and no licence is created.
    const before = await context.control.stats();
    log.events.length = 0;
    await withFaults(context.control, [{ route: "licenseImages", kind: "status", status: 503 }], () =>
      rejects(
        retrying.images.licenseImages({ images: [{ image_id: id, size: "small" }] }),
        ServerError,
        "licensing during a 503",
      ),
    );
    const after = await context.control.stats();
    equal(log.events.filter((event) => event.type === "request").length, 1, "attempts of the POST");
    equal(after.licensesCreated, before.licensesCreated, "licences created by the failed POST");
  },
};

const abort: Scenario = {
  name: "abort",
  run: async (client, context) => {
    const id = await firstImageId(client);
    const reason = new Error("stopped by the caller");
    const aborted = new AbortController();
    aborted.abort(reason);
    const served = async () => (await context.control.stats()).byOperation["getImage"] ?? 0;
    const before = await served();
    const early = await rejects(
      client.images.getImage({ id }, { signal: aborted.signal }),
      Error,
      "already-aborted signal",
    );
    check(early === reason, `an already-aborted call rejects with the reason, got ${String(early)}`);
    equal(await served(), before, "requests that reached the sandbox with an already-aborted signal");

    // Mid-flight: the server holds the answer for 5 s; the abort must not wait for it.
    const controller = new AbortController();
    const started = Date.now();
    await withFaults(context.control, [{ route: "getImage", kind: "delay", ms: 5000 }], () => {
      const call = client.images.getImage({ id }, { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 50);
      return rejects(call, Error, "abort during the request").then((rejected) =>
        check(rejected === reason, `an aborted call rejects with the reason, got ${String(rejected)}`),
      );
    });
    check(Date.now() - started < 4000, "the abort ended the call before the server answered");

    // Iteration: aborting between pages ends the loop with the reason.
    const iteration = new AbortController();
    let seen = 0;
    const loop = async () => {
      for await (const _ of client.images.searchImages.all(
        { query: QUERY, per_page: 5 },
        { signal: iteration.signal },
      )) {
        seen += 1;
        if (seen === 7) iteration.abort(reason);
        await delay(0);
      }
    };
    const stopped = await rejects(loop(), Error, "abort during iteration");
    check(stopped === reason, `iteration rejects with the reason, got ${String(stopped)}`);
    check(seen === 7, `no item after the abort (saw ${seen})`);
  },
};

export const scenarios: ReadonlyArray<Scenario> = [
  search,
  details,
  pagination,
  uploadAndSimilar,
  collections,
  licensing,
  ...errorScenarios,
  retries,
  abort,
];

export interface SuiteOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Run only scenarios with these names. */
  readonly only?: ReadonlyArray<string>;
}

/** Runs every scenario in order and reports each; never throws. */
export const runSuite = async (options: SuiteOptions): Promise<ScenarioResult[]> => {
  const control = sandboxControl(options.baseUrl);
  const makeClient = (overrides: ShutterstockConfig = {}) =>
    createShutterstock({
      baseUrl: options.baseUrl,
      credentials: Credentials.oauth(options.token),
      // Short backoff: retries are exercised, not waited for.
      retry: { baseDelay: 1, maxDelay: 20 },
      timeout: 15_000,
      ...overrides,
    });
  const context: ScenarioContext = { baseUrl: options.baseUrl, token: options.token, control, makeClient };
  const client = makeClient();
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (options.only !== undefined && !options.only.includes(scenario.name)) continue;
    const started = Date.now();
    try {
      await scenario.run(client, context);
      results.push({ name: scenario.name, ok: true, ms: Date.now() - started });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      results.push({ name: scenario.name, ok: false, ms: Date.now() - started, error: message });
      await control.clearFaults().catch(() => undefined);
    }
  }
  return results;
};
