// Importing two operations ships two operations: a real bundle of an app that uses two holds their
// routes and none of the other 116 (sizes are measured in bench/, not asserted here).
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";
import { describe, expect, it } from "vitest";
import { routeTable } from "../src/routes.ts";

const bundle = async (entry: string): Promise<string> => {
  const build = await rolldown({
    input: fileURLToPath(new URL(entry, import.meta.url)),
    platform: "browser",
  });
  const output = await build.generate({ format: "esm", minify: true });
  await build.close();
  return output.output[0].code;
};

const OPT_IN_MARKERS = ["traceId", "effect/Logger/CurrentLoggers", "token refresh"];

describe("a bundle of an app that imports two operations", () => {
  it("holds those two operations and no other", async () => {
    const code = await bundle("./fixtures/two-operations.ts");
    const used = new Set(["uploadImage", "getSimilarImages"]);
    for (const route of routeTable) {
      // Minifiers quote strings in any of the three ways.
      const held = ['"', "'", "`"].some((quote) => code.includes(`${quote}${route.operationId}${quote}`));
      expect(held, route.operationId).toBe(used.has(route.operationId));
    }
  }, 60_000);

  it("leaves out the opt-ins it does not use: tracing, Effect's logger, the token refresher", async () => {
    const code = await bundle("./fixtures/two-operations.ts");
    // Each string comes only with its opt-in: the span's trace id that `tracing()` reads, the
    // reference holding Effect's loggers (reached through `effectLogger`), the refresher's failure.
    for (const marker of OPT_IN_MARKERS) expect(code.includes(marker), marker).toBe(false);
  }, 60_000);

  it("holds those opt-ins when the app uses them", async () => {
    const code = await bundle("./fixtures/two-operations-opt-ins.ts");
    for (const marker of OPT_IN_MARKERS) expect(code.includes(marker), marker).toBe(true);
  }, 60_000);
});
