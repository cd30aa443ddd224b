import { z } from "zod";
import { type DataClass, type FoundSpan, typeLabel } from "../guard/index.js";
import { t } from "../i18n/index.js";

/**
 * Personal data in knowledge bases: the ports through which the guard's
 * scanning and pseudonymising plug in (the classes and type names come from
 * the guard's shared vocabulary, `guard/index.ts`), the per-base setting,
 * and the one function that decides what ingestion does with a document.
 * Only types, counts and positions are ever kept; values never.
 */

/** What a base does with a document in which personal data is found. */
export const PERSONAL_DATA_SETTINGS = ["index", "pseudonymise", "quarantine"] as const;
export type PersonalDataSetting = (typeof PERSONAL_DATA_SETTINGS)[number];

/** How a referent releases a quarantined document. */
export const RELEASE_ACTIONS = ["index", "pseudonymise"] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

/** A new base quarantines: nothing holding personal data is searchable before someone decides. */
export const DEFAULT_PERSONAL_DATA_SETTING: PersonalDataSetting = "quarantine";

export const PersonalDataSettingSchema = z
  .enum(PERSONAL_DATA_SETTINGS, { error: () => t("knowledge.personal_data.invalid") })
  .describe(
    "Ce que fait l'ingestion d'un document qui contient des données personnelles : index (indexé tel quel, base réservée aux modèles locaux), pseudonymise (valeurs remplacées par des pseudonymes), quarantine (document mis de côté jusqu'à l'examen d'un référent)",
  );

export const ReleaseActionSchema = z.enum(RELEASE_ACTIONS, {
  error: () => t("knowledge.personal_data.invalid_release"),
});

/** An entity the scanner found: its type and where (UTF-16 offsets, end exclusive). */
export type FoundEntity = Pick<FoundSpan, "type" | "start" | "end">;

export interface PersonalDataScanResult {
  dataClass: DataClass;
  entities: readonly FoundEntity[];
  /** Organisations' own contact details (a service's phone, a generic mailbox): public, listed apart. */
  organisations?: readonly FoundEntity[];
}

/** Port: the guard's scanner. It throws when it cannot scan; callers fail closed. */
export type PersonalDataScanner = (
  text: string,
) => PersonalDataScanResult | Promise<PersonalDataScanResult>;

/**
 * Port: a pseudonymiser for one document, so that the same value gets the
 * same placeholder in every passage and the numbering starts again with each
 * document. It is given the entities its text was scanned with.
 */
export type PseudonymiserFactory = () => (text: string, entities: readonly FoundEntity[]) => string;

/** The guard as the knowledge domain sees it (wired in src/app.ts). */
export interface PersonalDataGuard {
  scan: PersonalDataScanner;
  pseudonymiser: PseudonymiserFactory;
}

/** Occurrences per entity type (`{ "EMAIL": 2 }`): what is kept of a finding. */
export type TypeCounts = Record<string, number>;

/** What ingestion does with one document. */
export type PersonalDataAction = "index" | "pseudonymise" | "quarantine";

/**
 * The seam the usage charter will take over: what to do with a document,
 * from the base's setting, a referent's release and what the scan found. A
 * document with no personal data is indexed as is whatever the setting; a
 * referent's release applies only where the base quarantines.
 */
export function personalDataAction(input: {
  setting: PersonalDataSetting;
  release: ReleaseAction | null;
  dataClass: DataClass;
}): PersonalDataAction {
  if (input.dataClass === "public") return "index";
  if (input.setting === "quarantine") return input.release ?? "quarantine";
  return input.setting;
}

export const isSetting = (value: unknown): value is PersonalDataSetting =>
  PERSONAL_DATA_SETTINGS.includes(value as PersonalDataSetting);

export const isReleaseAction = (value: unknown): value is ReleaseAction =>
  RELEASE_ACTIONS.includes(value as ReleaseAction);

export function countTypes(entities: readonly FoundEntity[]): TypeCounts {
  const counts: TypeCounts = {};
  for (const entity of entities) counts[entity.type] = (counts[entity.type] ?? 0) + 1;
  return counts;
}

export function addCounts(into: TypeCounts, more: TypeCounts): TypeCounts {
  for (const [type, count] of Object.entries(more)) into[type] = (into[type] ?? 0) + count;
  return into;
}

export const hasCounts = (counts: TypeCounts): boolean => Object.keys(counts).length > 0;

/** Reads a stored JSON object of counts; anything unreadable is no counts. */
export function parseCounts(json: string | null | undefined): TypeCounts {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter(([, count]) => typeof count === "number" && count > 0),
    ) as TypeCounts;
  } catch {
    return {};
  }
}

/** Counts sorted by type, as stored (stable JSON for tests and diffs). */
export const countsJson = (counts: TypeCounts): string | null =>
  hasCounts(counts)
    ? JSON.stringify(
        Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))),
      )
    : null;

/** "numéro de sécurité sociale (1), adresse électronique (2)": types in French with their counts. */
export function describeCounts(counts: TypeCounts): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => `${typeLabel(type)} (${count})`)
    .join(", ");
}

/** The text with each entity replaced by its type in brackets (`[EMAIL]`): what an audit may show. */
export function maskEntities(text: string, entities: readonly FoundEntity[]): string {
  let out = "";
  let at = 0;
  for (const entity of [...entities].sort((a, b) => a.start - b.start)) {
    if (entity.start < at) continue;
    out += `${text.slice(at, entity.start)}[${entity.type}]`;
    at = entity.end;
  }
  return out + text.slice(at);
}

/** A short excerpt of a text, on one line, around `around` when given (else from the start). */
export function excerpt(text: string, around?: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const found = around ? flat.indexOf(around) : -1;
  const at = found > 0 ? Math.max(0, found - 60) : 0;
  return `${at > 0 ? "…" : ""}${flat.slice(at, at + 160)}${flat.length > at + 160 ? "…" : ""}`;
}

/** A masked excerpt around the first entity found. */
export function maskedExcerpt(text: string, entities: readonly FoundEntity[]): string {
  const first = [...entities].sort((a, b) => a.start - b.start)[0];
  return excerpt(maskEntities(text, entities), first ? `[${first.type}]` : undefined);
}

/** A passage of a quarantined document that holds personal data (stored on the document, never a value). */
export interface QuarantinedPassage {
  ordinal: number;
  section: string;
  page: number | null;
  types: TypeCounts;
  /** The passage's text around the first finding, each value replaced by its type (`[NIR]`). */
  excerpt: string;
}

export function parseQuarantinedPassages(json: string | null | undefined): QuarantinedPassage[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as QuarantinedPassage[]) : [];
  } catch {
    return [];
  }
}

/** What a reader is shown for a file name not scanned yet (refused at upload, ingested before names were scanned). */
export const shownFileName = (stored: string | null | undefined): string =>
  stored ?? t("knowledge.document.name_withheld");

/**
 * A file name as the scanner reads it: separators become spaces and the
 * extension blanks, so that `arret-maladie-odile-ferrand.md` reads as words.
 * Same length as the name: what is found in it is found in the name.
 */
export function fileNameWords(fileName: string): string {
  return fileName
    .replace(/\.[\p{L}\p{N}]{1,8}$/u, (extension) => " ".repeat(extension.length))
    .replace(/[-_.+/\\]/g, " ");
}

/** Lower case without accents, code point by code point, so that offsets hold. */
function foldSameLength(text: string): string {
  let out = "";
  for (const character of text) {
    const folded = character.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    out += folded.length === character.length ? folded : character;
  }
  return out;
}

const WORD_PART = /[\p{L}\p{N}]+/gu;

/**
 * Where values found elsewhere in a document occur in `text` (its title, its
 * file name), whatever their case, accents or separators: the `odile-ferrand`
 * of a file name is the `Odile Ferrand` of its text. The values are used
 * here and dropped; only types and offsets come out.
 */
export function recurringValues(
  text: string,
  values: readonly { type: string; value: string }[],
): FoundEntity[] {
  const folded = foldSameLength(text);
  const seen = new Set<string>();
  const found: FoundEntity[] = [];
  for (const { type, value } of values) {
    const words = foldSameLength(value).match(WORD_PART) ?? [];
    const key = `${type}\u0000${words.join(" ")}`;
    // Too short to tell a value from a syllable; or already looked for.
    if (words.join("").length < 3 || seen.has(key)) continue;
    seen.add(key);
    if (!folded.includes(words[0] as string)) continue;
    const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${escaped.join("[^\\p{L}\\p{N}]*")}(?![\\p{L}\\p{N}])`,
      "gu",
    );
    for (const match of folded.matchAll(pattern))
      found.push({ type, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** Entities of two readings of one text, in text order, an overlap kept for the first found and longest. */
export function mergeEntities(
  first: readonly FoundEntity[],
  second: readonly FoundEntity[],
): FoundEntity[] {
  const merged: FoundEntity[] = [];
  const sorted = [...first, ...second].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const entity of sorted) {
    const last = merged.at(-1);
    if (last && entity.start < last.end) continue;
    merged.push({ type: entity.type, start: entity.start, end: entity.end });
  }
  return merged;
}

/**
 * Reads a document's title and file name again once its text is scanned:
 * the scanner on the file name (as words), and, in both, the values found
 * anywhere in the document. `scanned` holds the document's scans so far
 * (text → result). Returns the two readings and the occurrences the first
 * reading of the title had missed, plus the file name's, to add to the
 * document's counts.
 */
export async function readNames(
  scan: (text: string) => Promise<PersonalDataScanResult>,
  parts: { title: string; fileName: string },
  scanned: ReadonlyMap<string, PersonalDataScanResult>,
): Promise<{
  title: PersonalDataScanResult;
  fileName: PersonalDataScanResult;
  counts: TypeCounts;
}> {
  const values = [...scanned].flatMap(([text, result]) =>
    result.entities.map((entity) => ({
      type: entity.type,
      value: text.slice(entity.start, entity.end),
    })),
  );
  const titleBefore = scanned.get(parts.title) ?? (await scan(parts.title));
  const title = {
    ...titleBefore,
    entities: mergeEntities(titleBefore.entities, recurringValues(parts.title, values)),
  };
  const ownReading = await scan(fileNameWords(parts.fileName));
  const fileName = {
    dataClass: ownReading.dataClass,
    entities: mergeEntities(ownReading.entities, recurringValues(parts.fileName, values)),
  };
  const counts = countTypes(fileName.entities);
  const before = countTypes(titleBefore.entities);
  for (const [type, count] of Object.entries(countTypes(title.entities))) {
    const added = count - (before[type] ?? 0);
    if (added > 0) counts[type] = (counts[type] ?? 0) + added;
  }
  return { title, fileName, counts };
}
