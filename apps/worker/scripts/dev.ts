// `pnpm --filter @shutterkit/example-worker dev`: the sandbox API and this worker in workerd
// (miniflare), with wrangler.jsonc's local vars, without needing wrangler. Ctrl-C stops both.
import { startSandboxServer } from "@shutterkit/sandbox/node";
import { Miniflare } from "miniflare";
import { bundleWorker, varsFor, wranglerConfig } from "./worker-build.ts";

const port = Number(process.env["PORT"] ?? "8787");
const sandbox = await startSandboxServer({ host: "127.0.0.1", port: 0 });
const miniflare = new Miniflare({
  modules: true,
  script: await bundleWorker(),
  compatibilityDate: wranglerConfig().compatibility_date,
  bindings: {
    ...varsFor(),
    SHUTTERSTOCK_BASE_URL: sandbox.url,
    SHUTTERSTOCK_API_TOKEN: sandbox.credentials.accessToken,
  },
  host: "127.0.0.1",
  port,
});
const url = await miniflare.ready;
console.log(`sandbox API  ${sandbox.url}`);
console.log(`edge proxy   ${url.origin}  (try ${url.origin}/v2/images/search?query=red)`);

const stop = async () => {
  await miniflare.dispose();
  await sandbox.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
