import { createReadStream } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { sql } from "kysely";
import { t } from "../i18n/index.js";
import { appError } from "../shared/errors.js";
import { decodeWindows1252 } from "../shared/text-encoding.js";
import type { Database } from "../store/index.js";
import type { Recognizer } from "./entity.js";
import { foldSameLength } from "./fold.js";
import { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";
import { createPersonRecognizer, isUsableName, type PersonNames } from "./recognizers/person.js";

/** `first`: first names (INSEE's "Fichier des prénoms"); `last`: surnames ("noms de famille"). */
export type NameKind = "first" | "last";
export const NAME_KINDS: readonly NameKind[] = ["first", "last"];

/** Imported names per kind. */
export type NameCounts = Record<NameKind, number>;

/** Rows per INSERT: three parameters each, far under SQLite's and PostgreSQL's limits. */
const BATCH = 500;
const MAX_BEARERS = 2_147_483_647;

/**
 * The names imported from INSEE's open files (`guard_names`): folded
 * (lowercase, accents folded) with how many people bear them. One import
 * per kind; a new import of a kind replaces the previous one.
 */
export class GuardNamesRepository {
  constructor(private readonly db: Database) {}

  /** Replaces every name of a kind by these, in one transaction (nothing changes if it fails). */
  async replace(kind: NameKind, names: ReadonlyMap<string, number>): Promise<void> {
    // The column is a 32-bit integer: no name has that many bearers, a broken file might.
    const rows = [...names].map(([name, bearers]) => ({
      name,
      kind,
      bearers: Math.min(bearers, MAX_BEARERS),
    }));
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("guard_names").where("kind", "=", kind).execute();
      for (let start = 0; start < rows.length; start += BATCH) {
        await trx
          .insertInto("guard_names")
          .values(rows.slice(start, start + BATCH))
          .execute();
      }
    });
  }

  /** Deletes the names of one kind, or of both; how many were deleted. */
  async clear(kind?: NameKind): Promise<number> {
    let query = this.db.deleteFrom("guard_names");
    if (kind) query = query.where("kind", "=", kind);
    const [result] = await query.execute();
    return Number(result?.numDeletedRows ?? 0);
  }

  /** How many names of each kind are imported. */
  async counts(): Promise<NameCounts> {
    const rows = await this.db
      .selectFrom("guard_names")
      .select(["kind", sql<number | string>`count(*)`.as("count")])
      .groupBy("kind")
      .execute();
    const counts: NameCounts = { first: 0, last: 0 };
    for (const row of rows) {
      if (row.kind === "first" || row.kind === "last") counts[row.kind] = Number(row.count);
    }
    return counts;
  }

  /**
   * A cheap fingerprint of the table (names and bearers per kind): it
   * changes with every import or deletion, so that a running server reloads
   * the names only then.
   */
  async signature(): Promise<string> {
    const rows = await this.db
      .selectFrom("guard_names")
      .select([
        "kind",
        sql<number | string>`count(*)`.as("count"),
        sql<number | string | null>`sum(bearers)`.as("bearers"),
        sql<string | null>`max(name)`.as("last"),
      ])
      .groupBy("kind")
      .orderBy("kind")
      .execute();
    return rows.map((row) => `${row.kind}:${row.count}:${row.bearers ?? 0}:${row.last}`).join("|");
  }

  /** Every imported name, by kind, for the PERSON recognizer. */
  async load(): Promise<Required<PersonNames>> {
    const rows = await this.db.selectFrom("guard_names").select(["name", "kind"]).execute();
    const firstNames = new Set<string>();
    const surnames = new Set<string>();
    for (const row of rows) (row.kind === "first" ? firstNames : surnames).add(row.name);
    return { firstNames, surnames };
  }
}

/**
 * The recognizers with the PERSON one widened by imported names; the same
 * recognizers when nothing is imported.
 */
export function withNames(
  recognizers: readonly Recognizer[],
  names: PersonNames,
): readonly Recognizer[] {
  if (!names.firstNames?.size && !names.surnames?.size) return recognizers;
  const person = createPersonRecognizer(names);
  return recognizers.map((recognizer) => (recognizer.name === "person" ? person : recognizer));
}

/** The default recognizers with the names imported into this database (the built-in ones alone when none is). */
export async function loadRecognizers(
  db: Database,
  recognizers: readonly Recognizer[] = DEFAULT_RECOGNIZERS,
): Promise<readonly Recognizer[]> {
  return withNames(recognizers, await new GuardNamesRepository(db).load());
}

// ---------------------------------------------------------------------------
// Reading INSEE's files

/** What a file turned out to be. */
export type NameFileFormat = "insee-first-names" | "insee-surnames" | "list";

export interface NameFile {
  format: NameFileFormat;
  kind: NameKind;
  /** Bearers per folded name, summed over the file's rows (years, sexes, départements, decades). */
  bearers: Map<string, number>;
  /** Names given without a count (a plain list): kept whatever the threshold. */
  uncounted: Set<string>;
  /** Rows that name no one: `_PRENOMS_RARES`, names made of other characters than letters. */
  special: number;
}

/** Column names (folded) that hold the name, and the count, in INSEE's files and lists like them. */
const FIRST_NAME_COLUMNS = new Set(["preusuel", "prenom", "prenoms"]);
const SURNAME_COLUMNS = new Set(["nom", "noms", "patronyme", "nom_de_famille"]);
const COUNT_COLUMNS = new Set(["nombre", "valeur", "effectif", "count", "bearers", "porteurs"]);
const NAME_COLUMNS = new Set([...FIRST_NAME_COLUMNS, ...SURNAME_COLUMNS, "name", "names"]);
/** INSEE's surname file counts bearers per decade of birth: `_1891_1900`, `_1901_1910`… */
const DECADE_COLUMN = /^_?\d{4}_\d{4}$/;

/** A name: letters, with hyphens, apostrophes or spaces between them ("JEAN-PIERRE", "D'ALMEIDA", "LE GOFF"). */
const NAME_SHAPE = /^\p{L}+(?:[-'’ ]+\p{L}+)*$/u;
const INTEGER = /^\d+$/;
const isCount = (field: string) => INTEGER.test(unquote(field));

const unquote = (field: string) =>
  field
    .trim()
    .replace(/^"(.*)"$/s, "$1")
    .trim();
const column = (field: string) => foldSameLength(unquote(field).replace(/^\ufeff/, ""));

/** The separator of a header or a line: ";" first, then a tab, then ",", outside quotes. */
function separatorOf(line: string): string | undefined {
  const bare = line.includes('"') ? line.replace(/"(?:[^"]|"")*"/g, "") : line;
  return [";", "\t", ","].find((separator) => bare.includes(separator));
}

/**
 * A line's fields, read as CSV: a line without a double quote is split on
 * its separator (no field can hold one); a line with quotes ("Dupont;
 * ""Jean-Pierre""", "\"LE GOFF, Anne\";12") is read by csv-parse. A quote
 * left open refuses the line.
 */
function fieldsOf(line: string, separator: string, number: number): string[] {
  if (!line.includes('"')) return line.split(separator);
  try {
    const [record] = parseCsv(line, {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
    }) as string[][];
    return record ?? [""];
  } catch {
    throw unreadable("quote", { line: number });
  }
}

/**
 * The file's lines, read as a stream (a national file is tens of megabytes,
 * a départemental one hundreds): UTF-8 with or without a byte order mark,
 * or Windows-1252 for a line that is not UTF-8 (older INSEE files).
 */
async function* linesOf(path: string): AsyncGenerator<string> {
  for await (const lines of lineBatches(path)) yield* lines;
}

/** The lines of each chunk read, together (one await per chunk, not per line). */
async function* lineBatches(path: string): AsyncGenerator<string[]> {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const decode = (bytes: Buffer) => {
    try {
      return utf8.decode(bytes);
    } catch {
      return decodeWindows1252(bytes);
    }
  };
  let first = true;
  const line = (bytes: Buffer) => {
    let text = decode(bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes);
    if (first && text.startsWith("\ufeff")) text = text.slice(1);
    first = false;
    return text;
  };
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(path)) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const lines: string[] = [];
    let start = 0;
    for (let end = buffer.indexOf(0x0a); end >= 0; end = buffer.indexOf(0x0a, start)) {
      lines.push(line(buffer.subarray(start, end)));
      start = end + 1;
    }
    rest = Buffer.from(buffer.subarray(start));
    yield lines;
  }
  if (rest.length > 0) yield [line(rest)];
}

/** A file no import can read: nothing is written. */
const unreadable = (
  code: "columns" | "count" | "empty" | "format" | "kind_mismatch" | "none_kept" | "quote",
  params?: Record<string, string | number>,
) => appError(`guard_names_${code}`, params);

/** The count in a field: a whole number, or the line is refused. */
function countOf(field: string | undefined, line: number): number {
  const value = unquote(field ?? "");
  if (value === "") return 0;
  if (!isCount(value)) throw unreadable("count", { line });
  return Number(value);
}

/**
 * Reads a names file, whatever its size, and sums its bearers per folded
 * name. Recognised from the header: INSEE's "Fichier des prénoms" (`sexe;
 * preusuel;annais;nombre`, national or by département), INSEE's surnames
 * (`NOM` then one column per decade, tab-separated), or any file with a
 * name column and a count column; otherwise a plain list, one name per line
 * (`name` or `name;count`), whose `kind` must be given. A malformed line
 * refuses the whole file (stable codes `guard_names_*`).
 */
export async function readNameFile(path: string, kind?: NameKind): Promise<NameFile> {
  const bearers = new Map<string, number>();
  const uncounted = new Set<string>();
  let special = 0;
  let format: NameFileFormat | undefined;
  let fileKind: NameKind | undefined;
  let separator: string | undefined;
  let nameColumn = 0;
  let countColumns: number[] = [];
  let width = 0;
  let number = 0;
  let listHeader = true;

  // INSEE's files give a name's rows one after the other: its key is computed once.
  let lastRaw: string | undefined;
  let lastKey: string | undefined;
  const add = (raw: string, count: number | undefined) => {
    if (raw !== lastRaw) {
      const name = unquote(raw).normalize("NFC").replace(/\s+/g, " ");
      lastRaw = raw;
      lastKey = name.startsWith("_") || !NAME_SHAPE.test(name) ? undefined : foldSameLength(name);
    }
    const key = lastKey;
    if (key === undefined) {
      special += 1;
      return;
    }
    if (count === undefined) {
      uncounted.add(key);
      bearers.set(key, bearers.get(key) ?? 0);
    } else bearers.set(key, (bearers.get(key) ?? 0) + count);
  };

  for await (const line of linesOf(path)) {
    number += 1;
    if (line.trim() === "") continue;
    if (format === undefined) {
      separator = separatorOf(line);
      const header = separator ? fieldsOf(line, separator, number).map(column) : [column(line)];
      const name = header.findIndex(
        (field) => FIRST_NAME_COLUMNS.has(field) || SURNAME_COLUMNS.has(field),
      );
      const counts = header.flatMap((field, index) =>
        COUNT_COLUMNS.has(field) || DECADE_COLUMN.test(field) ? [index] : [],
      );
      if (name >= 0 && counts.length > 0) {
        const surnames = SURNAME_COLUMNS.has(header[name] as string);
        format = surnames ? "insee-surnames" : "insee-first-names";
        fileKind = surnames ? "last" : "first";
        if (kind && kind !== fileKind) {
          throw unreadable("kind_mismatch", { kind, file: t(`guard.names.file.${fileKind}`) });
        }
        nameColumn = name;
        countColumns = counts;
        width = header.length;
        continue;
      }
      if (!kind) throw unreadable("format");
      format = "list";
      fileKind = kind;
    }
    if (format === "list") {
      // A list's lines are "name" or "name;count" (a tab or a comma works too).
      const lineSeparator = separatorOf(line);
      const fields = lineSeparator ? fieldsOf(line, lineSeparator, number) : [line];
      if (fields.length > 2) throw unreadable("columns", { line: number, expected: 2 });
      const [name = "", count] = fields;
      const header = listHeader;
      listHeader = false;
      // A list's first line may be its header ("prenom", "nom;nombre"): it names no one.
      if (header && (NAME_COLUMNS.has(column(name)) || (count !== undefined && !isCount(count))))
        continue;
      if (count !== undefined && !isCount(count)) throw unreadable("count", { line: number });
      add(name, count === undefined ? undefined : Number(unquote(count)));
      continue;
    }
    const fields = fieldsOf(line, separator as string, number);
    // One more, empty, field is a separator at the end of the line.
    if (fields.length < width || fields.length > width + 1 || (fields[width] ?? "").trim() !== "")
      throw unreadable("columns", { line: number, expected: width });
    let total = 0;
    for (const index of countColumns) total += countOf(fields[index], number);
    add(fields[nameColumn] ?? "", total);
  }
  if (!format || !fileKind) throw unreadable("empty");
  return { format, kind: fileKind, bearers, uncounted, special };
}

/** Bearers a name needs to be kept, by default: rarer names are more often something else. */
export const DEFAULT_MIN_BEARERS: Readonly<Record<NameKind, number>> = { first: 500, last: 1000 };

export interface NameSelection {
  names: Map<string, number>;
  /** Names under the threshold. */
  rare: number;
  /** Names that are words of the language, or too short ("petit", "blanc", "avril", "al"). */
  words: number;
}

/**
 * The names worth keeping: at least `minBearers` bearers (a name given
 * without a count is kept), not a word of the language nor one of
 * `excluded` (folded).
 */
export function selectNames(
  file: NameFile,
  minBearers: number,
  excluded: ReadonlySet<string> = new Set(),
): NameSelection {
  const names = new Map<string, number>();
  let rare = 0;
  let words = 0;
  for (const [name, bearers] of file.bearers) {
    if (!file.uncounted.has(name) && bearers < minBearers) rare += 1;
    else if (!isUsableName(name) || excluded.has(name)) words += 1;
    else names.set(name, bearers);
  }
  return { names, rare, words };
}

/** A word list (one per line, any case and accents), folded: words an import leaves out. */
export async function readWordList(path: string): Promise<Set<string>> {
  const words = new Set<string>();
  for await (const line of linesOf(path)) {
    const word = line.trim().normalize("NFC");
    if (word) words.add(foldSameLength(word));
  }
  return words;
}

export interface NameImport extends NameSelection {
  format: NameFileFormat;
  kind: NameKind;
  special: number;
}

/**
 * Imports a names file into the database: read whole first (a malformed
 * line stops it before anything is written), then the kind's previous
 * import replaced in one transaction. Refuses a file that keeps no name.
 */
export async function importNames(
  repository: GuardNamesRepository,
  path: string,
  options: { kind?: NameKind; minBearers?: number; excluded?: ReadonlySet<string> } = {},
): Promise<NameImport> {
  const file = await readNameFile(path, options.kind);
  const minBearers = options.minBearers ?? DEFAULT_MIN_BEARERS[file.kind];
  const selection = selectNames(file, minBearers, options.excluded);
  if (selection.names.size === 0) throw unreadable("none_kept", { min: minBearers });
  await repository.replace(file.kind, selection.names);
  return { ...selection, format: file.format, kind: file.kind, special: file.special };
}
