import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli.js";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with its own standard streams; `input` is its standard input. */
export async function runIn(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input = "",
): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: "", stderr: "" };
  stdout.on("data", (c) => {
    chunks.stdout += c;
  });
  stderr.on("data", (c) => {
    chunks.stderr += c;
  });
  const stdin = new PassThrough();
  stdin.end(input);
  const code = await runCli(args, { stdout, stderr, stdin, env, cwd });
  // The streams hand their last chunks on at the next tick: read after it.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, ...chunks };
}
