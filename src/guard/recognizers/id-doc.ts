import { contextOf, type Entity, matches, type Recognizer } from "../entity.js";
import { DisjointSpans } from "../spans.js";

/** A run of 9 to 12 letters and digits standing alone: what every document number looks like. */
const CANDIDATE =
  /(?<![A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f])[A-Z0-9]{9,12}(?![A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f])/gi;

/** Words that introduce an identity document (accents folded, "’" folded to "'"). */
const CONTEXT =
  /passeport|carte (?:nationale )?d'identite|(?<![a-z])cni(?![a-z])|piece d'identite|titre de sejour|carte de sejour|autorisation provisoire|(?<![a-z])aps(?![a-z])|recepisse|permis de conduire|(?<![a-z])(?:dni|nie|tie)(?![a-z])|cartao de cidadao|carta d'identita|personalausweis/;

/** A first look on the raw text: none of these, no document named. */
const MAYBE_CONTEXT =
  /passeport|identit|cni|s[eé]jour|aps|r[eé]c[eé]piss[eé]|permis de conduire|provisoire|\b(?:dni|nie|tie)\b|cidad[aã]o|personalausweis/i;

/** What each of the documents' names holds (accents folded): where to look for numbers. */
const CUES = [
  "passeport",
  "identite",
  "cni",
  "sejour",
  "aps",
  "recepisse",
  "permis de conduire",
  "provisoire",
  // Abroad: Spain's DNI, NIE and TIE, Portugal's and Germany's identity cards.
  "dni",
  "nie",
  "tie",
  "cidadao",
  "personalausweis",
];

/**
 * A number right after its document's "n°" or colon ("passeport roumain n°
 * 057834129", "carte d'identité : RX 483920", "n° 592-1234567-89"): any
 * letters and digits, five digits at least, in one to three groups.
 */
const NUMBERED = /^\s*(?:n°|no\.?|numero|num\.?|:)\s*$/;
const ANY_NUMBER =
  /(?<![A-Za-z0-9])(?=(?:[^\d\n]{0,3}\d){5})[A-Za-z0-9]{1,12}(?:[ -](?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{1,12}){0,2}(?![A-Za-z0-9])/y;

/**
 * Where a number may start for a document's name to be in the 40 characters
 * before it: from the end of a cue to 40 characters after its start, for
 * every cue of the folded text; merged, as [first, last] in text order.
 */
function windows(folded: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const cue of CUES) {
    for (let at = folded.indexOf(cue); at >= 0; at = folded.indexOf(cue, at + 1)) {
      spans.push([at + cue.length, at + BEFORE]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [first, last] of spans) {
    const previous = merged.at(-1);
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

/** How far before a number its document's name may be. */
const BEFORE = 40;
/** The longest candidate, and one character more for its look-ahead. */
const LONGEST = 12;

const PASSPORT = /^\d{2}[A-Z]{2}\d{5}$/i;
const NEW_CNI = /^(?=.*\d)(?=.*[A-Z])[A-Z0-9]{9}$/i;

type Rule = "id-doc.passport" | "id-doc.cni" | "id-doc.residence";

/**
 * The kind of document a number's shape says: a passport (12AB34567), a new
 * identity card (9 letters and digits), a residence permit (10 digits), an
 * old identity card (12 digits); undefined otherwise.
 */
export function documentRule(number: string): Rule | undefined {
  if (PASSPORT.test(number)) return "id-doc.passport";
  if (NEW_CNI.test(number)) return "id-doc.cni";
  if (/^\d{10}$/.test(number)) return "id-doc.residence";
  if (/^\d{12}$/.test(number)) return "id-doc.cni";
  return undefined;
}

/**
 * Identity document numbers, only when a document is named in the 40
 * characters before ("passeport", "carte d'identité", "CNI", "pièce
 * d'identité", "titre de séjour"): passports (`id-doc.passport`), old and
 * new identity cards (`id-doc.cni`), residence permits
 * (`id-doc.residence`), at 0.9.
 */
export const idDocRecognizer: Recognizer = {
  name: "id-doc",
  find(text, context) {
    if (!MAYBE_CONTEXT.test(text)) return [];
    const folded = contextOf(text, context).folded;
    const taken = new DisjointSpans<Entity>();
    // A number counts only with a document's name in the 40 characters before it: only there is
    // the text read.
    for (const [first, last] of windows(folded)) {
      // One character before (the look-behind's) and after the longest candidate (the look-ahead's).
      const from = Math.max(0, first - 1);
      const window = text.slice(from, last + LONGEST + 1);
      for (const match of matches(CANDIDATE, window)) {
        const start = from + match.index;
        if (start < first || start > last) continue;
        const rule = documentRule(match[0]);
        if (!rule) continue;
        if (!CONTEXT.test(folded.slice(Math.max(0, start - BEFORE), start))) continue;
        taken.add({ type: "ID_DOC", start, end: start + match[0].length, confidence: 0.9, rule });
      }
      // "n° 057834129", ": RX 483920": whatever the number's shape, right after the document's "n°".
      // Read within the window only: a text without ":" after it is not read to its end at each step.
      const zone = folded.slice(0, last + 13);
      for (let at = first; at <= last && at < folded.length; at += 1) {
        const colon = zone.indexOf(":", at);
        const numero = zone.indexOf("n", at);
        const next = Math.min(colon < 0 ? Infinity : colon, numero < 0 ? Infinity : numero);
        if (next > last + 12 || !Number.isFinite(next)) break;
        at = next;
        const lead = /^(?:n°|no\.?|numero|num\.?|:)\s*/.exec(folded.slice(at, at + 12));
        if (!lead) continue;
        const start = at + lead[0].length;
        ANY_NUMBER.lastIndex = start;
        const number = ANY_NUMBER.exec(text);
        if (!number || !NUMBERED.test(folded.slice(at, start))) continue;
        // A form's number ("cerfa n° 14011*03") is no one's document.
        if (
          text[start + number[0].length] === "*" ||
          /cerfa\s*$/.test(folded.slice(Math.max(0, at - 8), at))
        )
          continue;
        const end = start + number[0].length;
        taken.add({
          type: "ID_DOC",
          start,
          end,
          confidence: 0.85,
          rule: "id-doc.number",
        });
      }
    }
    return taken.spans;
  },
};
