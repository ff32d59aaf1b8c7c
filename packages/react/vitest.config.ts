import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "@shutterkit/react",
    include: ["test/**/*.test.{ts,tsx}"],
    environment: "happy-dom",
    // The page keeps happy-dom's own origin and the sandbox is another one (a 127.0.0.1 port), so every
    // request is cross-origin and goes through the sandbox's CORS answers, preflights included.
    testTimeout: 20_000,
  },
});
