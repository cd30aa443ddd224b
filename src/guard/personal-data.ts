import { hasMessage, t } from "../i18n/index.js";

/**
 * The personal-data vocabulary every domain shares, in one place: the
 * classes of data and their order, what a scan found (types and positions,
 * never values), the pseudonyms port, and how findings are named in French.
 * The pipeline, knowledge bases, chat and the OpenAI-compatible API use it
 * through `guard/index.ts`; none re-derives it.
 */

/** What a text holds, from the least to the most protected. */
export const DATA_CLASSES = ["public", "personal", "sensitive"] as const;

/** `public` (nothing found for sure), `personal` (identifying data), `sensitive` (article 9, offences, NIR). */
export type DataClass = (typeof DATA_CLASSES)[number];

/** The more protective of two classes. */
export const stricterClass = (a: DataClass, b: DataClass): DataClass =>
  DATA_CLASSES[Math.max(DATA_CLASSES.indexOf(a), DATA_CLASSES.indexOf(b))] as DataClass;

/** One entity a scan found: type, position, the rule that found it; never the value. */
export interface FoundSpan {
  type: string;
  start: number;
  end: number;
  rule?: string;
  /** `possible`: only its shape says so; masked all the same on the way out. */
  certainty?: "possible";
}

/** What a scan of one text found: its class, and each entity's type and position (never values). */
export interface GuardFinding {
  dataClass: DataClass;
  spans: FoundSpan[];
}

/** Scans a text as it would leave for a model; rejects when it cannot (the turn is then blocked: fail closed). */
export type ScanPort = (text: string) => Promise<GuardFinding>;

/** A turn's (or a conversation's) pseudonyms: personal data replaced on the way out, put back on the way in. */
export interface Pseudonyms {
  /**
   * The text with the personal data found in it replaced; rejects when it
   * cannot scan (fail closed). `source` names the document a passage comes
   * from: placeholders it already holds stand for its own people, never for
   * a value of the conversation's.
   */
  protect(text: string, source?: string): Promise<string>;
  /** Puts the values back in place of the placeholders (a whole text, or a piece the caller knows is whole). */
  restore(text: string): string;
  /** How many distinct values have been replaced so far. */
  readonly replaced: number;
  /** Keeps the new placeholders with the conversation (encrypted), for its next turns. */
  keep(): Promise<void>;
}

/** A conversation's pseudonyms (a fresh set for a turn outside any conversation). */
export type OpenPseudonyms = (conversationId: string | undefined) => Promise<Pseudonyms>;

/** A type's name in French ("nom de personne"), or the type itself when the catalogue has none. */
export const typeLabel = (type: string): string => {
  const key = `guard.type.${type}`;
  return hasMessage(key) ? t(key) : type;
};

/** Counts per type, most frequent first, each with its name in French. */
export function countTypes(
  spans: readonly { type: string }[],
): { type: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { type } of spans) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => ({ type, label: typeLabel(type), count }));
}

/** "2 × nom de personne, 1 × IBAN": counts per type, most frequent first. */
export function describeTypes(spans: readonly { type: string }[]): string {
  return countTypes(spans)
    .map(({ label, count }) => `${count} × ${label}`)
    .join(", ");
}

/**
 * The possible findings, with the rules that found them: "2 × nom de
 * personne (person.shape), 1 × numéro de téléphone (phone.irregular)".
 */
export function describePossible(spans: readonly FoundSpan[]): string {
  const groups = new Map<string, { count: number; rules: Set<string> }>();
  for (const span of spans) {
    const group = groups.get(span.type) ?? { count: 0, rules: new Set<string>() };
    group.count += 1;
    if (span.rule) group.rules.add(span.rule);
    groups.set(span.type, group);
  }
  return [...groups]
    .sort((a, b) => b[1].count - a[1].count)
    .map(
      ([type, { count, rules }]) =>
        `${count} × ${typeLabel(type)}${rules.size > 0 ? ` (${[...rules].join(", ")})` : ""}`,
    )
    .join(", ");
}
