import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vite";

/**
 * Sets the chosen theme before the first paint (no flash of the light page):
 * `src/theme-boot.js` goes to `assets/` under a name hashed from its content
 * (the server caches assets for a year), loaded by a classic, blocking script
 * at the top of <head>. The CSP (`script-src 'self'`) forbids an inline one.
 */
function themeBeforePaint(): Plugin {
  // Its comments stay in the source: every agent's first load carries the script.
  const source = readFileSync(new URL("./src/theme-boot.js", import.meta.url), "utf8").replace(
    /^\s*\/\/.*\n/gm,
    "",
  );
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 10);
  const fileName = `assets/theme-boot-${hash}.js`;
  return {
    name: "beffroi-theme-before-paint",
    generateBundle() {
      this.emitFile({ type: "asset", fileName, source });
    },
    transformIndexHtml: (_html, context) => [
      {
        tag: "script",
        attrs: { src: context.server ? "/src/theme-boot.js" : `/${fileName}` },
        injectTo: "head",
      },
    ],
  };
}

/**
 * The page is built into web/dist (by scripts/build-web.mjs, with web/ as the
 * root) and served by the Beffroi server itself (src/http/web.ts): one
 * process, one port. `npx vite web` serves it for development, in front of a
 * Beffroi started on port 8080.
 */
export default defineConfig({
  base: "/",
  publicDir: false,
  plugins: [themeBeforePaint()],
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
