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
});
