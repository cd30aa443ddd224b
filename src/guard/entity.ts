/**
 * What the guard finds in a text. Offsets are UTF-16 code units, as
 * JavaScript strings count them; `end` is exclusive.
 */
export const ENTITY_TYPES = [
  "NIR",
  "NIR_INVALID",
  "IBAN",
  "CARD",
  "EMAIL",
  "PHONE",
  "IP",
  "PERSON",
  "ADDRESS",
  "BIRTHDATE",
  "FISCAL_ID",
  "ID_DOC",
  "PLATE",
  "SENSITIVE",
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface Entity {
  type: EntityType;
  start: number;
  end: number;
  /** From 0 to 1: how sure the rule is that this is personal data. */
  confidence: number;
  /** The rule that found it (stable id, e.g. `nir.key-valid`), for the DPO and the tests. */
  rule: string;
}

/**
 * A span that looks like personal data but is not (a company's SIRET, a
 * public service number, an article of law…): entities overlapping it are
 * dropped by the scanner.
 */
export interface LookAlike {
  start: number;
  end: number;
  rule: string;
}

/** One family of personal data (one file in `recognizers/`), with its validation. */
export interface Recognizer {
  name: string;
  find(text: string): Entity[];
  /** Look-alikes this family knows about (optional). */
  lookAlikes?(text: string): LookAlike[];
}

/** All matches of a global regular expression, with their offsets. */
export function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  global.lastIndex = 0;
  for (let match = global.exec(text); match; match = global.exec(text)) {
    yield match;
    if (match[0].length === 0) global.lastIndex += 1;
  }
}

/** The text just before `index` (up to `size` characters), lowercased, accents kept: for context words. */
export const before = (text: string, index: number, size = 40) =>
  text.slice(Math.max(0, index - size), index).toLowerCase();

/** The text just after `index` (up to `size` characters), lowercased. */
export const after = (text: string, index: number, size = 40) =>
  text.slice(index, index + size).toLowerCase();
