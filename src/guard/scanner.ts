import type { DataClass } from "../pipeline/index.js";
import {
  ENTITY_TYPES,
  type Entity,
  type EntityType,
  type LookAlike,
  type Recognizer,
  ScanContext,
} from "./entity.js";

export interface ScanResult {
  dataClass: DataClass;
  /** Entities found, in text order, overlaps resolved. */
  entities: Entity[];
}

/** Types that make a text `sensitive` by themselves (RGPD art. 9 and the social security number). */
const SENSITIVE_TYPES: ReadonlySet<EntityType> = new Set(["SENSITIVE", "NIR", "NIR_INVALID"]);

/**
 * Types that identify someone: what makes an article-9 term "about an
 * identifiable person". Every type but the article-9 terms themselves and IP
 * addresses (a device, not a person named in the sentence).
 */
const IDENTIFYING: ReadonlySet<EntityType> = new Set(
  ENTITY_TYPES.filter((type) => type !== "SENSITIVE" && type !== "IP"),
);

/** Words that point at one person in the sentence ("mon fils", "l'agent", "elle"): article-9 terms count then. */
const PERSON_CONTEXT =
  /(?<![\p{L}])(?:il|elle|lui|son|sa|ses|mon|ma|mes|leur|l'agent|l'agente|l'usager|l'usagère|le patient|la patiente|l'enfant|le demandeur|la demandeuse|le bénéficiaire|la bénéficiaire|madame|monsieur|mme|m\.)(?![\p{L}])/iu;

/**
 * What makes a sentence a general rule rather than a fact about someone:
 * a condition ("si", "lorsque", "en cas de") or a generic subject ("une
 * personne", "toute personne", "par exemple"). Official sheets and procedures
 * speak like this ("lorsque l'enfant est malade…"); case notes do not.
 */
const GENERIC =
  /(?<![\p{L}])(?:si|s'ils?|lorsqu(?:e|'|’)|quand|en cas d(?:e|'|’)|dès que|une personne|toute personne|chaque personne|les personnes|des personnes|par exemple)(?![\p{L}])/iu;

/** Impersonal "il" ("il s'agit", "il est possible de"): a pronoun that points at no one. */
const IMPERSONAL =
  /(?<![\p{L}])il (?:s'agit|s’agit|faut|y a|est (?:possible|impossible|nécessaire|interdit|recommandé|conseillé|pratiqué|prévu)|n'est pas (?:possible|nécessaire)|peut s'agir|doit s'agir)/giu;

/** A benefit's name that holds a person word ("l'enfant") beside its article-9 word. */
const BENEFIT_NAMES = /allocation d'éducation de l'enfant handicapé/giu;

type Span = { start: number; end: number };

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Whether a span overlaps one of these (a loop: the scan creates no function per entity). */
function overlapsAny(span: Span, others: readonly Span[]): boolean {
  for (const other of others) if (overlaps(span, other)) return true;
  return false;
}

/** The surest entity first, then the longest, then the first in the text. */
const surestFirst = (a: Entity, b: Entity) =>
  b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start;

/** Whether a character ends a sentence: ".", a line break, "!" or "?". */
const endsSentence = (code: number) => code === 46 || code === 10 || code === 33 || code === 63;

/** The bounds of the sentence around an offset: from just after the mark before it to the mark at or after it. */
function sentenceAround(text: string, index: number): { start: number; end: number } {
  let start = index;
  while (start > 0 && !endsSentence(text.charCodeAt(start - 1))) start -= 1;
  let end = index;
  while (end < text.length && !endsSentence(text.charCodeAt(end))) end += 1;
  return { start, end };
}

/**
 * Runs every recognizer over a text: drops what overlaps a look-alike (a
 * SIRET, a public number, an article of law), keeps the surest of
 * overlapping entities (then the longest), keeps article-9 terms only about
 * an identifiable person (not in a sentence that states a general rule),
 * and classifies the text: `sensitive` (article 9,
 * offences, a social security number), `personal` (anything identifying),
 * else `public`.
 */
export function scanText(text: string, recognizers: readonly Recognizer[]): ScanResult {
  const context = new ScanContext(text);
  const lookAlikes: LookAlike[] = [];
  for (const recognizer of recognizers) {
    const found = recognizer.lookAlikes?.(text, context);
    if (found) for (const lookAlike of found) lookAlikes.push(lookAlike);
  }
  const candidates: Entity[] = [];
  for (const recognizer of recognizers) {
    for (const entity of recognizer.find(text, context)) {
      if (!overlapsAny(entity, lookAlikes)) candidates.push(entity);
    }
  }
  candidates.sort(surestFirst);
  const kept: Entity[] = [];
  for (const entity of candidates) {
    if (!overlapsAny(entity, kept)) kept.push(entity);
  }
  // An article-9 term counts when its sentence names someone or points at one person.
  const entities = kept
    .filter((entity) => {
      if (entity.type !== "SENSITIVE") return true;
      const sentence = sentenceAround(text, entity.start);
      if (kept.some((other) => IDENTIFYING.has(other.type) && overlaps(other, sentence))) {
        return true;
      }
      // No one named: a word pointing at one person counts, unless the sentence states a general rule.
      const words = text
        .slice(sentence.start, sentence.end)
        .replace(BENEFIT_NAMES, "")
        .replace(IMPERSONAL, "");
      return PERSON_CONTEXT.test(words) && !GENERIC.test(words);
    })
    .sort((a, b) => a.start - b.start);
  const dataClass: DataClass = entities.some((e) => SENSITIVE_TYPES.has(e.type))
    ? "sensitive"
    : entities.length > 0
      ? "personal"
      : "public";
  return { dataClass, entities };
}
