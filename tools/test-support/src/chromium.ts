// Debian's Chromium for the browser suites (react's SSR test, apps/web's end-to-end run and the
// conformance matrix), driven by playwright-core. It is installed by `npm test`'s setup step
// (scripts/system-packages.mjs), never from a test: an install blocks for minutes, and
// `playwright install` cannot download browsers here.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

// Headless, and quiet: no sandbox (root in CI), no GPU, no update, sync or first-run traffic.
const BASE_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Why Chromium cannot be launched here, or undefined when it is installed. */
export const chromiumMissing = (): string | undefined =>
  existsSync(CHROMIUM_PATH)
    ? undefined
    : `Chromium is missing at ${CHROMIUM_PATH}: \`npm test\` installs it first; by hand: apt-get install -y chromium`;

export interface ChromiumOptions {
  /** Flags beyond the headless, quiet base set. */
  readonly extraArgs?: ReadonlyArray<string>;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The wait for each page action. Default 15 s. */
  readonly timeoutMs?: number;
}

export interface LaunchedChromium extends AsyncDisposable {
  readonly context: BrowserContext;
  /** The first tab, which a persistent context opens with. */
  readonly page: () => Promise<Page>;
  /** Closes the browser and removes its profile. */
  readonly close: () => Promise<void>;
}

/**
 * Launches Chromium with a fresh profile; rejects with {@link chromiumMissing}'s reason when it is
 * not installed.
 */
export const launchChromium = async (options: ChromiumOptions = {}): Promise<LaunchedChromium> => {
  const missing = chromiumMissing();
  if (missing !== undefined) throw new Error(missing);
  const profile = await mkdtemp(join(tmpdir(), "shutterkit-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: [...BASE_ARGS, ...(options.extraArgs ?? [])],
      ...(options.viewport === undefined ? {} : { viewport: { ...options.viewport } }),
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(options.timeoutMs ?? 15_000);
  const close = async () => {
    try {
      await context.close();
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  };
  return {
    context,
    page: async () => context.pages()[0] ?? (await context.newPage()),
    close,
    [Symbol.asyncDispose]: close,
  };
};
