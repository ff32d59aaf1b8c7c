import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API is reached through the proxy on the page's own origin (see scripts/stack.ts), so the
// dev server needs no proxy table of its own.
export default defineConfig({
  plugins: [react()],
  // core brings Effect and the contract's schemas (~150 kB gzip); one chunk is fine for a demo.
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 700 },
});
