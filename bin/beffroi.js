#!/usr/bin/env node
// The `beffroi` command: the compiled CLI from dist/ when it is up to date, else the sources through tsx.
import { existsSync, readdirSync, statSync } from "node:fs";

const compiled = new URL("../dist/cli.js", import.meta.url);
const sources = new URL("../src/", import.meta.url);

/** The newest modification time under a folder, in milliseconds. */
function newest(folder) {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = new URL(entry.isDirectory() ? `${entry.name}/` : entry.name, folder);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

// In a checkout, a build older than any source would run yesterday's code: run the sources instead.
const stale =
  !existsSync(compiled) ||
  (existsSync(new URL("cli.ts", sources)) && newest(sources) > statSync(compiled).mtimeMs);
let runCli;
if (stale) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ runCli } = await import(new URL("cli.ts", sources).href));
} else {
  ({ runCli } = await import(compiled.href));
}
process.exitCode = await runCli(process.argv.slice(2));
