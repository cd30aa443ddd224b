import { contextOf, type Entity, matches, type Recognizer } from "../entity.js";

/**
 * What announces a birth date (lowercase, accents folded): "né le", "née
 * le", "né(e) le", "né·e le", "né à Porto (Portugal) le", "date de
 * naissance :", "DDN :", "naissance :".
 */
const BIRTH_CONTEXT =
  "(?<![a-z])(?:(?:nee?|ne(?:\\(e\\)|[.·]e))\\s+(?:(?:a|en|au|aux)\\s+(?:(?!avant|apres|plus|depuis|entre|partir|jusqu)[^.;:!?\\n\\d]){2,50}?\\s+)?le|date\\s+(?:de\\s+)?naissance\\s*:?(?:\\s*le)?|ddn\\s*:?|d\\.n\\.\\s*:?|naissance\\s*:|nee?\\s*:)\\s*";

const DAY = "(?:3[01]|[12]\\d|0?[1-9])";
const MONTH_NUMBER = "(?:1[0-2]|0?[1-9])";
/** Month names and their usual abbreviations, accents folded. */
const MONTH_NAME =
  "(?:janvier|janv\\.?|fevrier|fevr?\\.?|mars|avril|avr\\.?|mai|juin|juillet|juil\\.?|aout|septembre|sept\\.?|octobre|oct\\.?|novembre|nov\\.?|decembre|dec\\.?)";

/** 12/03/1985, 12.03.85, 12-03-1985, 1985-03-12; "12 mars 1985", "1er mars 1985". */
const DATE = `(?<numeric>(?<d>${DAY})[/.\\-](?<m>${MONTH_NUMBER})[/.\\-](?<y>\\d{4}|\\d{2}))|(?<iso>(?<iy>(?:19|20)\\d{2})-(?<im>${MONTH_NUMBER})-(?<id>${DAY}))|(?<written>(?<wd>1er|${DAY})\\s+(?<wm>${MONTH_NAME})\\s*(?<wy>\\d{4}))`;

const BIRTHDATE = new RegExp(`${BIRTH_CONTEXT}(?:${DATE})(?!\\d)`, "g");

/**
 * A date in brackets or after a comma right after a name ("Enzo
 * (12/08/2010)", "M. KEITA Mamadou, 03/11/1994, demeurant…"): likely a
 * birth date.
 */
const AFTER_NAME = new RegExp(
  `(?<=\\p{Lu}[\\p{L}'’-]+(?:[ \\u00a0]?\\(|,[ \\u00a0]))(?:${DATE})(?=[),;:]|\\s)`,
  "gu",
);

/** A birth date is a few years old at least: a date of this year or the last ten is a meeting's. */
const LATEST_BIRTH_YEAR = new Date().getFullYear() - 10;

function yearOf(groups: Record<string, string | undefined>): number {
  const written = groups.y ?? groups.iy ?? groups.wy ?? "";
  const year = Number(written);
  return written.length === 2 ? (year > 30 ? 1900 + year : 2000 + year) : year;
}

const MONTHS = [
  "janv",
  "fev",
  "mars",
  "avr",
  "mai",
  "juin",
  "juil",
  "aout",
  "sept",
  "oct",
  "nov",
  "dec",
] as const;

/** The month number (1–12) of a folded month name or abbreviation. */
const monthOf = (name: string) => MONTHS.findIndex((prefix) => name.startsWith(prefix)) + 1;

/** Whether a day exists in a month (29 February always allowed: the year may be two digits). */
function isRealDay(day: number, month: number): boolean {
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= days;
}

/** Whether a matched date names a real day. */
function isReal(groups: Record<string, string | undefined>): boolean {
  if (groups.numeric) return isRealDay(Number(groups.d), Number(groups.m));
  if (groups.iso) return isRealDay(Number(groups.id), Number(groups.im));
  const day = groups.wd === "1er" ? 1 : Number(groups.wd);
  return isRealDay(day, monthOf(groups.wm ?? ""));
}

/**
 * Birth dates: a date right after a birth context ("née le 12 mars 1985",
 * "DDN : 12/03/85"), case- and accent-insensitive; the entity spans the
 * date only (`birthdate.context`, 0.95). A date in brackets right after
 * a name is `possible` (`birthdate.after-name`). A date without either (a
 * council meeting's, an invoice's) is not reported.
 */
export const birthdateRecognizer: Recognizer = {
  name: "birthdate",
  find(text, context) {
    const found: Entity[] = [];
    for (const match of matches(BIRTHDATE, contextOf(text, context).folded)) {
      const groups = match.groups ?? {};
      if (!isReal(groups)) continue;
      const date = groups.numeric ?? groups.iso ?? groups.written ?? "";
      const end = match.index + match[0].length;
      found.push({
        type: "BIRTHDATE",
        start: end - date.length,
        end,
        confidence: 0.95,
        rule: "birthdate.context",
      });
    }
    const { text: original } = contextOf(text, context);
    if (original.includes("(") || original.includes(",")) {
      const starts = new Set(found.map((entity) => entity.start));
      for (const match of matches(AFTER_NAME, original)) {
        const groups = match.groups ?? {};
        if (!isReal(groups) || starts.has(match.index)) continue;
        if (yearOf(groups) > LATEST_BIRTH_YEAR) continue;
        found.push({
          type: "BIRTHDATE",
          start: match.index,
          end: match.index + match[0].length,
          confidence: 0.5,
          rule: "birthdate.after-name",
          certainty: "possible",
        });
      }
    }
    return found;
  },
};
