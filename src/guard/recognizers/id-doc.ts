import { type Entity, matches, type Recognizer } from "../entity.js";
import { foldSameLength } from "../fold.js";

/** A run of 9 to 12 letters and digits standing alone: what every document number looks like. */
const CANDIDATE =
  /(?<![A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f])[A-Z0-9]{9,12}(?![A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f])/gi;

/** Words that introduce an identity document (accents folded, "’" folded to "'"). */
const CONTEXT =
  /passeport|carte (?:nationale )?d'identite|(?<![a-z])cni(?![a-z])|piece d'identite|titre de sejour/;

/** A cheap first look on the raw text, before folding it. */
const MAYBE_CONTEXT = /passeport|identit|cni|s[eé]jour/i;

/** How far before a number its document's name may be. */
const BEFORE = 40;

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
  find(text) {
    if (!MAYBE_CONTEXT.test(text)) return [];
    const folded = foldSameLength(text);
    const found: Entity[] = [];
    for (const match of matches(CANDIDATE, text)) {
      const rule = documentRule(match[0]);
      if (!rule) continue;
      if (!CONTEXT.test(folded.slice(Math.max(0, match.index - BEFORE), match.index))) continue;
      found.push({
        type: "ID_DOC",
        start: match.index,
        end: match.index + match[0].length,
        confidence: 0.9,
        rule,
      });
    }
    return found;
  },
};
