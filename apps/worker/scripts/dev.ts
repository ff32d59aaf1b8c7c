// `pnpm --filter @shutterkit/example-worker dev`: the sandbox API and this worker in workerd
// (miniflare), with wrangler.jsonc's local vars, without needing wrangler. Ctrl-C stops both.
import { randomBytes } from "node:crypto";
import { startSandboxServer } from "@shutterkit/sandbox/node";
import { SignJWT } from "jose";
import { Miniflare } from "miniflare";
import { bundleWorker, varsFor, wranglerConfig } from "./worker-build.ts";

const port = Number(process.env["PORT"] ?? "8787");
const sandbox = await startSandboxServer({ host: "127.0.0.1", port: 0 });
// A fresh signing secret per run, and a token for a local user allowed to write (uploads,
// collections), standing in for the site's sign-in service.
const jwtSecret = randomBytes(32).toString("base64url");
const vars = varsFor();
const devToken = await new SignJWT({ sub: "local-developer", scope: "shutterkit:write" })
  .setProtectedHeader({ alg: "HS256" })
  .setIssuer(vars["SHUTTERKIT_JWT_ISSUER"] ?? "")
  .setAudience(vars["SHUTTERKIT_JWT_AUDIENCE"] ?? "")
  .setExpirationTime("12h")
  .sign(new TextEncoder().encode(jwtSecret));
const miniflare = new Miniflare({
  modules: true,
  script: await bundleWorker(),
  compatibilityDate: wranglerConfig().compatibility_date,
  bindings: {
    ...vars,
    SHUTTERSTOCK_BASE_URL: sandbox.url,
    SHUTTERSTOCK_API_TOKEN: sandbox.credentials.accessToken,
    SHUTTERKIT_JWT_SECRET: jwtSecret,
  },
  durableObjects: { RATE_LIMITER: "RateLimiterDurableObject" },
  host: "127.0.0.1",
  port,
});
const url = await miniflare.ready;
console.log(`sandbox API  ${sandbox.url}`);
console.log(
  `edge proxy   ${url.origin}  (try curl -H "origin: http://localhost:5173" "${url.origin}/v2/images/search?query=red")`,
);
console.log(`caller token for writes (12 h): Authorization: Bearer ${devToken}`);

const stop = async () => {
  await miniflare.dispose();
  await sandbox.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
