// Everything a handler can reach: the catalog, the state queue, media rendering, similarity, the
// clock and the counters. One per sandbox.
import type { BodyOf, InputOf, ResultOf, Tag } from "@shutterkit/core";
import type { operations } from "@shutterkit/core/generated";
import type { Catalog } from "./catalog/build.ts";
import type { ImageDecoder } from "./imaging/index.ts";
import type { MediaRenderer } from "./media/renderer.ts";
import type { UrlSigner } from "./media/signing.ts";
import type { Principal, SandboxCredentials } from "./server/auth.ts";
import type { StateQueue } from "./state/store.ts";
import type { StatsRecorder } from "./stats.ts";
import type { VisualSimilarity } from "./vision/similarity.ts";

export interface Clock {
  now(): Date;
  /** Moves the sandbox clock (for expiring URLs and render progress), relative to the base clock. */
  advance(ms: number): void;
}

export interface SandboxConfig {
  /** Lifetime of signed download URLs, in seconds. */
  readonly downloadTtlSeconds: number;
  /** How long each custom-music render stage takes, in ms. */
  readonly renderStageMs: number;
  /** Authorization codes from `/v2/oauth/authorize` stay valid this long, in ms. */
  readonly authCodeTtlMs: number;
  /** Lifetime of expiring access tokens, in seconds. */
  readonly accessTokenTtlSeconds: number;
  /** Lifetime of refresh tokens, in seconds. */
  readonly refreshTokenTtlSeconds: number;
}

export interface World {
  readonly catalog: Catalog;
  readonly queue: StateQueue;
  readonly credentials: SandboxCredentials;
  readonly signer: UrlSigner;
  readonly clock: Clock;
  readonly stats: StatsRecorder;
  readonly media: MediaRenderer;
  /** Computer vision, through its one interface. */
  readonly visual: VisualSimilarity;
  readonly config: SandboxConfig;
  /** Turns uploaded bytes into pixels. */
  readonly decodeImage: ImageDecoder;
}

export interface HandlerContext<P, B> {
  readonly params: P;
  readonly body: B;
  readonly request: Request;
  readonly url: URL;
  /** Scheme, host and port the request came in on; media URLs are built on it. */
  readonly origin: string;
  readonly principal: Principal | undefined;
  readonly now: Date;
  readonly world: World;
}

type Ops = typeof operations;
export type OperationId = keyof Ops;

/**
 * A handler answers with the operation's success body, or with a ready Response (redirects). Handlers of
 * operations without a body (204) may return anything but a Response; it is not sent.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: the core types a 204 operation's result as void
export type HandlerOutput<D> = [ResultOf<D>] extends [void] ? unknown : ResultOf<D> | Response;

export type Handler<D> = (
  context: HandlerContext<InputOf<D>, BodyOf<D>>,
) => HandlerOutput<D> | Promise<HandlerOutput<D>>;

export type Handlers = { readonly [K in OperationId]: Handler<Ops[K]> };

/** The handlers of one tag of the contract, exactly its operations: what each handler module exports. */
export type HandlersOf<T extends Tag> = {
  readonly [K in OperationId as Ops[K]["tag"] extends T ? K : never]: Handler<Ops[K]>;
};
