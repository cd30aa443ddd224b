import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { PERMISSIONS, type Principal } from "../identity/index.js";
import {
  citationPlace,
  describeCounts,
  type KnowledgeService,
  PERSONAL_DATA_SETTINGS,
  type PersonalDataSetting,
  RELEASE_ACTIONS,
  type Reader,
  type ReleaseAction,
} from "../knowledge/index.js";
import { appError } from "../shared/errors.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";
import { answerLines } from "./jsonl.js";

/** The local operator: the CLI runs on the server with the administrator's rights. */
export const CLI_PRINCIPAL: Principal = {
  userId: "cli",
  displayName: "Ligne de commande",
  email: "cli@localhost",
  directionId: null,
  directionPath: null,
  roles: ["admin"],
  permissions: [...PERMISSIONS],
  via: "cli",
};

const needKb = (kb: string | undefined): string => {
  if (!kb) throw new UsageError(t("cli.missing_option", { option: "kb" }));
  return kb;
};

/** Every file under the given paths, folders walked recursively, hidden files skipped; names relative to each root. */
export function collectFiles(
  paths: string[],
  cwd: string,
): { fileName: string; fullPath: string }[] {
  const out: { fileName: string; fullPath: string }[] = [];
  const walk = (full: string, name: string) => {
    const stats = statSync(full);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(full).sort()) {
        if (!entry.startsWith(".")) walk(path.join(full, entry), name ? `${name}/${entry}` : entry);
      }
    } else if (stats.isFile()) out.push({ fileName: name, fullPath: full });
  };
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    walk(full, statSync(full).isDirectory() ? "" : path.basename(full));
  }
  return out;
}

function parseReader(value: string): Reader | { directionPath: string } {
  if (value === "everyone") return { kind: "everyone", value: "*" };
  const [kind, ...rest] = value.split(":");
  const target = rest.join(":");
  if (kind === "role" && ["agent", "referent", "admin", "auditor"].includes(target))
    return { kind: "role", value: target };
  if (kind === "direction" && target) return { directionPath: target };
  throw new UsageError(
    t("cli.bad_option", {
      reason: `lecteur invalide « ${value} » (everyone, role:R, direction:CHEMIN)`,
    }),
  );
}

/** A value of --personal-data (or --as), checked against the allowed ones, with the French explanation. */
function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  option: string,
  reason: "knowledge.personal_data.invalid" | "knowledge.personal_data.invalid_release",
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(t("cli.bad_option", { reason: `--${option} « ${value} » : ${t(reason)}` }));
}

/** A document of a base by file name (as ingested) or id. */
async function findDocument(knowledge: KnowledgeService, baseId: string, wanted: string) {
  const documents = await knowledge.documents("cli", baseId);
  const document = documents.find((d) => d.fileName === wanted || d.id === wanted);
  if (!document) throw appError("document_not_found");
  return document;
}

/** beffroi kb create|list|update|delete|audit|quarantine|release|discard */
export async function kbCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      direction: { type: "string" },
      description: { type: "string" },
      reader: { type: "string", multiple: true },
      "personal-data": { type: "string" },
      document: { type: "string" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const name = positionals.join(" ").trim();
  const personalData = choice<PersonalDataSetting>(
    values["personal-data"],
    PERSONAL_DATA_SETTINGS,
    "personal-data",
    "knowledge.personal_data.invalid",
  );
  switch (action) {
    case "create": {
      if (!name) throw new UsageError(t("cli.missing_option", { option: "nom" }));
      if (!values.direction) throw new UsageError(t("cli.missing_option", { option: "direction" }));
      const parsed = (values.reader ?? []).map(parseReader);
      return withServices(config, io, async ({ knowledge, directions }) => {
        const owner = await directions.resolve(values.direction as string);
        const readers: Reader[] = [];
        for (const reader of parsed) {
          readers.push(
            "directionPath" in reader
              ? { kind: "direction", value: (await directions.resolve(reader.directionPath)).id }
              : reader,
          );
        }
        const base = await knowledge.create("cli", {
          name,
          description: values.description ?? "",
          ownerDirectionId: owner.id,
          readers,
          ...(personalData && { personalData }),
        });
        say(io, "cli.kb_created", { name: base.name, direction: base.ownerDirection.path });
        return 0;
      });
    }
    case "update":
      return withServices(config, io, async ({ knowledge, worker }) => {
        const base = await knowledge.findByName("cli", name);
        const updated = await knowledge.update("cli", base.id, {
          ...(values.description !== undefined && { description: values.description }),
          ...(personalData && { personalData }),
        });
        say(io, "cli.kb_updated", {
          name: updated.name,
          personalData: t(`knowledge.personal_data.setting.${updated.personalData}`),
        });
        if (updated.personalData !== base.personalData) {
          const documents = await knowledge.documents("cli", base.id);
          await worker.drain();
          say(io, "cli.kb_requeued", {
            count: documents.filter((d) => d.status === "queued").length,
          });
        }
        return 0;
      });
    case "quarantine":
      return withServices(config, io, async ({ knowledge }) => {
        const base = await knowledge.findByName("cli", name);
        const documents = await knowledge.quarantined("cli", base.id);
        if (values.json) io.stdout.write(`${JSON.stringify(documents, null, 2)}\n`);
        else if (documents.length === 0) say(io, "cli.none");
        else {
          for (const document of documents) {
            say(io, "cli.kb_quarantined", {
              file: document.fileName,
              dataClass: t(
                `route.data_class.${document.personalData?.dataClass ?? "personal"}` as "route.data_class.personal",
              ),
              entities: describeCounts(document.personalData?.types ?? {}),
              passages: document.passages.length,
              date: document.createdAt.slice(0, 10),
            });
            for (const passage of document.passages) io.stdout.write(`    ${passage.excerpt}\n`);
          }
        }
        return 0;
      });
    case "release": {
      if (!values.document) throw new UsageError(t("cli.missing_option", { option: "document" }));
      if (!values.as) throw new UsageError(t("cli.missing_option", { option: "as" }));
      const as = choice<ReleaseAction>(
        values.as,
        RELEASE_ACTIONS,
        "as",
        "knowledge.personal_data.invalid_release",
      ) as ReleaseAction;
      return withServices(config, io, async ({ knowledge, worker }) => {
        const base = await knowledge.findByName("cli", name);
        const document = await findDocument(knowledge, base.id, values.document as string);
        await knowledge.release("cli", base.id, document.id, as);
        say(io, "cli.kb_released", {
          file: document.fileName,
          action: t(`knowledge.personal_data.released.${as}`),
        });
        await worker.drain();
        return 0;
      });
    }
    case "discard": {
      if (!values.document) throw new UsageError(t("cli.missing_option", { option: "document" }));
      return withServices(config, io, async ({ knowledge }) => {
        const base = await knowledge.findByName("cli", name);
        const document = await findDocument(knowledge, base.id, values.document as string);
        await knowledge.removeDocument("cli", base.id, document.id);
        say(io, "cli.kb_discarded", { file: document.fileName });
        return 0;
      });
    }
    case "list":
      return withServices(config, io, async ({ knowledge }) => {
        const bases = await knowledge.list("cli");
        if (values.json) io.stdout.write(`${JSON.stringify(bases, null, 2)}\n`);
        else if (bases.length === 0) say(io, "cli.none");
        else {
          for (const base of bases) {
            io.stdout.write(
              `${base.name}\t${base.ownerDirection.path}\t${base.documentCount} documents\t${base.passageCount} passages\t${base.readers.map((r) => r.label).join(", ") || "-"}\n`,
            );
          }
        }
        return 0;
      });
    case "delete":
      return withServices(config, io, async ({ knowledge }) => {
        const base = await knowledge.findByName("cli", name);
        await knowledge.remove("cli", base.id);
        say(io, "cli.kb_deleted", { name: base.name });
        return 0;
      });
    case "audit":
      return withServices(config, io, async ({ knowledge }) => {
        const base = await knowledge.findByName("cli", name);
        const report = await knowledge.audit("cli", base.id);
        if (values.json) {
          io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return 0;
        }
        const { documents } = report;
        say(io, "cli.audit_summary", {
          name: base.name,
          ...documents,
          findings: report.findings.length,
        });
        for (const finding of report.findings) {
          io.stdout.write(
            `[${t(`cli.audit_severity.${finding.severity}` as "cli.audit_severity.info")}] ${finding.message}\n`,
          );
          for (const passage of finding.passages.filter((p) => p.excerpt))
            io.stdout.write(`    ${passage.excerpt}\n`);
        }
        if (!report.personalDataChecked) say(io, "knowledge.audit.personal_data_unchecked");
        return 0;
      });
    default:
      throw new UsageError(t("cli.unknown_command", { command: `kb ${action ?? ""}`.trim() }));
  }
}

/** beffroi ingest PATH… --kb NAME: queues the files, then runs the jobs in this process until they are done. */
export async function ingestCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { kb: { type: "string" }, json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  const kb = needKb(values.kb);
  if (positionals.length === 0) throw new UsageError(t("cli.missing_option", { option: "chemin" }));
  const files = collectFiles(positionals, io.cwd);
  return withServices(config, io, async ({ knowledge, worker }) => {
    const base = await knowledge.findByName("cli", kb);
    const results = [];
    // A batch at a time keeps memory flat on large folders.
    for (let start = 0; start < files.length; start += 20) {
      const batch = files.slice(start, start + 20).map((file) => ({
        fileName: file.fileName,
        bytes: new Uint8Array(readFileSync(file.fullPath)),
      }));
      results.push(...(await knowledge.submit("cli", base.id, batch)));
      await worker.drain();
    }
    const documents = new Map(
      (await knowledge.documents("cli", base.id)).map((document) => [document.id, document]),
    );
    let failed = 0;
    let quarantined = 0;
    for (const result of results) {
      const document = documents.get(result.documentId);
      const failure = result.failure ?? document?.failure ?? null;
      const held = !failure && result.status === "queued" && document?.status === "quarantined";
      const status = failure ? "failed" : held ? "quarantined" : result.status;
      if (failure) failed += 1;
      if (held) quarantined += 1;
      if (!values.json) {
        say(io, "cli.ingest_file", {
          status: t(`cli.ingest_status.${status}` as "cli.ingest_status.queued"),
          file: result.fileName,
          reason: failure
            ? ` : ${failure.message}`
            : held
              ? t("cli.ingest_quarantined", {
                  entities: describeCounts(document?.personalData?.types ?? {}),
                  kb: base.name,
                })
              : "",
        });
      }
    }
    const summary = {
      queued:
        results.filter((r) => r.status === "queued").length -
        results.filter((r) => r.status === "queued" && documents.get(r.documentId)?.failure)
          .length -
        quarantined,
      unchanged: results.filter((r) => r.status === "unchanged").length,
      failed,
      quarantined,
      passages: (await knowledge.get("cli", base.id)).passageCount,
    };
    if (values.json) io.stdout.write(`${JSON.stringify({ results, summary }, null, 2)}\n`);
    else say(io, "cli.ingest_summary", summary);
    return failed > 0 ? 1 : 0;
  });
}

/**
 * beffroi search "question" --kb NAME, or with --jsonl `{"id","query"}` lines
 * on standard input and, for each, the ranked documents on standard output.
 */
export async function searchCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      kb: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean" },
      jsonl: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const kb = needKb(values.kb);
  const question = positionals.join(" ").trim();
  if (!question && !values.jsonl) {
    throw new UsageError(t("cli.missing_option", { option: "question" }));
  }
  const limit = Math.min(50, Math.max(1, Number(values.limit ?? 10) || 10));
  return withServices(config, io, async ({ knowledge, retrieval }) => {
    const base = await knowledge.findByName("cli", kb);
    if (values.jsonl) {
      return answerLines(io, async ({ query }) => {
        // Passages, then their documents: each document once, at its best passage's rank.
        const result = await retrieval.search(CLI_PRINCIPAL, query, {
          knowledgeBaseIds: [base.id],
          limit: limit * 4,
        });
        const documents = new Map<string, { fileName: string; title: string; score: number }>();
        for (const hit of result.hits) {
          if (documents.size >= limit) break;
          if (!documents.has(hit.documentId)) {
            documents.set(hit.documentId, {
              fileName: hit.fileName,
              title: hit.title,
              score: hit.score,
            });
          }
        }
        return {
          documents: [...documents].map(([documentId, document]) => ({ documentId, ...document })),
          confidence: result.confidence,
        };
      });
    }
    const result = await retrieval.search(CLI_PRINCIPAL, question, {
      knowledgeBaseIds: [base.id],
      limit,
    });
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify(
          { hits: result.hits, confidence: result.confidence, rankings: result.rankings },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    if (result.hits.length === 0) say(io, "cli.no_results");
    result.hits.forEach((hit, index) => {
      const where = [hit.section, hit.page ? `p. ${hit.page}` : ""].filter(Boolean).join(", ");
      io.stdout.write(
        `${index + 1}. ${hit.fileName}${where ? ` (${where})` : ""} — score ${hit.score.toFixed(2)}\n   ${hit.text.replace(/\s+/g, " ").slice(0, 200)}\n`,
      );
    });
    return 0;
  });
}

/**
 * beffroi ask "question" [--kb NAME]…: the answer as an agent gets it, through
 * the pipeline; with --jsonl, one answer line for each `{"id","query"}` line
 * of standard input.
 */
export async function askCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      kb: { type: "string", multiple: true },
      json: { type: "boolean" },
      jsonl: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const question = positionals.join(" ").trim();
  if (!question && !values.jsonl) {
    throw new UsageError(t("cli.missing_option", { option: "question" }));
  }
  return withServices(config, io, async ({ knowledge, chat }) => {
    const knowledgeBaseIds: string[] = [];
    for (const name of values.kb ?? [])
      knowledgeBaseIds.push((await knowledge.findByName("cli", name)).id);
    if (values.jsonl) {
      return answerLines(io, async ({ query }) => {
        const turn = await chat.run({
          principal: CLI_PRINCIPAL,
          messages: [{ role: "user", content: query }],
          knowledgeBaseIds: knowledgeBaseIds.length > 0 ? knowledgeBaseIds : undefined,
        });
        if (turn.status !== "completed" || !turn.output) {
          return { error: { code: turn.status, message: t("cli.jsonl.failed") } };
        }
        return {
          answer: turn.output.text,
          abstained: turn.output.abstained,
          citations: [...new Set(turn.output.citations.map((citation) => citation.fileName))],
          confidence: turn.grounding?.confidence ?? 0,
        };
      });
    }
    const turn = await chat.run({
      principal: CLI_PRINCIPAL,
      messages: [{ role: "user", content: question }],
      knowledgeBaseIds: knowledgeBaseIds.length > 0 ? knowledgeBaseIds : undefined,
      // The answer is printed as it is written.
      ...(!values.json && { sink: (text: string) => io.stdout.write(text) }),
    });
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({ ...turn.output, confidence: turn.grounding?.confidence ?? 0 }, null, 2)}\n`,
      );
    } else {
      const citations = turn.output?.citations ?? [];
      const sources = citations.map(
        (citation) => `[${citation.number}] ${citationPlace(citation)}`,
      );
      io.stdout.write(
        sources.length > 0 ? `\n\n${t("knowledge.answer.sources")}\n${sources.join("\n")}\n` : "\n",
      );
    }
    return turn.status === "completed" ? 0 : 1;
  });
}
