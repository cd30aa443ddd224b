import {
  contextOf,
  type Entity,
  type LookAlike,
  matches,
  type Recognizer,
  type ScanContext,
} from "../entity.js";
import { foldSameLength } from "../fold.js";
import { isOrganisationContact, personBefore } from "../organisations.js";
import { SpanIndex } from "../spans.js";
import {
  afterSeparator,
  BOX_ANYWHERE,
  endAt,
  LOCALITY,
  localityEnd,
  SPACE,
} from "./address-parts.js";
import { type PlaceCandidate, placeAddresses } from "./address-places.js";

/** Street types that make an address whatever the name's case ("12 rue des lilas"), accents folded. */
const FREE_TYPES = [
  "rue",
  "avenue",
  "av\\.?",
  "boulevard",
  "bd\\.?",
  "bld",
  "bvd",
  "allee",
  "impasse",
  "lieu[- ]dit",
  "rond[- ]point",
  "faubourg",
  "fbg",
  "chem\\.",
  "ch\\.",
  "imp\\.",
];
/**
 * Street types that are also common nouns ("1 place de libre", "3 cours de
 * yoga", "1 chemin de fer"): an address only when the name holds a
 * capitalised word ("12 place de la République").
 */
const CAPITAL_TYPES = [
  "place",
  "route",
  "rte",
  "chemin",
  "quai",
  "square",
  "cours",
  "passage",
  "residence",
  "lotissement",
  "hameau",
  "cite",
  "voie",
  "sentier",
  "esplanade",
  "promenade",
  "parvis",
];

/** "12", "12 bis", "12bis", "12 B", "12-14", "12 bis-14" (accents folded, lowercase). */
const SUFFIX = `(?:${SPACE}?(?:bis|ter|quater|b|t)(?![a-z0-9]))?`;
const NUMBER = `[1-9]\\d{0,3}${SUFFIX}(?:${SPACE}?[-–]${SPACE}?[1-9]\\d{0,3}${SUFFIX})?`;

/**
 * A number (not the decimals of "1,5"), an optional comma, a street type, on the folded text. Plural
 * types ("2 places", "3 avenues") fail the final look-ahead. Linear: the
 * match starts on a digit and every quantifier is bounded or followed by a
 * different character class.
 */
const STREET = new RegExp(
  `(?<![a-z0-9_]|\\d[.,/-])${NUMBER}(?:${SPACE}*,)?${SPACE}+(?:(?<free>${FREE_TYPES.join("|")})|(?<capital>${CAPITAL_TYPES.join("|")}))(?![a-z0-9])`,
  "g",
);

/** One word of a street name, on the original text: "Lilas", "Jean-Jaurès", "l'Église", "d’Arc", or a day ("8", "1er"). */
const TOKEN = /[ \u00a0]+(?:(\d{1,4}(?:er)?)|(\p{L}+(?:['’-]\p{L}+)*))(?![\p{L}\p{N}])/uy;

/** Words between the parts of a name, accents folded ("rue de la Paix", "place aux Herbes"). */
const PARTICLES = new Set(["de", "du", "des", "la", "le", "les", "aux"]);

/** Abbreviations that keep their full stop inside a name ("rue du Dr. Roux", "rue St. Jean"). */
const ABBREVIATIONS = new Set(["st", "ste", "dr", "gal", "gen", "mal", "mgr", "pdt", "pr", "cdt"]);

/** Words that end a street name (accents folded): verbs, pronouns, conjunctions, times, other fields. */
const STOP_WORDS = new Set(
  `a et ou ni mais donc car or est sont sera seront etait etaient ont avait avaient fut
  pour par avec sans depuis pendant chez dans vers contre entre selon jusqu apres avant puis
  qui que dont quand comme si ne n se s pas plus tres bien aussi deja encore toujours
  il elle ils elles on nous vous je tu j ce cet cette ces c son sa ses leur leurs mon ma mes
  ton ta tes notre nos votre vos y en au sur sous
  demain hier aujourd'hui matin soir midi nuit
  janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
  lundi mardi mercredi jeudi vendredi samedi dimanche
  tel telephone portable mobile mail email e-mail courriel fax code cedex bp cs tsa
  appartement appt apt batiment bat escalier esc etage porte logement
  m mme mmes mlle monsieur madame mademoiselle habite habitant domicilie domiciliee demeurant`
    .split(/\s+/)
    .filter(Boolean),
);

/** At most this many content words in a street name, and this many lowercase ones. */
const MAX_WORDS = 6;
const MAX_LOWERCASE_WORDS = 2;
/** At most this many tokens (particles included) in a street name. */
const MAX_TOKENS = 10;

/**
 * What before a number makes it a reference, a time or a year, not a street
 * number (accents folded): "article 3", "page 12", "de 8 h à 12 h 30,
 * place…", "du 22 novembre au 29 décembre 2024 place des Dominicains".
 */
const REFERENCE_BEFORE =
  /(?:(?<![a-z])(?:article|art\.|alinea|al\.|chapitre|annexe|page|p\.|section|titre|point|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)|\d[ \u00a0]?h)[ \u00a0]*$/;

/** Whether a word starts with a capital, after an elision if any ("Lilas", "l'Église", "D'Arc"). */
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word.replace(/^[dlDL]['’](?=\p{L})/u, ""));

/**
 * The end of the street name starting at `index` (just after the street
 * type), or -1 when there is none. Capitalised words and particles go on;
 * lowercase words only before the first capitalised one, two at most;
 * digits only after "du" ("rue du 8 Mai 1945"); punctuation other than an
 * apostrophe or a hyphen, a line break or a stop word ends the name.
 */
function streetNameEnd(text: string, index: number, needsCapital: boolean): number {
  let end = -1;
  let position = index;
  let words = 0;
  let lowercase = 0;
  let capital = false;
  /** The token before: a particle, "day" ("du 8"), "month" ("du 8 Mai"), "year" or "word". */
  let previous = "";
  for (let tokens = 0; tokens < MAX_TOKENS && words < MAX_WORDS; tokens += 1) {
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match) break;
    const tokenEnd = position + match[0].length;
    const digits = match[1];
    const raw = match[2] ?? "";
    const word = foldSameLength(raw);
    if (digits !== undefined) {
      // "du 8 Mai", "du 11 Novembre 1918": a day after "du", a year after a day and a month.
      if (previous === "du") previous = "day";
      else if (previous === "month" && digits.length === 4) previous = "year";
      else break;
    } else if (previous === "day") {
      // The month after a day ("du 8 Mai"): a stop word elsewhere.
      if (isCapitalised(raw)) capital = true;
      previous = "month";
    } else {
      if (STOP_WORDS.has(word)) break;
      if (PARTICLES.has(word)) {
        previous = word;
        position = tokenEnd;
        continue;
      }
      // "l'Église", "d'Arc": the word after the elision decides the case.
      if (isCapitalised(raw)) capital = true;
      else if (capital || lowercase >= MAX_LOWERCASE_WORDS) break;
      else lowercase += 1;
      previous = "word";
    }
    words += 1;
    end = tokenEnd;
    if (text[end] === "." && ABBREVIATIONS.has(word)) end += 1;
    position = end;
  }
  if (end < 0 || (needsCapital && !capital)) return -1;
  return end;
}

/** In a document, an address is an organisation's unless a person is pointed at. */
const PUBLIC = { publicInDocuments: true };

interface Candidate {
  start: number;
  end: number;
  rule: "address.street" | "address.full" | "address.postal-box" | PlaceCandidate["rule"];
  /** An organisation's address, introduced as such (a town hall, a service, a CCAS…). */
  organisation: boolean;
}

/** Every address in the text, public ones marked. */
function candidates(context: ScanContext): Candidate[] {
  const { text, folded } = context;
  const found: Candidate[] = [];
  STREET.lastIndex = 0;
  for (let match = STREET.exec(folded); match; match = STREET.exec(folded)) {
    const start = match.index;
    if (REFERENCE_BEFORE.test(folded.slice(Math.max(0, start - 12), start))) continue;
    const nameEnd = streetNameEnd(
      text,
      start + match[0].length,
      match.groups?.capital !== undefined,
    );
    if (nameEnd < 0) continue;
    const fullEnd = localityEnd(text, folded, nameEnd);
    const end = fullEnd >= 0 ? fullEnd : nameEnd;
    const rule = fullEnd >= 0 ? "address.full" : "address.street";
    found.push({ start, end, rule, organisation: isOrganisationContact(context, start, PUBLIC) });
    // The next address starts after this one ("rue du 8 Mai 1945" holds no street number).
    STREET.lastIndex = end;
  }
  const streets = new SpanIndex(found.slice());
  for (const match of matches(BOX_ANYWHERE, text)) {
    const start = match.index;
    if (streets.overlaps({ start, end: start + 1 })) continue;
    const boxEnd = start + match[0].length;
    const separator = afterSeparator(text, boxEnd);
    const end = separator >= 0 ? endAt(LOCALITY, text, separator) : -1;
    if (end < 0) continue;
    found.push({
      start,
      end,
      rule: "address.postal-box",
      organisation: isOrganisationContact(context, start, PUBLIC),
    });
  }
  for (const place of placeAddresses(context)) {
    found.push({ ...place, organisation: isOrganisationContact(context, place.start, PUBLIC) });
  }
  // CEDEX delivers to businesses and administrations only: their address (unless a person's named before).
  for (const candidate of found) {
    if (
      /\bcedex\b/.test(folded.slice(candidate.start, candidate.end)) &&
      !personBefore(context, candidate.start, true)
    ) {
      candidate.organisation = true;
    }
  }
  return merged(
    text,
    found.sort((a, b) => a.start - b.start),
  );
}

/** What may stand between two parts of one address read separately ("bât 6 cité des Tilleuls"). */
const JOINT = /^[\s,–—-]{0,3}$/;

/**
 * Overlapping or touching parts made one address ("Résidence Les Alizés",
 * "bâtiment C, appartement 12" and "59800 Lille"), the first part's rule,
 * an organisation's when its first part is.
 */
function merged(text: string, candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const candidate of candidates) {
    const last = out.at(-1);
    if (last && (candidate.start < last.end || JOINT.test(text.slice(last.end, candidate.start)))) {
      // Whose address it is is read before its first part ("Son employeur : 2 rue de la Poste, BP 12…").
      if (candidate.end > last.end) last.end = candidate.end;
      if (candidate.rule === "address.full" && last.rule === "address.street")
        last.rule = "address.full";
      continue;
    }
    out.push({ ...candidate });
  }
  return out;
}

const CONFIDENCE: Record<Candidate["rule"], number> = {
  "address.street": 0.9,
  "address.full": 0.95,
  "address.postal-box": 0.85,
  "address.place": 0.9,
  "address.building": 0.85,
  "address.foreign": 0.9,
};

/**
 * French postal addresses as agents write them: a number ("12", "12 bis",
 * "12-14"), a street type ("rue", "av.", "allée"…) and a name
 * (`address.street`, 0.9); with the postcode and commune that follow, after
 * a comma, a dash or a line break, and an optional CEDEX
 * (`address.full`, 0.95); a postal box (BP, CS, TSA) with its postcode and
 * commune (`address.postal-box`, 0.85). A town hall's or a public
 * building's address introduced as such ("la mairie, 1 place de la
 * République…") is a look-alike (`address.public`). A street without a
 * number, a date or an article of law is not an address.
 */
export const addressRecognizer: Recognizer = {
  name: "address",
  find(text, context) {
    return contextOf(text, context)
      .memo(candidates)
      .filter((candidate) => !candidate.organisation)
      .map(
        (candidate): Entity => ({
          type: "ADDRESS",
          start: candidate.start,
          end: candidate.end,
          confidence: CONFIDENCE[candidate.rule],
          rule: candidate.rule,
        }),
      );
  },
  lookAlikes(text, context) {
    return contextOf(text, context)
      .memo(candidates)
      .filter((candidate) => candidate.organisation)
      .map(
        (candidate): LookAlike => ({
          start: candidate.start,
          end: candidate.end,
          rule: "address.organisation",
          organisation: "ADDRESS",
        }),
      );
  },
};
