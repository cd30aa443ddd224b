import { foldSameLength } from "./fold.js";

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
  /**
   * `possible`: only the shape says so (a word shaped like a name that is
   * no word of French, a run of digits that could be a phone). Kept on the
   * way out to a model the charter does not trust with personal data
   * (purpose `egress`), left out of documents (purpose `documents`).
   * Absent: certain.
   */
  certainty?: "possible";
}

/**
 * What a scan is for. `egress`: what leaves for a model, and the answer
 * that comes back: recall first, possible findings included (a false
 * alarm costs a placeholder, a miss is a leak). `documents`: knowledge
 * bases, their quarantine and audit: precision first, certain findings
 * only, organisations' contact details told apart.
 */
export type ScanPurpose = "egress" | "documents";
export const SCAN_PURPOSES: readonly ScanPurpose[] = ["egress", "documents"];

/**
 * A span that looks like personal data but is not (a company's SIRET, a
 * public service number, an article of law…): entities overlapping it are
 * dropped by the scanner.
 */
export interface LookAlike {
  start: number;
  end: number;
  rule: string;
  /**
   * An organisation's own contact details (a service's phone, a generic
   * mailbox, a town hall's address): public, listed apart by the audit as
   * « coordonnées d'organismes », never as personal data.
   */
  organisation?: "PHONE" | "EMAIL" | "ADDRESS";
}

/**
 * What the recognizers of one scan share: the folded text, computed once,
 * and each family's candidates, computed once for its `find` and its
 * `lookAlikes`. The scanner makes one per text; a recognizer called alone
 * makes its own.
 */
export class ScanContext {
  #folded: string | undefined;
  readonly #memo = new Map<unknown, unknown>();

  /** `purpose`: what the scan is for (an organisation's contact details read more widely in documents). */
  constructor(
    readonly text: string,
    readonly purpose: ScanPurpose = "egress",
  ) {}

  /** The text lowercased and accents folded, same length ({@link foldSameLength}). */
  get folded(): string {
    this.#folded ??= foldSameLength(this.text);
    return this.#folded;
  }

  /** `compute(this)` once per scan: the function itself is the key. */
  memo<T>(compute: (context: ScanContext) => T): T {
    if (this.#memo.has(compute)) return this.#memo.get(compute) as T;
    const value = compute(this);
    this.#memo.set(compute, value);
    return value;
  }
}

/** The scan's context when it is this text's, else a new one. */
export const contextOf = (text: string, context?: ScanContext): ScanContext =>
  context !== undefined && context.text === text ? context : new ScanContext(text);

/** One family of personal data (one file in `recognizers/`), with its validation. */
export interface Recognizer {
  name: string;
  /** `context`, when given, is the scan's (same text): recognizers share its folded text. */
  find(text: string, context?: ScanContext): Entity[];
  /** Look-alikes this family knows about (optional). */
  lookAlikes?(text: string, context?: ScanContext): LookAlike[];
}

/** All matches of a global regular expression, with their offsets (read at once: no generator to step through). */
export function matches(pattern: RegExp, text: string): RegExpExecArray[] {
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  const found: RegExpExecArray[] = [];
  global.lastIndex = 0;
  for (let match = global.exec(text); match; match = global.exec(text)) {
    found.push(match);
    if (match[0].length === 0) global.lastIndex += 1;
  }
  return found;
}

/** The text just before `index` (up to `size` characters), lowercased, accents kept: for context words. */
export const before = (text: string, index: number, size = 40) =>
  text.slice(Math.max(0, index - size), index).toLowerCase();

/** The text just after `index` (up to `size` characters), lowercased. */
export const after = (text: string, index: number, size = 40) =>
  text.slice(index, index + size).toLowerCase();
