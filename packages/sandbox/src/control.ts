// Control routes under /sandbox: introspection, fault injection, counters, tokens, clock and reset.
// They need no credentials and are never affected by injected faults.
import { Schema } from "effect";
import { decodeFaultSpec, type FaultController } from "./faults/faults.ts";
import { issueToken, parseScopes } from "./handlers/shared/tokens.ts";
import { ALL_SCOPES } from "./server/auth.ts";
import { ApiError, notFound } from "./server/errors.ts";
import { json } from "./server/respond.ts";
import { issueItems } from "./server/validate.ts";
import type { World } from "./world.ts";

export const CONTROL_PATHS = new Set([
  "/sandbox",
  "/sandbox/faults",
  "/sandbox/stats",
  "/sandbox/tokens",
  "/sandbox/reset",
  "/sandbox/clock",
]);

const TokenRequest = Schema.Struct({
  scopes: Schema.optional(Schema.Array(Schema.String)),
  expires: Schema.optional(Schema.Boolean),
});

const ClockRequest = Schema.Struct({ advance_ms: Schema.Finite });

const decode = <S extends Schema.ConstraintDecoder<unknown>>(schema: S, input: unknown): S["Type"] => {
  const result = Schema.decodeUnknownExit(schema)(input, { errors: "all", onExcessProperty: "error" });
  if (result._tag === "Success") return result.value;
  const error = result.cause.reasons.find((reason) => reason._tag === "Fail")?.error;
  throw new ApiError(
    400,
    "Validation failed",
    Schema.isSchemaError(error) ? issueItems(error.issue, input, (path) => ({ prefix: "$.body", path })) : [],
  );
};

const readJson = async (request: Request): Promise<unknown> => {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "Request body is not valid JSON", [
      { code: "VALIDATION_INVALID_JSON", message: "Request body is not valid JSON", path: "$.body" },
    ]);
  }
};

export interface ControlDeps {
  readonly world: World;
  readonly faults: FaultController;
  readonly reset: () => Promise<void>;
}

const info = (world: World, origin: string) => {
  const catalog = world.catalog;
  return {
    name: "@shutterkit/sandbox",
    api: `${origin}/v2`,
    seed: catalog.seed,
    now: world.clock.now().toISOString(),
    credentials: world.credentials,
    catalog: {
      images: catalog.images.length,
      videos: catalog.videos.length,
      audio: catalog.audio.length,
      sfx: catalog.sfx.length,
      editorialImages: catalog.editorialImages.length,
      editorialVideos: catalog.editorialVideos.length,
      contributors: catalog.contributors.length,
      featuredCollections: catalog.featured.length,
      livefeeds: catalog.livefeeds.length,
    },
    samples: {
      images: catalog.images.slice(0, 10).map((record) => record.id),
      videos: catalog.videos.slice(0, 10).map((record) => record.id),
      audio: catalog.audio.slice(0, 10).map((record) => record.id),
      sfx: catalog.sfx.slice(0, 10).map((record) => record.id),
      editorialImages: catalog.editorialImages.slice(0, 10).map((record) => record.id),
      editorialVideos: catalog.editorialVideos.slice(0, 10).map((record) => record.id),
      contributors: catalog.contributors.slice(0, 10).map((record) => record.id),
      featuredImageCollections: catalog.featured
        .filter((record) => record.kind === "image")
        .slice(0, 3)
        .map((record) => record.id),
      featuredVideoCollections: catalog.featured
        .filter((record) => record.kind === "video")
        .slice(0, 3)
        .map((record) => record.id),
      livefeeds: catalog.livefeeds
        .filter((record) => record.kind === "editorial-image")
        .slice(0, 3)
        .map((record) => record.id),
      contributorCollections: catalog.contributorSets
        .slice(0, 3)
        .map((record) => ({ contributor_id: record.contributorId, id: record.id })),
      subscriptions: world.queue.state.subscriptions.map((subscription) => ({
        id: subscription.id,
        asset_type: subscription.asset_type,
        description: subscription.description,
      })),
    },
    routes: {
      "GET /sandbox": "this document",
      "GET|DELETE /sandbox/stats": "request counters, or reset them",
      "GET|POST|DELETE /sandbox/faults": "list, arm or clear injected faults",
      "POST /sandbox/tokens": "issue an access token: { scopes?: string[], expires?: boolean }",
      "GET|POST /sandbox/clock": "read or advance the sandbox clock: { advance_ms }",
      "POST /sandbox/reset": "forget all state changes (collections, licences, uploads, tokens)",
    },
  };
};

export const handleControl = async (deps: ControlDeps, request: Request, url: URL): Promise<Response> => {
  const { world, faults } = deps;
  const key = `${request.method} ${url.pathname}`;
  switch (key) {
    case "GET /sandbox":
      return json(200, info(world, url.origin));
    case "GET /sandbox/stats":
      return json(200, world.stats.snapshot());
    case "DELETE /sandbox/stats":
      world.stats.reset(world.clock.now());
      return json(200, world.stats.snapshot());
    case "GET /sandbox/faults":
      return json(200, { faults: faults.list() });
    case "POST /sandbox/faults": {
      const body = await readJson(request);
      const specs = Array.isArray(body)
        ? body.map((entry, index) => decodeFaultSpec(entry, `$.body[${index}]`))
        : [decodeFaultSpec(body)];
      const armed = specs.map((spec) => faults.add(spec));
      return json(201, {
        faults: armed.map((fault) => ({ id: fault.id, remaining: fault.remaining, ...fault.spec })),
      });
    }
    case "DELETE /sandbox/faults":
      return json(200, { cleared: faults.clear() });
    case "POST /sandbox/tokens": {
      const body = decode(TokenRequest, await readJson(request));
      const scopes =
        body.scopes === undefined ? [...ALL_SCOPES] : parseScopes(body.scopes.join(" ") || "user.view");
      const token = await issueToken(
        world,
        {
          clientId: world.credentials.clientId,
          scopes: body.scopes?.length === 0 ? [] : scopes,
          expires: body.expires === true,
        },
        world.clock.now(),
      );
      return json(201, { ...token, scopes: body.scopes?.length === 0 ? [] : scopes });
    }
    case "GET /sandbox/clock":
      return json(200, { now: world.clock.now().toISOString() });
    case "POST /sandbox/clock": {
      const body = decode(ClockRequest, await readJson(request));
      world.clock.advance(body.advance_ms);
      return json(200, { now: world.clock.now().toISOString() });
    }
    case "POST /sandbox/reset":
      await deps.reset();
      return json(200, { reset: true });
  }
  if (CONTROL_PATHS.has(url.pathname)) {
    return json(405, { message: `Method ${request.method} not allowed on ${url.pathname}` });
  }
  throw notFound(`No sandbox route at ${url.pathname}`);
};
