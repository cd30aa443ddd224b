/**
 * npm run bench:web
 *
 * What an agent's browser downloads on the page's first load, gzipped as the
 * server sends it (level 9): the sign-in page (index.html, the entry script,
 * its static imports and CSS, the theme's classic script), then, once signed
 * in, the conversation area's chunk; and each other area, loaded only when
 * opened. Baseline, built in the
 * same run by the same Vite: the smallest React page (React and ReactDOM
 * rendering one paragraph), the floor of any page made with React.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Manifest } from "vite";

const web = fileURLToPath(new URL("../web/", import.meta.url));
// Inside the project, so that the baseline page finds react in node_modules; removed at the end.
const work = mkdtempSync(fileURLToPath(new URL("../.bench-web-", import.meta.url)));
// Issue 17: the first load of JavaScript under 150 kB gzipped (the design said 250).
const TARGET_KB = 150;

async function buildInto(root: string, configFile: string | false, outDir: string) {
  await build({
    root,
    configFile,
    logLevel: "silent",
    build: { outDir, emptyOutDir: true, manifest: true, target: "es2022" },
    oxc: { jsx: { runtime: "automatic" } },
  });
  return JSON.parse(readFileSync(path.join(outDir, ".vite", "manifest.json"), "utf8")) as Manifest;
}

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The files a chunk needs before it runs: itself, its static imports (recursively) and their CSS. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

/** The classic scripts index.html loads besides the entry (the theme, set before the first paint). */
function classicScripts(outDir: string): string[] {
  const html = readFileSync(path.join(outDir, "index.html"), "utf8");
  return [...html.matchAll(/<script src="\/([^"]+)"><\/script>/g)].flatMap((found) =>
    found[1] ? [found[1]] : [],
  );
}

function size(outDir: string, files: Iterable<string>, only?: RegExp) {
  let total = 0;
  for (const file of files) if (!only || only.test(file)) total += gzipped(path.join(outDir, file));
  return total;
}

try {
  // Baseline: the smallest React page.
  const baselineRoot = path.join(work, "baseline");
  mkdirSync(baselineRoot);
  writeFileSync(
    path.join(baselineRoot, "index.html"),
    '<!doctype html><html lang="fr"><body><div id="root"></div><script type="module" src="/main.tsx"></script></body></html>',
  );
  writeFileSync(
    path.join(baselineRoot, "main.tsx"),
    'import { createRoot } from "react-dom/client";\ncreateRoot(document.getElementById("root") as HTMLElement).render(<p>Bonjour</p>);\n',
  );
  const baselineOut = path.join(work, "baseline-dist");
  const baselineManifest = await buildInto(baselineRoot, false, baselineOut);
  const baselineJs = size(baselineOut, closure(baselineManifest, "index.html"), /\.js$/);

  const out = path.join(work, "dist");
  const manifest = await buildInto(web, path.join(web, "vite.config.ts"), out);
  const entry = closure(manifest, "index.html");
  const html = gzipped(path.join(out, "index.html"));
  const signInJs = size(out, [...entry, ...classicScripts(out)], /\.js$/);
  const signInCss = size(out, entry, /\.css$/);
  const area = (name: string) => {
    const files = closure(manifest, `src/pages/${name}/${name}-area.tsx`);
    for (const file of entry) files.delete(file);
    return { js: size(out, files, /\.js$/), css: size(out, files, /\.css$/) };
  };
  const chat = area("chat");
  const firstLoadJs = signInJs + chat.js;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

  console.log("Page web : octets transférés (gzip -9, comme le serveur les envoie)\n");
  console.log(`  base : page React minimale, JavaScript           ${kb(baselineJs)}`);
  console.log(`  connexion : HTML ${kb(html)}, JS ${kb(signInJs)}, CSS ${kb(signInCss)}`);
  console.log(`  + conversations (chargé à la connexion) : JS ${kb(chat.js)}, CSS ${kb(chat.css)}`);
  for (const name of ["knowledge", "admin"]) {
    const { js, css } = area(name);
    console.log(`  zone ${name} (chargée à l'ouverture) : JS ${kb(js)}, CSS ${kb(css)}`);
  }
  console.log(
    `\nPremier chargement, JavaScript : ${kb(firstLoadJs)} = × ${(firstLoadJs / baselineJs).toFixed(2)} la page React minimale (objectif < ${TARGET_KB} kB : ${firstLoadJs < TARGET_KB * 1024 ? "atteint" : "NON atteint"})`,
  );
  console.log(
    `Premier chargement, tout compris (HTML + JS + CSS) : ${kb(html + firstLoadJs + signInCss + chat.css)}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
