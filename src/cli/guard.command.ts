import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { type Config, databaseUrl } from "../config.js";
import {
  DEFAULT_MIN_BEARERS,
  DEFAULT_RECOGNIZERS,
  externalSettings,
  FIRST_NAMES,
  GuardNamesRepository,
  GuardService,
  importNames,
  loadRecognizers,
  NAME_KINDS,
  type NameKind,
  readWordList,
  SCAN_PURPOSES,
  type ScanPurpose,
} from "../guard/index.js";
import { t } from "../i18n/index.js";
import { type Database, migrateToLatest, openStore } from "../store/index.js";
import { type CliIo, say, UsageError } from "./io.js";

/**
 * beffroi guard scan [--jsonl] [--names] [--purpose egress|documents]: the
 * text on standard input → its class, entities and organisations' contact
 * details (JSON); with --jsonl, `{ "id", "text" }` lines in, `{ "id",
 * "dataClass", "entities", "organisations" }` lines out. A text of any size
 * is scanned in pieces. Needs no database, unless --names asks for the
 * imported names; uses the configured external recognizer, if any.
 *
 * beffroi guard names import FILE | status | clear: INSEE's first names and
 * surnames, which widen the PERSON recognizer.
 */
export async function guardCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === "names") return namesCommand(config, io, rest);
  const { values } = parseArgs({
    args: rest,
    options: {
      jsonl: { type: "boolean" },
      names: { type: "boolean" },
      purpose: { type: "string" },
    },
    strict: true,
  });
  if (action !== "scan")
    throw new UsageError(t("cli.unknown_command", { command: `guard ${action ?? ""}` }));
  const purpose = (values.purpose ?? "egress") as ScanPurpose;
  if (!SCAN_PURPOSES.includes(purpose)) throw new UsageError(t("cli.guard_purpose"));
  const recognizers = values.names
    ? await withNames(config, (_, db) => loadRecognizers(db))
    : DEFAULT_RECOGNIZERS;
  // No time limit here: a long file is scanned piece by piece, whatever it takes.
  const guard = new GuardService(recognizers, {
    budgetMs: Number.POSITIVE_INFINITY,
    ...(config.guard.external && { external: externalSettings(config.guard.external) }),
  });
  const scan = async (text: string) => {
    const { dataClass, entities, organisations } = await guard.scan(text, purpose);
    return { dataClass, entities, organisations };
  };
  if (!values.jsonl) {
    // Decoded once whole: a character cut between two chunks stays whole.
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    }
    io.stdout.write(`${JSON.stringify(await scan(Buffer.concat(chunks).toString("utf8")))}\n`);
    return 0;
  }
  let line = 0;
  for await (const raw of createInterface({ input: io.stdin, terminal: false })) {
    line += 1;
    if (!raw.trim()) continue;
    let record: { id?: unknown; text?: unknown };
    try {
      record = JSON.parse(raw) as { id?: unknown; text?: unknown };
    } catch {
      throw new UsageError(t("cli.jsonl_invalid", { line }));
    }
    if (typeof record.text !== "string") throw new UsageError(t("cli.jsonl_invalid", { line }));
    io.stdout.write(`${JSON.stringify({ id: record.id ?? null, ...(await scan(record.text)) })}\n`);
  }
  return 0;
}

/** Opens and migrates the database (as `serve` would), for the names only. */
async function withNames<T>(
  config: Config,
  run: (repository: GuardNamesRepository, db: Database) => Promise<T>,
): Promise<T> {
  const store = openStore(databaseUrl(config), { poolSize: 1 });
  try {
    await migrateToLatest(store);
    return await run(new GuardNamesRepository(store.db), store.db);
  } finally {
    await store.close();
  }
}

const kindOf = (value: string | undefined): NameKind | undefined => {
  if (value === undefined) return undefined;
  if (!NAME_KINDS.includes(value as NameKind)) throw new UsageError(t("cli.names_kind"));
  return value as NameKind;
};

/** beffroi guard names import FILE [--kind first|last] [--min-bearers N] [--exclude FILE] | status [--json] | clear [--kind K] */
async function namesCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      kind: { type: "string" },
      "min-bearers": { type: "string" },
      exclude: { type: "string" },
      json: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const kind = kindOf(values.kind);
  switch (action) {
    case "import": {
      const [file, ...extra] = positionals;
      if (!file) throw new UsageError(t("cli.names_file_missing"));
      if (extra.length > 0) {
        throw new UsageError(
          t("cli.bad_option", {
            reason: t("cli.argument_unexpected", { argument: extra[0] as string }),
          }),
        );
      }
      const raw = values["min-bearers"];
      if (raw !== undefined && !/^\d+$/.test(raw)) throw new UsageError(t("cli.names_min_bearers"));
      const excluded = values.exclude ? await readWordList(values.exclude) : undefined;
      const result = await withNames(config, (repository) =>
        importNames(repository, file, {
          ...(kind && { kind }),
          ...(raw !== undefined && { minBearers: Number(raw) }),
          ...(excluded && { excluded }),
        }),
      );
      say(io, "cli.names_imported", {
        kind: t(`guard.names.kind.${result.kind}`),
        imported: result.names.size,
        rare: result.rare,
        min: raw !== undefined ? Number(raw) : DEFAULT_MIN_BEARERS[result.kind],
        words: result.words,
        special: result.special,
      });
      return 0;
    }
    case "status":
    case "list-stats": {
      const counts = await withNames(config, (repository) => repository.counts());
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ ...counts, builtinFirstNames: FIRST_NAMES.size })}\n`);
        return 0;
      }
      for (const each of NAME_KINDS) {
        const label = t(`guard.names.kind.${each}`);
        if (counts[each] > 0) say(io, "cli.names_status", { kind: label, count: counts[each] });
        else if (each === "first")
          say(io, "cli.names_status_none", { kind: label, builtin: FIRST_NAMES.size });
        else say(io, "cli.names_status_none_last", { kind: label });
      }
      return 0;
    }
    case "clear": {
      const count = await withNames(config, (repository) => repository.clear(kind));
      say(io, "cli.names_cleared", { count });
      return 0;
    }
    default:
      throw new UsageError(
        t("cli.unknown_command", { command: `guard names ${action ?? ""}`.trim() }),
      );
  }
}
