import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";
import { answerLines } from "./jsonl.js";

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

/**
 * beffroi aids import FILE --kb NAME [--replace] [--json]
 * beffroi aids find ["question"] --kb NAME [--age N] [--place LIEU] [--status S]… [--json | --jsonl]
 */
export async function aidsCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === "find") return findCommand(config, io, rest);
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
  return withServices(config, io, async ({ knowledge, aids, worker }) => {
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

/**
 * The aid finder from the command line: one question (with or without a
 * form), or with --jsonl one `{"id","query"}` line of standard input each,
 * answered by the schemes' own ids in order.
 */
async function findCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      kb: { type: "string" },
      age: { type: "string" },
      place: { type: "string" },
      status: { type: "string", multiple: true },
      limit: { type: "string" },
      json: { type: "boolean" },
      jsonl: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (!values.kb) throw new UsageError(t("cli.missing_option", { option: "kb" }));
  const age = values.age === undefined ? undefined : Number(values.age);
  if (age !== undefined && (!Number.isInteger(age) || age < 0 || age > 120)) {
    throw new UsageError(t("cli.bad_option", { reason: t("cli.aids_age") }));
  }
  const limit = Math.min(50, Math.max(1, Number(values.limit ?? 10) || 10));
  const form = {
    ...(age !== undefined && { age }),
    ...(values.place && { place: values.place }),
    ...(values.status && { statuses: values.status }),
    limit,
  };
  const question = positionals.join(" ").trim();
  const kb = values.kb;
  return withServices(config, io, async ({ knowledge, aidFinder }) => {
    const base = await knowledge.findByName("cli", kb);
    if (values.jsonl) {
      return answerLines(io, async ({ query }) => {
        const finding = await aidFinder.find("cli", base.id, { ...form, question: query });
        return {
          aids: finding.aids.map((aid) => aid.id),
          scores: finding.aids.map((aid) => Number(aid.score.toFixed(4))),
          situation: finding.situation,
        };
      });
    }
    const finding = await aidFinder.find("cli", base.id, { ...form, question });
    if (values.json) {
      io.stdout.write(`${JSON.stringify(finding, null, 2)}\n`);
      return 0;
    }
    const { situation } = finding;
    say(io, "cli.aids_situation", {
      age: situation.age === undefined ? t("cli.aids_unsaid") : String(situation.age),
      place:
        situation.place?.name ??
        (situation.unknownPlace
          ? t("cli.aids_unknown_place", { place: situation.unknownPlace })
          : t("cli.aids_unsaid")),
      statuses: situation.statuses.join(", ") || t("cli.aids_unsaid"),
    });
    if (finding.aids.length === 0) say(io, "cli.aids_none");
    finding.aids.forEach((aid, index) => {
      const amount = aid.amount === null ? "" : ` — ${aid.amount} ${aid.unit ?? ""}`.trimEnd();
      io.stdout.write(`${index + 1}. ${aid.title} (${aid.institution})${amount} [${aid.id}]\n`);
      if (aid.why.length > 0) say(io, "cli.aids_why", { why: aid.why.join(" ; ") });
      if (aid.toCheck.length > 0) say(io, "cli.aids_to_check", { items: aid.toCheck.join(" ; ") });
      if (aid.link) io.stdout.write(`   ${aid.link}\n`);
    });
    for (const aid of finding.excluded) {
      say(io, "cli.aids_excluded", { title: aid.title, reasons: aid.unmet.join(" ; ") });
    }
    return 0;
  });
}
