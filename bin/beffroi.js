#!/usr/bin/env node
// The `beffroi` command: the compiled CLI when built (npm start and npm ci build it), else the sources through tsx.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli.js", import.meta.url);
let runCli;
if (existsSync(compiled)) {
  ({ runCli } = await import(compiled.href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ runCli } = await import(new URL("../src/cli.ts", import.meta.url).href));
}
process.exitCode = await runCli(process.argv.slice(2));
