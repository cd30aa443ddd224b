import type { Entity, EntityType } from "./entity.js";
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
      .map(({ placeholder, type, value }) => ({ placeholder, type, value }));
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

  private hold(entry: PseudonymEntry, saved: boolean): void {
    const label = PLACEHOLDER_LABELS[entry.type] ?? entry.type;
    const held: Held = {
      ...entry,
      key: `${label}:${normaliseValue(entry.type, entry.value)}`,
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
      if (held.type === "PERSON" && held.key.endsWith(` ${surname}`)) return held;
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
  entities: readonly Entity[],
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

/** The longest a placeholder can be, brackets included: what a stream holds back at most. */
const LONGEST = Math.max(...LABELS.map((label) => label.length)) + 7;

/**
 * Restores a streamed answer chunk by chunk: a placeholder cut across two
 * chunks (`[PERS` then `ONNE_1]`) is held back until it is whole, and never
 * more than a placeholder's length, so the agent still sees the answer as it
 * is written.
 */
export class StreamRestorer {
  private pending = "";

  constructor(private readonly table: PseudonymTable) {}

  /** The text that can be shown now. */
  push(chunk: string): string {
    const text = this.pending + chunk;
    const hold = heldBack(text);
    this.pending = text.slice(text.length - hold);
    return restore(text.slice(0, text.length - hold), this.table);
  }

  /** Whatever was held back, at the end of the answer. */
  end(): string {
    const rest = restore(this.pending, this.table);
    this.pending = "";
    return rest;
  }
}

/** How many characters at the end of the text could be the beginning of a placeholder. */
function heldBack(text: string): number {
  const from = Math.max(0, text.length - LONGEST);
  for (let start = from; start < text.length; start++) {
    const tail = text.slice(start);
    if (couldBegin(tail) && (start === 0 || !/[\p{L}\p{N}_]/u.test(text[start - 1] as string))) {
      return text.length - start;
    }
  }
  return 0;
}

/** Whether `tail` is the start of `[LABEL_N]` or `LABEL_N` (digits possibly still to come). */
function couldBegin(tail: string): boolean {
  const body = tail.startsWith("[") ? tail.slice(1) : tail;
  if (body.length === 0) return tail === "[";
  const match = /^([A-Z_]+?)(?:_(\d*))?$/.exec(body);
  if (!match) return false;
  const [, word = "", digits] = match;
  if (!digits) return LABELS.some((label) => `${label}_`.startsWith(body));
  return LABELS.includes(word);
}
