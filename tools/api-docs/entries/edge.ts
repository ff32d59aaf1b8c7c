/**
 * A fetch handler that exposes an allowlist of Shutterstock API operations to browsers from Cloudflare Workers, Vercel Edge and other fetch runtimes.
 *
 * @module @shutterkit/edge
 * @document ../../../packages/edge/README.md
 */
export * from "../../../packages/edge/src/index.ts";
