import {
  ENTITY_TYPES,
  type Entity,
  type EntityType,
  type LookAlike,
  type Recognizer,
  ScanContext,
  type ScanPurpose,
} from "./entity.js";
import { numberRunsOf } from "./numbers.js";
import { personBefore } from "./organisations.js";
import type { DataClass } from "./personal-data.js";
import { atPersonalMailService } from "./recognizers/email.js";
import { DisjointSpans, firstAtLeast, type Span, SpanIndex } from "./spans.js";

/** An organisation's contact details found in a text (public: never personal data). */
export interface OrganisationContact {
  type: "PHONE" | "EMAIL" | "ADDRESS";
  start: number;
  end: number;
  rule: string;
}

export interface ScanResult {
  dataClass: DataClass;
  /** Entities found, in text order, overlaps resolved. */
  entities: Entity[];
  /** Organisations' own contact details, in text order: public, listed apart. */
  organisations: OrganisationContact[];
}

export interface ScanOptions {
  /** `egress` (default): possible findings too; `documents`: certain ones only. */
  purpose?: ScanPurpose;
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

/**
 * Words that point at one person in the sentence ("mon fils", "l'agent",
 * "madame"): article-9 terms count then. Bare pronouns ("elle", "son")
 * point at things as often ("la carte… elle porte la mention invalidité").
 */
const PERSON_CONTEXT =
  /(?<![\p{L}])(?:mon|ma|mes|(?:son|sa|leur) (?:fils|fille|mère|mere|père|pere|mari|femme|époux|épouse|conjoint|conjointe|enfant|frère|soeur|sœur|compagnon|compagne)|l'agent|l'agente|l'usager|l'usagère|l'intéressé|l'intéressée|le patient|la patiente|l'enfant|le demandeur|la demandeuse|le bénéficiaire|la bénéficiaire|madame|monsieur|mme|m\.)(?![\p{L}])/iu;

/** A sentence giving an example, whose names are made up. */
const EXAMPLE =
  /(?<![\p{L}])(?:par exemple|exemple :|ex\. :|ex :|comme par ex|de la forme|de type|sur le modèle|modèle [A-Z0-9]|au format)/iu;

/** Someone speaking of themselves ("je suis enceinte", "mon fils", "j'ai une sciatique"). */
const FIRST_PERSON = /(?<![\p{L}])(?:je|j'|j’|moi|mon|ma|mes)(?![\p{L}])/iu;

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
  /(?<![\p{L}])il (?:ne |n')?(?:s'agit|s’agit|faut|y a|est (?:possible|impossible|nécessaire|interdit|recommandé|conseillé|pratiqué|prévu)|n'est pas (?:possible|nécessaire)|peut s'agir|doit s'agir|s'applique|s’applique|convient|suffit|existe|reste|importe|appartient|semble|vaut|se peut)/giu;

/** A benefit's name that holds a person word ("l'enfant") beside its article-9 word. */
const BENEFIT_NAMES = /allocation d'éducation de l'enfant handicapé/giu;

/**
 * "Jean-Bosco Nkurunziza <jb.nkurunziza@gmail.com>": a mailbox read as
 * possible alone is someone's when it holds a name found for sure in the
 * text; it is made certain (`email.named`), ahead of the name inside it.
 */
function namedMailboxes(candidates: Entity[]): void {
  const names = new SpanIndex(
    candidates.filter((entity) => entity.type === "PERSON" && entity.certainty !== "possible"),
  );
  for (const [index, entity] of candidates.entries()) {
    if (entity.type !== "EMAIL" || entity.certainty !== "possible" || !names.overlaps(entity))
      continue;
    candidates[index] = {
      type: "EMAIL",
      start: entity.start,
      end: entity.end,
      confidence: 0.95,
      rule: "email.named",
    };
  }
}

/** The surest entity first, then the longest, then the first in the text. */
const surestFirst = (a: Entity, b: Entity) =>
  b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start;

/** Whether a character ends a sentence: ".", a line break, "!" or "?". */
const endsSentence = (code: number) => code === 46 || code === 10 || code === 33 || code === 63;

/**
 * A text's sentences and paragraphs, found in one walk, and what is known of
 * each, read once however many terms it holds (a text of thousands of
 * article-9 words reads each sentence once, not once per word).
 */
class Surroundings {
  /** Offsets of the marks that end sentences, in order. */
  readonly #marks: number[] = [];
  /** Offsets of the blank lines ("\n\n") between paragraphs, in order. */
  readonly #breaks: number[] = [];
  readonly #memo = new Map<string, boolean>();

  constructor(
    readonly text: string,
    /** Identifying findings, sure and possible. */
    readonly sure: SpanIndex<Span>,
    readonly possible: SpanIndex<Span>,
  ) {
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (endsSentence(code)) this.#marks.push(index);
      if (code === 10 && text.charCodeAt(index + 1) === 10) this.#breaks.push(index);
    }
  }

  /** The sentence around an offset: from just after the mark before it to the mark at or after it. */
  sentence(index: number): Span {
    const next = firstAtLeast(this.#marks, index);
    const start = next > 0 ? (this.#marks[next - 1] as number) + 1 : 0;
    return { start, end: this.#marks[next] ?? this.text.length };
  }

  /** The paragraph around an offset: between blank lines. */
  paragraph(index: number): Span {
    const next = firstAtLeast(this.#breaks, index);
    return {
      start: next > 0 ? (this.#breaks[next - 1] as number) : 0,
      end: this.#breaks[next] ?? this.text.length,
    };
  }

  /** Whether an identifying finding, sure or possible, lies in a span (a binary search). */
  holds(span: Span, sure: boolean): boolean {
    return (sure ? this.sure : this.possible).overlaps(span);
  }

  /** A fact about a span, computed once (`key` names the question). */
  once(key: string, span: Span, compute: (words: string) => boolean): boolean {
    const memoKey = `${key}:${span.start}:${span.end}`;
    let known = this.#memo.get(memoKey);
    if (known === undefined) {
      known = compute(this.text.slice(span.start, span.end));
      this.#memo.set(memoKey, known);
    }
    return known;
  }
}

/**
 * The class of a text from what was found for sure: `sensitive` (article 9,
 * offences, a social security number), `personal` (anything identifying),
 * else `public`. Possible findings do not raise it: they are masked on the
 * way out to a model the charter does not trust with personal data, never a
 * reason to block a turn or to quarantine a document.
 */
export function classOf(entities: readonly Entity[]): DataClass {
  let dataClass: DataClass = "public";
  for (const entity of entities) {
    if (entity.certainty === "possible") continue;
    if (SENSITIVE_TYPES.has(entity.type)) return "sensitive";
    dataClass = "personal";
  }
  return dataClass;
}

/** Types an organisation's contact details may be. */
const CONTACT_TYPES: ReadonlySet<string> = new Set(["PHONE", "EMAIL", "ADDRESS"]);

/**
 * Only separators and labels between two contact details: " – ", ", ", " / ",
 * " ou ", "Tél. ", "Courriel : ", a line break of a letterhead.
 */
const CONTACT_GLUE =
  /^(?:[\s,;/–—|-]|\(|\)|ou|et|tel\.?|tél\.?|téléphone|telephone|fax|télécopie|courriel|e-?mail|mail|mél|site|web|adresse|standard|accueil|:)*$/i;

/** A person named just before a contact, on its line ("… : Sébastien Wojcik, 07 68 …"). */
function namedJustBefore(text: string, contact: Span, names: SpanIndex<Span>): boolean {
  // The closest name before it: a farther one has a longer gap, holding the closer one's.
  const name = names.lastEndingBy(contact.start);
  return (
    name !== undefined &&
    contact.start - name.end <= 40 &&
    !/[\n.;!?]/.test(text.slice(name.end, contact.start))
  );
}

/** The names found for sure. */
const sureNames = (entities: readonly Entity[]) =>
  new SpanIndex(
    entities.filter((entity) => entity.type === "PERSON" && entity.certainty !== "possible"),
  );

/** The findings that point at a person: a contact near one of them is that person's. */
const pointersOf = (entities: readonly Entity[]) =>
  new SpanIndex(
    entities.filter(
      (entity) =>
        PERSON_POINTERS.has(entity.type) &&
        (entity.certainty !== "possible" || entity.rule === "person.lowercase"),
    ),
  );

/** How far from a person a landline or an address is read as theirs. */
const NEAR_PERSON = { before: 300, after: 150 };

/** Findings that point at a person: a landline or an address near one of them is that person's. */
const PERSON_POINTERS: ReadonlySet<EntityType> = new Set([
  "PERSON",
  "NIR",
  "NIR_INVALID",
  "BIRTHDATE",
  "ID_DOC",
  "IBAN",
  "CARD",
  "FISCAL_ID",
  "EMAIL",
]);

/** Whether the text names someone for sure. */
const namesSomeone = (entities: readonly Entity[]) =>
  entities.some((entity) => entity.type === "PERSON" && entity.certainty !== "possible");

/** Whether a finding that points at a person (a name, an identifier), apart from it, is near a contact. */
function pointedNear(contact: Span, pointers: SpanIndex<Span>): boolean {
  return (
    pointers.endsIn(contact.start - NEAR_PERSON.before, contact.start) ||
    pointers.startsIn(contact.end, contact.end + NEAR_PERSON.after)
  );
}

/** A mobile number or an address at a mail service anyone uses: more often someone's own. */
function ownLine(context: ScanContext, contact: Entity): boolean {
  const value = context.text.slice(contact.start, contact.end);
  if (contact.type === "PHONE") return isMobile(context, contact);
  return contact.type === "EMAIL" && atPersonalMailService(value);
}

/** Where each run of numbers ends, in text order (runs do not overlap). */
const runEnds = (context: ScanContext): number[] => numberRunsOf(context).map((run) => run.end);

/**
 * Whether a phone number is a French mobile, read from its digits however
 * written ("06 …", "+33 7 …", "zéro six, quarante-trois…", "O6…").
 */
function isMobile(context: ScanContext, phone: Entity): boolean {
  let digits = "";
  let international = false;
  const runs = numberRunsOf(context);
  // Runs come in text order: the first that ends after the phone starts, then on while they overlap it.
  for (let index = firstAtLeast(context.memo(runEnds), phone.start + 1); ; index += 1) {
    const run = runs[index];
    if (!run || run.start >= phone.end) break;
    international ||= run.international;
    for (const group of run.groups) {
      if (group.end > phone.start && group.start < phone.end) digits += group.digits;
    }
  }
  if (digits === "") {
    return /^(?:\+33|0033)?[\s.(0)]*[67]/.test(context.text.slice(phone.start, phone.end));
  }
  const national = digits.replace(international ? /^(?:00)?33/ : /^0033/, "");
  return /^0?[67]/.test(national);
}

/**
 * A landline or a postal address with no one around it (no name, no
 * identifier within 300 characters before or 150 after, no word pointing
 * at a person before it) is an organisation's: a text that names nobody
 * gives a service's number and a town hall's address, not a resident's.
 * On the way out it is still masked, as possible. A mobile number, or an
 * e-mail, stays as it was found.
 */
function aloneAsOrganisations(
  context: ScanContext,
  entities: Entity[],
  organisations: OrganisationContact[],
): Entity[] {
  const kept: Entity[] = [];
  const pointers = pointersOf(entities);
  const someoneNamed = namesSomeone(entities);
  for (const entity of entities) {
    const mobile = entity.type === "PHONE" && isMobile(context, entity);
    const contact = (entity.type === "PHONE" && !mobile) || entity.type === "ADDRESS";
    if (!contact && !(mobile && entity.certainty !== "possible")) {
      kept.push(entity);
      continue;
    }
    if (pointedNear(entity, pointers) || personBefore(context, entity.start)) {
      kept.push(entity);
      continue;
    }
    // On the way out, an address in a text that names someone for sure is kept (possible): "le
    // terrain est au hameau de la Sauzaie" in a resident's letter is theirs.
    if (entity.type === "ADDRESS" && context.purpose === "egress" && someoneNamed) {
      kept.push({ ...entity, certainty: "possible", rule: "address.someone-named" });
      continue;
    }
    // A mobile number no one is named near: someone's, or a service's duty phone; possible. On the
    // way out, a landline or an address too: masked (a miss is a leak), never changing the class.
    if (mobile || context.purpose === "egress") {
      const rule = entity.type === "ADDRESS" ? "address.no-one-near" : "phone.no-one-near";
      kept.push({ ...entity, certainty: "possible", rule });
      continue;
    }
    organisations.push({
      type: entity.type as OrganisationContact["type"],
      start: entity.start,
      end: entity.end,
      rule: "organisation.no-one-near",
    });
  }
  return kept;
}

/**
 * Contact details written right after an organisation's, in one line
 * ("Service Habitat – 27 rue Jean Jaurès, 62300 Lens – 03 21 69 86 86 –
 * habitat@ville.fr"), are the organisation's too: moved from the entities
 * to the organisations (in text order).
 */
function chainOrganisations(
  context: ScanContext,
  entities: Entity[],
  organisations: OrganisationContact[],
): Entity[] {
  if (organisations.length === 0) return entities;
  const { text } = context;
  const egress = context.purpose === "egress";
  const kept: Entity[] = [];
  const known = new SpanIndex(organisations);
  const pointers = pointersOf(entities);
  /** The last contact chained so far: entities come in text order, so it ends before the next. */
  let chained: OrganisationContact | undefined;
  for (const entity of entities) {
    const before = known.lastEndingBy(entity.start);
    const previous = !chained || (before && before.end > chained.end) ? before : chained;
    const gap = previous ? text.slice(previous.end, entity.start) : "";
    if (
      previous &&
      CONTACT_TYPES.has(entity.type) &&
      !(egress && ownLine(context, entity) && pointedNear(entity, pointers)) &&
      gap.length <= 30 &&
      !/\n\s*\n/.test(gap) &&
      CONTACT_GLUE.test(gap.trim())
    ) {
      const contact: OrganisationContact = {
        type: entity.type as OrganisationContact["type"],
        start: entity.start,
        end: entity.end,
        rule: "organisation.chain",
      };
      organisations.push(contact);
      chained = contact;
    } else kept.push(entity);
  }
  organisations.sort((a, b) => a.start - b.start);
  return kept;
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
export function scanText(
  text: string,
  recognizers: readonly Recognizer[],
  options: ScanOptions = {},
): ScanResult {
  const purpose = options.purpose ?? "egress";
  const context = new ScanContext(text, purpose);
  const lookAlikes: LookAlike[] = [];
  for (const recognizer of recognizers) {
    const found = recognizer.lookAlikes?.(text, context);
    if (found) for (const lookAlike of found) lookAlikes.push(lookAlike);
  }
  const candidates: Entity[] = [];
  /** Contact details read as an organisation's: a person named right before takes them back. */
  const asOrganisation: Entity[] = [];
  const lookingAlike = new SpanIndex(lookAlikes);
  for (const recognizer of recognizers) {
    for (const entity of recognizer.find(text, context)) {
      if (purpose === "documents" && entity.certainty === "possible") continue;
      if (!lookingAlike.overlaps(entity)) candidates.push(entity);
      else if (CONTACT_TYPES.has(entity.type)) asOrganisation.push(entity);
    }
  }
  // An organisation's contact read as such by its recognizer may still be taken back (below).
  const foundAsOrganisation = new SpanIndex([...asOrganisation]);
  for (const lookAlike of lookAlikes) {
    if (!lookAlike.organisation || foundAsOrganisation.overlaps(lookAlike)) continue;
    asOrganisation.push({
      type: lookAlike.organisation,
      start: lookAlike.start,
      end: lookAlike.end,
      confidence: 0.8,
      rule: "contact.near-person",
    });
  }
  namedMailboxes(candidates);
  candidates.sort(surestFirst);
  const chosen = new DisjointSpans<Entity>();
  for (const entity of candidates) chosen.add(entity);
  const names = sureNames(chosen.spans);
  const pointers = pointersOf(chosen.spans);
  // "Astreinte voirie : Sébastien Wojcik, 07 68 11 45 90": the number is the named person's. On
  // the way out, so is a mobile, a personal mailbox or an address near someone named.
  const reclaimed = asOrganisation.flatMap((contact): Entity[] => {
    if (namedJustBefore(text, contact, names)) return [contact];
    // Near someone, not next to them: possible (masked on the way out, the text's class unchanged).
    // An address given in a person's field ("Adresse : BP 4021, 13301 Marseille Cedex") likewise.
    const field =
      contact.type === "ADDRESS" &&
      /adresse\s*(?:postale|de correspondance)?\s*:\s*$/i.test(
        text.slice(Math.max(0, contact.start - 40), contact.start),
      );
    return purpose === "egress" &&
      (ownLine(context, contact) || field) &&
      pointedNear(contact, pointers)
      ? [{ ...contact, certainty: "possible", rule: "contact.near-person" }]
      : [];
  });
  for (const contact of reclaimed) chosen.add(contact);
  const surest = chosen.spans;
  const taken = new SpanIndex(reclaimed);
  const organisations: OrganisationContact[] = [];
  for (const lookAlike of lookAlikes) {
    const type = lookAlike.organisation;
    if (!type || taken.overlaps(lookAlike)) continue;
    organisations.push({ type, start: lookAlike.start, end: lookAlike.end, rule: lookAlike.rule });
  }
  const kept = chainOrganisations(
    context,
    aloneAsOrganisations(
      context,
      surest.sort((a, b) => a.start - b.start),
      organisations,
    ),
    organisations,
  );
  // An article-9 term counts when its sentence names someone or points at one person; on the
  // way out, also when the text names someone or speaks of oneself and the sentence is no rule.
  const identified =
    purpose === "egress" &&
    (kept.some((other) => IDENTIFYING.has(other.type) && other.certainty !== "possible") ||
      FIRST_PERSON.test(text));
  const identifying = kept.filter((other) => IDENTIFYING.has(other.type));
  const around = new Surroundings(
    text,
    new SpanIndex(identifying.filter((other) => other.certainty !== "possible")),
    new SpanIndex(identifying.filter((other) => other.certainty === "possible")),
  );
  /** Article-9 terms about someone only a possible name points at: possible themselves. */
  const uncertain = new Set<Entity>();
  const entities = kept
    .filter((entity) => {
      // A document's example is no one's ("Par exemple, Dupont veuve Martin", "de la forme AB-123-CD").
      if (purpose === "documents") {
        const sentence = around.sentence(entity.start);
        if (around.once("example", sentence, (words) => EXAMPLE.test(words))) return false;
      }
      if (entity.type !== "SENSITIVE") return true;
      const sentence = around.sentence(entity.start);
      if (around.holds(sentence, true)) return true;
      // No one named: a word pointing at one person counts, unless the sentence states a general rule.
      const plain = (words: string) => words.replace(BENEFIT_NAMES, "").replace(IMPERSONAL, "");
      // A general rule speaks of no one; on the way out, not in a paragraph that names someone for
      // sure or a sentence in the first person ("Pathologie : épilepsie, en cas de crise…").
      if (
        around.once("generic", sentence, (words) => GENERIC.test(plain(words))) &&
        !(
          purpose === "egress" &&
          (around.once("first", sentence, (words) => FIRST_PERSON.test(plain(words))) ||
            around.holds(around.paragraph(entity.start), true))
        )
      ) {
        return false;
      }
      // In a document, a pronoun points at no one ("Elle doit en apporter la justification"): a
      // name or an identifier in the paragraph is needed.
      if (purpose === "documents") {
        const paragraph = around.paragraph(entity.start);
        return around.holds(paragraph, true) || around.holds(paragraph, false);
      }
      if (identified) return true;
      if (around.once("points", sentence, (words) => PERSON_CONTEXT.test(plain(words)))) {
        return true;
      }
      if (!around.holds(sentence, false)) return false;
      uncertain.add(entity);
      return true;
    })
    .map(
      (entity): Entity => (uncertain.has(entity) ? { ...entity, certainty: "possible" } : entity),
    )
    .sort((a, b) => a.start - b.start);
  // An article-9 fact with nothing in the text to identify anyone ("Mon fils est autiste, a-t-il
  // droit à l'AESH ?") tells a model about no one it could find: possible, not the text's class.
  const anchored = entities.some(
    (entity) => IDENTIFYING.has(entity.type) && entity.certainty !== "possible",
  );
  if (!anchored) {
    for (const [index, entity] of entities.entries()) {
      if (entity.type === "SENSITIVE" && entity.certainty !== "possible") {
        entities[index] = { ...entity, certainty: "possible" };
      }
    }
  }
  const settled = uncorroborated(entities, purpose);
  return { dataClass: classOf(settled), entities: settled, organisations };
}

/**
 * Names read from their shape and the name lists alone, with no cue around
 * them (no civility, role, salutation, signature or field): "Gaspard",
 * "Chaumeil", "Django Reinhardt", and their repetitions.
 */
const UNCUED_NAME_RULES: ReadonlySet<string> = new Set([
  "person.first-name",
  "person.surname",
  "person.full-name",
  "person.repeat",
]);

/**
 * A text whose only sure findings are uncued names is not sure to speak of
 * anyone: a wine, a band, a lieu-dit, a horse or a dish bears a name as
 * often as a person. On the way out those names become possible: still
 * masked, no longer the text's class. One other sure finding (a cued name, a
 * phone, an address, an article-9 fact about someone) keeps them sure. A
 * document's scan keeps them: a name in a file's name or in a case report
 * is rarely cued, and a base holding it is checked by its referent.
 */
function uncorroborated(entities: Entity[], purpose: ScanPurpose): Entity[] {
  if (purpose === "documents") return entities;
  let uncued = false;
  for (const entity of entities) {
    if (entity.certainty === "possible") continue;
    if (entity.type !== "PERSON" || !UNCUED_NAME_RULES.has(entity.rule)) return entities;
    uncued = true;
  }
  if (!uncued) return entities;
  return entities.map((entity): Entity => ({ ...entity, certainty: "possible" }));
}
