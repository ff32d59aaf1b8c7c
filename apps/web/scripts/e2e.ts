// The browser test (`test:runtime`): a production build served with the sandbox and the edge
// proxy, driven in Debian's Chromium. Upload a picture -> similar images; search -> scroll to a
// second page; open an image -> add it to a new collection -> see it in the collection.
// Screenshots land in test-artifacts/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromiumMissing, type LaunchedChromium, launchChromium } from "@shutterkit/test-support/chromium";
import { encode } from "fast-png";
import type { Page } from "playwright-core";
import { build } from "vite";
import { appRoot, type Stack, startStack } from "./stack.ts";

const artifacts = join(appRoot, "test-artifacts");

// Checked before the build, so a missing browser fails at once rather than after it.
const ensureChromium = () => {
  const missing = chromiumMissing();
  if (missing === undefined) return;
  console.error(missing);
  process.exit(1);
};

/** A 256x192 PNG: warm sky over a green field, so there is something to be similar to. */
const picture = (): Buffer => {
  const width = 256;
  const height = 192;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3;
      const sky = y < height * 0.6;
      data[offset] = sky ? 240 - y : 40;
      data[offset + 1] = sky ? 150 + (x % 40) : 140 + (y % 30);
      data[offset + 2] = sky ? 80 : 50;
    }
  return Buffer.from(encode({ width, height, data, channels: 3, depth: 8 }));
};

const results: Array<{ name: string; ok: boolean; error?: string }> = [];

const step = async (name: string, page: Page, run: () => Promise<void>) => {
  const started = Date.now();
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error: String(error) });
    console.log(`  ✗ ${name}: ${String(error)}`);
  }
  const file = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  await page.screenshot({ path: join(artifacts, `${file}.png`), fullPage: true }).catch(() => undefined);
};

const tilesIn = (page: Page, label: string) => page.getByRole("list", { name: label }).getByRole("listitem");

const scenario = async (page: Page, stack: Stack) => {
  await step("upload a picture and see similar images", page, async () => {
    await page.goto(`${stack.url}/#/similar`);
    await page.locator('input[type="file"]').setInputFiles({
      name: "field.png",
      mimeType: "image/png",
      buffer: picture(),
    });
    await tilesIn(page, "Similar images").first().waitFor();
    const count = await tilesIn(page, "Similar images").count();
    if (count < 2) throw new Error(`expected similar images, got ${count}`);
    await page.getByRole("list", { name: "Similar images" }).locator("img").first().waitFor();
  });

  await step("search and scroll to a second page", page, async () => {
    await page.getByRole("link", { name: "Search" }).click();
    await page.getByRole("searchbox").fill("circle");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const tiles = tilesIn(page, "Search results");
    await tiles.first().waitFor();
    await page.mouse.wheel(0, 20_000);
    await page.waitForFunction(
      () => document.querySelectorAll('[aria-label="Search results"] > li').length > 24,
      undefined,
      { timeout: 15_000 },
    );
    await page.getByText(/^Showing (2[5-9]|[3-9]\d|\d{3,}) of \d+$/).waitFor();
  });

  await step("filter the search by orientation", page, async () => {
    await page.getByLabel("Orientation").selectOption("vertical");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText(/^Showing \d+ of \d+$/).waitFor();
    await tilesIn(page, "Search results").first().waitFor();
  });

  await step("open an image and add it to a new collection", page, async () => {
    const first = tilesIn(page, "Search results").first().getByRole("link");
    await first.click();
    await page.locator("#detail-title").waitFor();
    const imageId = page.url().split("/").pop() ?? "";
    await page.getByLabel("New collection name").fill("E2E picks");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByText("Added to E2E picks.").waitFor();
    await page.getByRole("link", { name: "Collections" }).click();
    await page.getByRole("link", { name: /E2E picks/ }).click();
    await page
      .getByRole("button", { name: /Remove .* from the collection/ })
      .first()
      .waitFor();
    const ids = await page
      .locator('[aria-label="Items"] a')
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    if (!ids.includes(`#/image/${imageId}`)) throw new Error(`image ${imageId} not in ${ids.join(", ")}`);
  });

  await step("remove the image from the collection", page, async () => {
    await page
      .getByRole("button", { name: /Remove .* from the collection/ })
      .first()
      .click();
    await page.getByText(/This collection is empty/).waitFor();
  });

  await step("phone-sized screen", page, async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.url}/#/search`);
    await page.getByRole("searchbox").fill("blue square");
    await page.keyboard.press("Enter");
    await tilesIn(page, "Search results").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    if (overflow) throw new Error("the page scrolls sideways on a phone-sized screen");
  });
};

const main = async () => {
  ensureChromium();
  mkdirSync(artifacts, { recursive: true });
  console.log("building the app");
  await build({ root: appRoot, logLevel: "warn" });
  const stack = await startStack({ mode: "static" });
  let browser: LaunchedChromium | undefined;
  try {
    browser = await launchChromium({ extraArgs: ["--disable-quic"], viewport: { width: 1280, height: 900 } });
    const page = await browser.page();
    const consoleErrors: Array<string> = [];
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await scenario(page, stack);
    if (consoleErrors.length > 0) {
      results.push({ name: "no uncaught errors in the page", ok: false, error: consoleErrors.join("; ") });
      console.log(`  ✗ uncaught page errors: ${consoleErrors.join("; ")}`);
    }
  } finally {
    await browser?.close();
    await stack.close();
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(`screenshots: ${artifacts}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
};

// Never hang CI: the whole run has two minutes.
setTimeout(() => {
  console.error("e2e: timed out after 120 s");
  process.exit(1);
}, 120_000).unref();

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
