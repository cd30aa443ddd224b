import { hasMessage, t } from "../../i18n/index.js";
import type { Stage } from "../pipeline.js";
import type { DataClass, PersonalDataSpan, Pseudonyms } from "../turn.js";

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

/** A conversation's pseudonyms (a fresh set for a turn outside any conversation). */
export type OpenPseudonyms = (conversationId: string | undefined) => Promise<Pseudonyms>;

const ORDER: DataClass[] = ["public", "personal", "sensitive"];

/** The more protective of two classes. */
export const stricterClass = (a: DataClass, b: DataClass): DataClass =>
  ORDER[Math.max(ORDER.indexOf(a), ORDER.indexOf(b))] as DataClass;

/** A type's name in French ("nom de personne"), or the type itself when the catalogue has none. */
export const typeLabel = (type: string): string => {
  const key = `guard.type.${type}`;
  return hasMessage(key) ? t(key) : type;
};

/** "2 × nom de personne, 1 × IBAN": counts per type, most frequent first. */
export function describeTypes(spans: readonly { type: string }[]): string {
  const counts = new Map<string, number>();
  for (const { type } of spans) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${count} × ${typeLabel(type)}`)
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

/**
 * guard: finds personal and sensitive data in every message of the turn,
 * records where (types and positions, never values) and classifies the turn
 * (`public`, `personal`, `sensitive`); the route stage then applies the
 * charter's matrix for that class. A turn holding personal data gets its
 * pseudonyms (the conversation's), should a model need them replaced. A
 * scan that fails blocks the turn (the pipeline records `guard.failed` and
 * stops): never pass what could not be checked.
 */
export function guardStage(scan: ScanPort, openPseudonyms?: OpenPseudonyms): Stage {
  return async (turn, { decide }) => {
    let dataClass: DataClass = "public";
    const spans: PersonalDataSpan[] = [];
    for (const [index, message] of turn.input.messages.entries()) {
      const finding = await scan(message.content);
      dataClass = stricterClass(dataClass, finding.dataClass);
      for (const span of finding.spans) spans.push({ message: index, ...span });
    }
    turn.dataClass = dataClass;
    turn.personalData = spans;
    if (spans.length === 0) {
      decide("guard.clean", "allow", t("guard.clean"));
      return;
    }
    const certain = spans.filter((span) => span.certainty !== "possible");
    const possible = spans.filter((span) => span.certainty === "possible");
    if (certain.length > 0) {
      decide(
        "guard.found",
        "note",
        t("guard.found", {
          summary: describeTypes(certain),
          dataClass: t(`route.data_class.${dataClass}`),
        }),
      );
    }
    if (possible.length > 0) {
      decide(
        "guard.possible",
        "note",
        t("guard.possible", { summary: describePossible(possible) }),
      );
    }
    if (openPseudonyms) turn.pseudonyms = await openPseudonyms(turn.conversationId);
  };
}
