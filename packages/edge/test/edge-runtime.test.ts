// The proxy bundled with esbuild and run inside edge-runtime, the runtime of Vercel Edge Functions.
import { describe } from "vitest";
import { edgeRuntime } from "./support/runtimes.ts";
import { proxyScenarios } from "./support/scenarios.ts";

describe("proxy in edge-runtime", () => proxyScenarios(edgeRuntime));
