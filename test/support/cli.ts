import { PassThrough } from "node:stream";
import { after, before } from "node:test";
import { runCli } from "../../src/cli.js";
import { openStore, type Store } from "../../src/store/index.js";
import {
  describeEachDialect,
  ensureSchemaFor,
  freshLocation,
  POSTGRES_URL,
  TEST_VAULT_KEY,
} from "./stores.js";

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

/** The CLI of one fresh installation: its data directory, and a way to run it there. */
export interface CliInstall {
  dataDir: string;
  /** Runs the CLI in the installation, `input` as its standard input. */
  cli(args: string[], input?: string): Promise<Run>;
  /** Opens the installation's database behind the CLI's back (close it after use). */
  openDatabase(): Store;
}

/**
 * Declares one `describe` per store ("NAME [dialect]"), each with a fresh
 * installation: a data directory, and on PostgreSQL a schema of its own and
 * the vault key the server then needs. The installation is ready before the
 * suite's own `before` hooks run; `extraEnv` adds to its configuration.
 */
export function describeCli(
  name: string,
  suite: (install: CliInstall) => void,
  extraEnv: NodeJS.ProcessEnv = {},
): void {
  describeEachDialect(name, (dialect) => {
    const location = freshLocation(dialect);
    const env: NodeJS.ProcessEnv = {
      BEFFROI_DATA_DIR: location.dataDir,
      BEFFROI_LOG_LEVEL: "silent",
      ...extraEnv,
    };
    before(async () => {
      if (location.schema) {
        await ensureSchemaFor(location);
        env.BEFFROI_DATABASE_URL = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${location.schema}`)}`;
        env.BEFFROI_GUARD__VAULT_KEY = TEST_VAULT_KEY;
      }
    });
    after(() => location.cleanup());
    suite({
      dataDir: location.dataDir,
      cli: (args, input = "") => runIn(location.dataDir, args, env, input),
      openDatabase: () =>
        openStore(dialect === "sqlite" ? `sqlite:${location.dataDir}/beffroi.db` : location.url, {
          ...(location.schema && { schema: location.schema }),
        }),
    });
  });
}
