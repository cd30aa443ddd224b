import { ENTITY_TYPES, type Entity, type EntityType } from "./entity.js";
import { foldSameLength } from "./fold.js";

/**
 * The placeholder's word for each type, in French as the agent reads it in
 * the model's answer before restoration. Article-9 terms have none: without
 * the person they are about, an illness or a religion names no one, and the
 * model needs the word to do its work.
 */
export const PLACEHOLDER_LABELS: Readonly<Partial<Record<EntityType, string>>> = {
  PERSON: "PERSONNE",
  EMAIL: "EMAIL",
  PHONE: "TELEPHONE",
  NIR: "NIR",
  NIR_INVALID: "NIR",
  IBAN: "IBAN",
  CARD: "CARTE",
  IP: "IP",
  ADDRESS: "ADRESSE",
  BIRTHDATE: "DATE_NAISSANCE",
  FISCAL_ID: "NUMERO_FISCAL",
  ID_DOC: "PIECE_IDENTITE",
  PLATE: "IMMATRICULATION",
};

const LABELS = [...new Set(Object.values(PLACEHOLDER_LABELS))].sort((a, b) => b.length - a.length);

/** The type a label stands for (NIR for both valid and invalid NIRs). */
const TYPE_OF_LABEL = new Map<string, EntityType>(
  (Object.entries(PLACEHOLDER_LABELS) as [EntityType, string][])
    .reverse()
    .map(([type, label]) => [label, type]),
);

/** Keys of entries standing for placeholders written elsewhere (never a value's key). */
const SOURCE_KEY = "\u0000source:";
export const DOCUMENT_SOURCE = "document:";

/** A placeholder as written in a text, brackets included: what `adoptPlaceholders` rewrites. */
const WRITTEN_PLACEHOLDER = new RegExp(`\\[(?:${LABELS.join("|")})_\\d{1,4}\\]`, "g");

/**
 * Rewrites the placeholders already written in a text so that none can be
 * read as one of the table's values. In a document's passage, each stands
 * for that document's own person (`source` = `document:<id>`) and gets a
 * placeholder of its own, which the answer shows as is. In a message (no
 * source), one the table gave a document earlier in the conversation stays;
 * any other (a quoted passage, one the agent typed) gets its own and is put
 * back as written in the answer.
 */
export function adoptPlaceholders(text: string, table: PseudonymTable, source?: string): string {
  return text.replace(WRITTEN_PLACEHOLDER, (written) => {
    if (source !== undefined) return table.aliasFor(written, source, "alias");
    if (table.holdsDocumentAlias(written)) return written;
    return table.aliasFor(written, "message", "written");
  });
}

/** A placeholder as written (`[PERSONNE_1]`), or as a model may echo it without its brackets. */
const PLACEHOLDER = new RegExp(`\\[?\\b(?:${LABELS.join("|")})_\\d{1,4}\\b\\]?`, "g");

/** The same value written differently is the same value: "06 12…" and "0612…", "Dupont" and "DUPONT". */
export function normaliseValue(type: EntityType, value: string): string {
  switch (type) {
    case "PHONE": {
      const digits = value.replace(/\D/g, "");
      return digits.replace(/^(?:0033|33)0?/, "0");
    }
    case "NIR":
    case "NIR_INVALID":
    case "IBAN":
    case "CARD":
    case "FISCAL_ID":
    case "ID_DOC":
    case "PLATE":
    case "IP":
      return value.replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();
    default:
      return foldSameLength(value)
        .replace(/[\s\u2019'’-]+/g, " ")
        .trim();
  }
}

export interface PseudonymEntry {
  placeholder: string;
  type: EntityType;
  value: string;
  /**
   * Set for a placeholder that stands for another placeholder, not a value:
   * one already written in a pseudonymised document (`document:<id>|[PERSONNE_1]`)
   * or in a message (`message|[PERSONNE_1]`). `value` is then what the agent
   * reads in its place.
   */
  source?: string;
}

interface Held extends PseudonymEntry {
  key: string;
  saved: boolean;
}

/**
 * Which placeholder stands for which value, for one conversation (or one
 * request of the API): the same value always gets the same placeholder,
 * numbered per type in order of first appearance. A surname seen alone
 * ("Dupont") after the full name ("Martine Dupont") takes the full name's
 * placeholder.
 */
export class PseudonymTable {
  private readonly byKey = new Map<string, Held>();
  private readonly byPlaceholder = new Map<string, Held>();
  private readonly counters = new Map<string, number>();

  /** Entries already kept in the vault. */
  constructor(saved: readonly PseudonymEntry[] = []) {
    for (const entry of saved) this.hold(entry, true);
  }

  get size(): number {
    return this.byPlaceholder.size;
  }

  placeholderFor(type: EntityType, value: string): string | undefined {
    const label = PLACEHOLDER_LABELS[type];
    if (!label) return undefined;
    const key = `${label}:${normaliseValue(type, value)}`;
    const known = this.byKey.get(key) ?? (type === "PERSON" ? this.fullNameOf(key) : undefined);
    if (known) return known.placeholder;
    const number = (this.counters.get(label) ?? 0) + 1;
    const placeholder = `[${label}_${number}]`;
    this.hold({ placeholder, type, value }, false);
    return placeholder;
  }

  valueOf(placeholder: string): string | undefined {
    const bracketed = placeholder.startsWith("[") ? placeholder : `[${placeholder}`;
    return this.byPlaceholder.get(bracketed.endsWith("]") ? bracketed : `${bracketed}]`)?.value;
  }

  /** Entries added since the table was opened: what the vault must keep. */
  unsaved(): PseudonymEntry[] {
    return [...this.byPlaceholder.values()]
      .filter((entry) => !entry.saved)
      .map(({ placeholder, type, value, source }) => ({
        placeholder,
        type,
        value,
        ...(source !== undefined && { source }),
      }));
  }

  markSaved(): void {
    for (const entry of this.byPlaceholder.values()) entry.saved = true;
  }

  /** Whether a value (of any type) is one the table already holds. */
  knows(type: EntityType, value: string): boolean {
    const label = PLACEHOLDER_LABELS[type];
    if (!label) return false;
    const key = `${label}:${normaliseValue(type, value)}`;
    return this.byKey.has(key) || (type === "PERSON" && this.fullNameOf(key) !== undefined);
  }

  /**
   * The placeholder standing, in this table, for `written` (a placeholder
   * found in text from `source`): a new one, numbered past every other, the
   * first time; the same one afterwards. Two documents' `[PERSONNE_1]` are
   * two people: they never share a placeholder, nor take a value's.
   */
  aliasFor(written: string, source: string, shownAs: "alias" | "written"): string {
    const label = /^\[([A-Z_]+?)_\d+\]$/.exec(written)?.[1] ?? "";
    const type = TYPE_OF_LABEL.get(label);
    if (!type) return written;
    const key = `${SOURCE_KEY}${source}|${written}`;
    const known = this.byKey.get(key);
    if (known) return known.placeholder;
    const placeholder = `[${label}_${(this.counters.get(label) ?? 0) + 1}]`;
    this.hold(
      {
        placeholder,
        type,
        value: shownAs === "alias" ? placeholder : written,
        source: `${source}|${written}`,
      },
      false,
    );
    return placeholder;
  }

  /** Whether the table holds this placeholder as standing for a document's. */
  holdsDocumentAlias(placeholder: string): boolean {
    return this.byPlaceholder.get(placeholder)?.source?.startsWith(DOCUMENT_SOURCE) === true;
  }

  private hold(entry: PseudonymEntry, saved: boolean): void {
    const label = PLACEHOLDER_LABELS[entry.type] ?? entry.type;
    const held: Held = {
      ...entry,
      key:
        entry.source !== undefined
          ? `${SOURCE_KEY}${entry.source}`
          : `${label}:${normaliseValue(entry.type, entry.value)}`,
      saved,
    };
    if (!this.byKey.has(held.key)) this.byKey.set(held.key, held);
    this.byPlaceholder.set(entry.placeholder, held);
    const number = Number(/_(\d+)\]$/.exec(entry.placeholder)?.[1] ?? 0);
    this.counters.set(label, Math.max(this.counters.get(label) ?? 0, number));
  }

  /** A full name whose last words are this one ("martine dupont" for "dupont"). */
  private fullNameOf(key: string): Held | undefined {
    const surname = key.slice("PERSONNE:".length);
    if (!surname) return undefined;
    for (const held of this.byKey.values()) {
      if (held.type === "PERSON" && !held.source && held.key.endsWith(` ${surname}`)) return held;
    }
    return undefined;
  }
}

/**
 * The text with each entity that has a placeholder replaced by it. Returns
 * how many values were replaced; article-9 terms stay (see PLACEHOLDER_LABELS).
 */
export function pseudonymise(
  text: string,
  entities: readonly Pick<Entity, "type" | "start" | "end">[],
  table: PseudonymTable,
): { text: string; replaced: number; placeholders: string[] } {
  let out = "";
  let at = 0;
  let replaced = 0;
  const placeholders: string[] = [];
  for (const entity of [...entities].sort((a, b) => a.start - b.start)) {
    if (entity.start < at) continue;
    const placeholder = table.placeholderFor(entity.type, text.slice(entity.start, entity.end));
    if (!placeholder) continue;
    out += text.slice(at, entity.start) + placeholder;
    at = entity.end;
    replaced += 1;
    placeholders.push(placeholder);
  }
  return { text: out + text.slice(at), replaced, placeholders };
}

/** Puts the values back in place of the placeholders the table knows; others stay as written. */
export function restore(text: string, table: PseudonymTable): string {
  if (table.size === 0) return text;
  return text.replace(PLACEHOLDER, (placeholder) => {
    const value = table.valueOf(placeholder.replace(/^\[|\]$/g, ""));
    return value ?? placeholder;
  });
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(ENTITY_TYPES);

/**
 * A document's pseudonymiser, for knowledge bases that pseudonymise: one
 * placeholder table per document (its people are numbered in it), fed the
 * spans its scan found; a span of a type the guard does not know is left.
 */
export function documentPseudonymiser(): (
  text: string,
  spans: readonly { type: string; start: number; end: number }[],
) => string {
  const table = new PseudonymTable();
  return (text, spans) =>
    pseudonymise(
      text,
      spans.filter((span): span is Pick<Entity, "type" | "start" | "end"> =>
        KNOWN_TYPES.has(span.type),
      ),
      table,
    ).text;
}
