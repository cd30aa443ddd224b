import type { ScanContext } from "../entity.js";
import { foldSameLength } from "../fold.js";
import { lexicon } from "../lexicon.js";
import { lineStart as lineStartWithin, SpanIndex } from "../spans.js";
import { EVERYDAY_WORDS } from "../words.js";
import { afterSeparator, COMPLEMENT, complementsEnd, endAt, localityAt } from "./address-parts.js";

/**
 * Addresses without a street number, as people in the countryside, in
 * social housing and abroad write them: a lieu-dit or a hamlet ("lieu-dit
 * La Motte, 62190 Lillers", "Kerlann, 29800 Landerneau"), a residence and
 * its building ("Résidence Les Tilleuls, bât. C, apt 34", "resid. les
 * acacias bat c porte 12"), a street without a number before its commune
 * ("chemin des Oliviers, 13490 Jouques"), a flat's complements together
 * ("bât D, apt 41"), and foreign addresses, the number after the street
 * ("Via dei Mille 8, 24122 Bergamo").
 */
export interface PlaceCandidate {
  start: number;
  end: number;
  rule: "address.place" | "address.building" | "address.foreign";
}

/** Kinds of places where someone lives, whatever the case (folded). */
const DWELLING =
  /(?<![a-z0-9])(?:residences?|res\.|resid\.?|cite|hameau|lieu-dit|lieudit|lieu dit|lotissement|domaine|ferme|mas|foyer-logement|foyer|village|aire d'accueil|terrain|camping|ehpad|chateau|le bourg|quartier)(?![a-z0-9])/g;

/** Streets: an address without a number only when a commune or a flat follows. */
const STREET =
  /(?<![a-z0-9])(?:rue|avenue|av\.|boulevard|bd|allee|impasse|chemin|chem\.|ch\.|route|rte|place|quai|sentier|voie|passage|cours|square|rond-point|faubourg|fbg)(?![a-z0-9])/g;

/** Kinds that make an address by themselves, with a name after them (a lieu-dit, a hamlet, a residence). */
const STRONG = /^(?:hameau|lieu-dit|lieudit|lieu dit|residences?|res\.|resid\.?|cite|lotissement)$/;

/** Words that end a place's name (folded): verbs, prepositions, pronouns, times. */
const NAME_STOPS = new Set(
  `a au aux et ou est sont a ete depuis pour par avec sans dans chez vers pendant jusqu apres avant
  qui que dont il elle ils elles on nous vous je j tu se s ce c son sa ses mon ma mes leur leurs
  signale demande souhaite vit habite pres face derriere devant tel telephone portable mail
  courriel email n ne pas plus tres bien aussi deja le la les un une des`
    .split(/\s+/)
    .filter(Boolean),
);
/** Words inside a place's name. */
const PARTICLES = new Set(["de", "du", "des", "d'", "la", "le", "les", "l'", "aux"]);

const WORD = /[ \u00a0]*([\p{L}\d][\p{L}\d'’.-]*)/uy;

/** The end of a place's name after `index` (up to five words), or -1; whether it holds a capital. */
function nameEnd(
  text: string,
  folded: string,
  index: number,
): { end: number; capital: boolean; leadingCapital: boolean } {
  let position = index;
  let end = -1;
  let words = 0;
  let capital = false;
  let leadingCapital = false;
  while (words < 5) {
    WORD.lastIndex = position;
    const match = WORD.exec(text);
    if (!match) break;
    const raw = (match[1] as string).replace(/[.]$/, "");
    const key = foldSameLength(raw);
    const wordStart = position + match[0].length - (match[1] as string).length;
    if (/^\d/.test(raw)) break;
    COMPLEMENT.lastIndex = wordStart;
    if (COMPLEMENT.test(folded)) break;
    if (NAME_STOPS.has(key) && !(PARTICLES.has(key) && words > 0)) {
      if (!PARTICLES.has(key)) break;
    }
    if (PARTICLES.has(key)) {
      position = wordStart + raw.length;
      continue;
    }
    if (/^\p{Lu}/u.test(raw)) {
      capital = true;
      if (words === 0) leadingCapital = true;
    }
    words += 1;
    position = wordStart + raw.length;
    end = position;
  }
  return { end, capital, leadingCapital };
}

/** The end of what follows a place's name: complements, then a commune; whether any was found. */
function tail(text: string, folded: string, index: number): { end: number; found: boolean } {
  const afterComplements = complementsEnd(text, folded, index);
  const separator = afterSeparator(text, afterComplements);
  const locality = separator >= 0 ? localityAt(text, separator) : -1;
  if (locality >= 0) return { end: locality, found: true };
  // A lieu-dit between the street and the commune ("chemin Bœuf Mort, Bois d'Olives, 97432 …").
  if (separator >= 0) {
    LIEU_DIT.lastIndex = separator;
    const lieuDit = LIEU_DIT.exec(text);
    const after = lieuDit ? localityAt(text, separator + lieuDit[0].length) : -1;
    if (after >= 0) return { end: after, found: true };
  }
  return { end: afterComplements, found: afterComplements > index };
}

/** A lieu-dit's name (capitalised words and particles, four at most) and the comma after it. */
const LIEU_DIT =
  /\p{Lu}[\p{L}'’-]*(?:[ \u00a0]+(?:\p{Lu}[\p{L}'’-]*|de|du|des|d['’]\p{Lu}[\p{L}'’-]*|la|le|les)){0,3}[ \u00a0]*,[ \u00a0]*/uy;

/** What says an address follows, in the words just before (folded). */
const ADDRESS_CUE =
  /(?:adresse|domicile|domicilie|domiciliee|demeurant|habite|j'habite|vit|vivait|heberge|hebergee|reside|loge|logee|chez [^,]{1,30},|sis|situe|situee)\s*:?\s*(?:au|a|en|dans|la|le)?\s*$/;

/** A flat's or a building's number just before a residence ("bat 6 cité des Tilleuls"). */
const COMPLEMENT_BEFORE =
  /(?:bat\.?|batiment|appt?\.?|apt|esc\.?|escalier|porte|tour|emplacement|chambre|lot)[ \u00a0]*[a-z]?\d{0,3}[a-z]?[ \u00a0]*,?[ \u00a0]*$/;

/** Lieux-dits, hamlets, residences, and streets without a number before a commune or a flat. */
function dwellings(context: ScanContext, found: PlaceCandidate[]): void {
  const { text, folded } = context;
  for (const [pattern, street] of [
    [DWELLING, false],
    [STREET, true],
  ] as const) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(folded); match; match = pattern.exec(folded)) {
      const start = match.index;
      // A numbered street is read by address.ts.
      if (street && /\d[ \u00a0,]*$/.test(folded.slice(Math.max(0, start - 4), start))) continue;
      const name = nameEnd(text, folded, start + match[0].length);
      if (name.end < 0) continue;
      // "résidence Crous", "foyer du CROUS": a body's own residences, no one's address.
      const named = folded
        .slice(start + match[0].length, name.end)
        .trim()
        .replace(/^(?:du|de la|des|de l'|le|la|les)\s*/, "");
      if (EVERYDAY_WORDS.has(named)) continue;
      const after = tail(text, folded, name.end);
      const kind = match[0];
      const lead = folded.slice(Math.max(0, start - 30), start);
      const cued = ADDRESS_CUE.test(lead) || COMPLEMENT_BEFORE.test(lead);
      // A residence named alone is an address in an agent's note, rarely in a public sheet.
      const strong =
        STRONG.test(kind) && (context.purpose === "egress" || /lieu|hameau/.test(kind));
      const sure = street
        ? after.found
        : after.found || cued || (strong && name.capital && name.leadingCapital);
      if (!sure) continue;
      found.push({ start, end: after.end, rule: "address.place" });
      pattern.lastIndex = Math.max(pattern.lastIndex, after.end);
    }
  }
}

/** Two complements or more together ("bât D, apt 41", "3E ETAGE, ESC. B"): a flat. */
function buildings(context: ScanContext, found: PlaceCandidate[]): void {
  const { text, folded } = context;
  const start =
    /(?<![a-z0-9])(?:appartement|appt?\.?|apt|batiment|bat\.?|bt\.?|escalier|esc\.?|porte|chambre|tour|\d{1,2}(?:e|er|eme) etage)/g;
  for (let match = start.exec(folded); match; match = start.exec(folded)) {
    const first = endAt(COMPLEMENT, folded, match.index);
    if (first < 0) continue;
    const end = complementsEnd(text, folded, first);
    if (end === first) continue;
    found.push({ start: match.index, end, rule: "address.building" });
    start.lastIndex = end;
  }
}

/**
 * A name, its number, then a post code of four or five digits and a town,
 * as addresses are written abroad ("Via dei Mille 8, 24122 Bergamo",
 * "Calle Mayor 23, 2º B, 30001 Murcia", "Korenlei 14, 9000 Gent"); or a
 * capitalised lieu-dit right before a French commune ("Kerlann, 29800
 * Landerneau", "LA BORIE HAUTE 12330 MARCILLAC-VALLON").
 */
const POST_CODE = /(?<![\p{L}\p{N}])\d{4,5}[ \u00a0]+\p{Lu}[\p{L}'’-]+/gu;
const NAME_BEFORE =
  /((?:(?:\p{Lu}[\p{L}'’-]*|de|dei|del|della|di|la|le|les|do|da|dos|das|van|von|der|den|het|du|des)[ \u00a0]+){0,4}\p{Lu}[\p{L}'’-]*)(?:[ \u00a0]+(\d{1,4}[a-zA-Z]?))?[ \u00a0]*(?:,[ \u00a0]*(?:\d{1,2}º[ \u00a0]?[A-Za-z]?|(?:bât|bat|bâtiment|batiment|apt|appt|esc|escalier|porte|étage|chambre)\.?[ \u00a0]*[\p{L}\d]{1,4}))*[ \u00a0]*,?[ \u00a0]*$/u;

function beforePostCodes(context: ScanContext, found: PlaceCandidate[]): void {
  const { text } = context;
  const lex = lexicon();
  const already = new SpanIndex(found.slice());
  for (const match of text.matchAll(POST_CODE)) {
    const at = match.index as number;
    const last = found.at(-1);
    if (
      already.overlaps({ start: at, end: at + 1 }) ||
      (last && at >= last.start && at < last.end)
    ) {
      continue;
    }
    const lineStart = lineStartWithin(text, at, 120);
    const before = text.slice(Math.max(lineStart, at - 80), at);
    const name = NAME_BEFORE.exec(before);
    if (!name) continue;
    const start = at - before.length + (name.index as number);
    const number = name[2];
    const foreign = match[0].match(/^\d+/)?.[0].length === 4 || number !== undefined;
    const end = foreign ? at + match[0].length : localityAt(text, at);
    if (end < 0) continue;
    // The words before the name: a boundary (line start, ":", ",", "(") or an address's cue.
    const lead = text.slice(Math.max(lineStart, start - 30), start);
    if (
      !/(?:^|[:,(–—-]|\b(?:à|au|a|chez|adresse|domicile))\s*$/iu.test(lead) &&
      lead.trim() !== ""
    ) {
      continue;
    }
    const words = (name[1] as string).split(/[ \u00a0]+/);
    // A person's name before a town ("Fabienne Dupuis 23200 Aubusson") or the town alone is no address.
    const keys = words.map((word) => foldSameLength(word));
    if (!number && keys.some((key) => lex.isFirstName(key) && !lex.isWord(key))) continue;
    if (!number && words.length === 1 && lex.isPlace(keys[0] as string)) continue;
    found.push({ start, end, rule: foreign && number ? "address.foreign" : "address.place" });
  }
}

/** Every address without a street number in the text, in text order. */
export function placeAddresses(context: ScanContext): PlaceCandidate[] {
  const found: PlaceCandidate[] = [];
  dwellings(context, found);
  buildings(context, found);
  beforePostCodes(context, found);
  return found.sort((a, b) => a.start - b.start);
}
