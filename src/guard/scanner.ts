import type { DataClass } from "../pipeline/index.js";
import type { Entity, EntityType, LookAlike, Recognizer } from "./entity.js";

export interface ScanResult {
  dataClass: DataClass;
  /** Entities found, in text order, overlaps resolved. */
  entities: Entity[];
}

/** Types that make a text `sensitive` by themselves (RGPD art. 9 and the social security number). */
const SENSITIVE_TYPES: ReadonlySet<EntityType> = new Set(["SENSITIVE", "NIR", "NIR_INVALID"]);

/** Types that identify someone: what makes an article-9 term "about an identifiable person". */
const IDENTIFYING: ReadonlySet<EntityType> = new Set([
  "NIR",
  "NIR_INVALID",
  "IBAN",
  "CARD",
  "EMAIL",
  "PHONE",
  "PERSON",
  "ADDRESS",
  "BIRTHDATE",
  "FISCAL_ID",
  "ID_DOC",
  "PLATE",
]);

/** Words that point at one person in the sentence ("mon fils", "l'agent", "elle"): article-9 terms count then. */
const PERSON_CONTEXT =
  /(?<![\p{L}])(?:il|elle|lui|son|sa|ses|mon|ma|mes|leur|l'agent|l'agente|l'usager|l'usagère|le patient|la patiente|l'enfant|le demandeur|la demandeuse|le bénéficiaire|la bénéficiaire|madame|monsieur|mme|m\.)(?![\p{L}])/iu;

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/** The sentence around an offset. */
function sentenceAround(text: string, index: number): string {
  const start = Math.max(
    text.lastIndexOf(".", index - 1),
    text.lastIndexOf("\n", index - 1),
    text.lastIndexOf("!", index - 1),
    text.lastIndexOf("?", index - 1),
  );
  const ends = [".", "\n", "!", "?"].map((mark) => text.indexOf(mark, index)).filter((i) => i >= 0);
  return text.slice(start + 1, ends.length > 0 ? Math.min(...ends) : text.length);
}

/**
 * Runs every recognizer over a text: drops what overlaps a look-alike (a
 * SIRET, a public number, an article of law), keeps the surest of
 * overlapping entities (then the longest), keeps article-9 terms only about
 * an identifiable person, and classifies the text: `sensitive` (article 9,
 * offences, a social security number), `personal` (anything identifying),
 * else `public`.
 */
export function scanText(text: string, recognizers: readonly Recognizer[]): ScanResult {
  const lookAlikes: LookAlike[] = recognizers.flatMap((r) => r.lookAlikes?.(text) ?? []);
  const candidates = recognizers
    .flatMap((r) => r.find(text))
    .filter((entity) => !lookAlikes.some((lookAlike) => overlaps(entity, lookAlike)))
    .sort(
      (a, b) =>
        b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
  const kept: Entity[] = [];
  for (const entity of candidates) {
    if (!kept.some((other) => overlaps(entity, other))) kept.push(entity);
  }
  // An article-9 term counts when its sentence names someone or points at one person.
  const entities = kept
    .filter((entity) => {
      if (entity.type !== "SENSITIVE") return true;
      const sentence = sentenceAround(text, entity.start);
      return (
        PERSON_CONTEXT.test(sentence) ||
        kept.some(
          (other) =>
            IDENTIFYING.has(other.type) && sentence.includes(text.slice(other.start, other.end)),
        )
      );
    })
    .sort((a, b) => a.start - b.start);
  const dataClass: DataClass = entities.some((e) => SENSITIVE_TYPES.has(e.type))
    ? "sensitive"
    : entities.length > 0
      ? "personal"
      : "public";
  return { dataClass, entities };
}

/** The more protective of two classes. */
export function stricter(a: DataClass, b: DataClass): DataClass {
  const order: DataClass[] = ["public", "personal", "sensitive"];
  return order[Math.max(order.indexOf(a), order.indexOf(b))] as DataClass;
}
