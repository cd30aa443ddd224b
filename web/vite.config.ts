import { defineConfig } from "vite";

/**
 * The page is built into web/dist (by scripts/build-web.mjs, with web/ as the
 * root) and served by the Beffroi server itself (src/http/web.ts): one
 * process, one port. `npx vite web` serves it for development, in front of a
 * Beffroi started on port 8080.
 */
export default defineConfig({
  base: "/",
  publicDir: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  oxc: { jsx: { runtime: "automatic" } },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/v1": "http://127.0.0.1:8080" } },
});
