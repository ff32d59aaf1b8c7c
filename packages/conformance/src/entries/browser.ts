// Entry for the browser: the page calls `runConformance({ baseUrl, token })`.
import { runSuite } from "../scenarios.ts";

(globalThis as { runConformance?: typeof runSuite }).runConformance = runSuite;
