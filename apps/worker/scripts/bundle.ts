// `pnpm --filter @shutterkit/example-worker build`: dist/worker.js, the module wrangler would upload.
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { appDir, bundleWorker } from "./worker-build.ts";

const code = await bundleWorker({ minify: true });
mkdirSync(`${appDir}dist`, { recursive: true });
writeFileSync(`${appDir}dist/worker.js`, code);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`dist/worker.js: ${kb(code.length)} minified, ${kb(gzipSync(code).length)} gzipped`);
