// The proxy called directly in Node: the same behaviour without a Cache API.
import { describe } from "vitest";
import { node } from "./support/runtimes.ts";
import { proxyScenarios } from "./support/scenarios.ts";

describe("proxy in node", () => proxyScenarios(node));
