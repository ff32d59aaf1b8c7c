import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "@shutterkit/react",
    include: ["test/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
    // The page's origin is happy-dom's default, the API a 127.0.0.1 port: in the app the edge
    // proxy is same-origin, so CORS is not what these tests are about.
    environmentOptions: { happyDOM: { settings: { fetch: { disableSameOriginPolicy: true } } } },
    testTimeout: 20_000,
  },
});
