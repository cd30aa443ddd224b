// Builds the web page (web/ → web/dist) when a source is newer than the last build, so that
// `npm start` and `npm test` build it only when needed. `--force` rebuilds anyway.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../web/", import.meta.url));
const built = path.join(root, "dist", "index.html");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function builtAt() {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return 0;
  }
}

export async function buildWeb({ force = false } = {}) {
  if (!force && builtAt() >= newest(root)) return false;
  const { build } = await import("vite");
  await build({ root, configFile: path.join(root, "vite.config.ts"), logLevel: "warn" });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rebuilt = await buildWeb({ force: process.argv.includes("--force") });
  if (rebuilt) console.log("Page web construite dans web/dist.");
}
