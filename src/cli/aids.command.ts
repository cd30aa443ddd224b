import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";

/**
 * Reads at most `limit + 1` bytes of a file: one byte over is enough to
 * refuse it as too large, without loading a file of any size into memory.
 */
function readBounded(file: string, limit: number): { bytes: Uint8Array; oversized: boolean } {
  const descriptor = openSync(file, "r");
  try {
    const size = fstatSync(descriptor).size;
    const bytes = new Uint8Array(Math.min(size, limit + 1));
    let read = 0;
    while (read < bytes.byteLength) {
      const count = readSync(descriptor, bytes, read, bytes.byteLength - read, read);
      if (count === 0) break;
      read += count;
    }
    return { bytes: bytes.subarray(0, read), oversized: read > limit };
  } finally {
    closeSync(descriptor);
  }
}

/** beffroi aids import FILE --kb NAME [--replace] [--json] */
export async function aidsCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== "import")
    throw new UsageError(t("cli.unknown_command", { command: `aids ${action ?? ""}`.trim() }));
  const { values, positionals } = parseArgs({
    args: rest,
    options: { kb: { type: "string" }, replace: { type: "boolean" }, json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  if (!values.kb) throw new UsageError(t("cli.missing_option", { option: "kb" }));
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError(t("cli.aids_file_missing"));
  if (extra[0] !== undefined)
    throw new UsageError(
      t("cli.bad_option", { reason: t("cli.argument_unexpected", { argument: extra[0] }) }),
    );
  const kb = values.kb;
  return withServices(config, async ({ knowledge, aids, worker }) => {
    const base = await knowledge.findByName("cli", kb);
    const content = readBounded(path.resolve(io.cwd, file), aids.limits().maxBytes);
    const report = await aids.import("cli", base.id, content, { replace: values.replace });
    // As `ingest` does: the sheets are ingested before the command returns.
    await worker.drain();
    const states = await aids.documentStates("cli", base.id);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ...report, documents: states }, null, 2)}\n`);
    } else {
      const { added, updated, unchanged, removed } = report;
      say(io, "cli.aids_imported", { kb: base.name, added, updated, unchanged, removed });
      if (report.kept > 0) say(io, "cli.aids_kept", { count: report.kept });
      say(io, "cli.aids_documents", { kb: base.name, ...states });
    }
    return states.failed > 0 ? 1 : 0;
  });
}
