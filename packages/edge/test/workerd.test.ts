// The proxy bundled with esbuild and run inside workerd, the runtime of Cloudflare Workers.
import { describe } from "vitest";
import { workerd } from "./support/runtimes.ts";
import { proxyScenarios } from "./support/scenarios.ts";

describe("proxy in workerd", () => proxyScenarios(workerd));
